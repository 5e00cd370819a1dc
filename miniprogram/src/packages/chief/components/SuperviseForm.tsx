import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from '../../../components/Page';
import { FormTextarea } from '../../../components/FormTextarea';
import { runWrite } from '../../../components/useFormSubmit';
import { beijingDate } from '../../../services/format';
import { SUPERVISE_DUE_CHOICES, superviseDueAt, superviseDueOn, superviseProblem } from '../../../services/city/stats-view';
import type { CaseDetail, WithPolicies } from '../../../services/city/api';
import { toast } from '../../../services/adapters/taro';
import { cityApi } from '../../citizen/cityApi';
import { CASE_REASON_MAX } from '@cityloop/shared/city/case.limits';

/**
 * 督办 for a regulator (shown when the server's policies allow `supervise`): a note and a deadline (明天, 3 天内,
 * 7 天内 or a chosen day, each at 18:00 Beijing). The unit and the area chief are told; the case shows it to
 * everyone. Ids for tests: `#case-supervise`, `#supervise-note`, `.supervise-due[data-days]`, `#supervise-submit`.
 */
export function SuperviseForm({ c, onDone }: { c: CaseDetail; onDone: (r: WithPolicies<CaseDetail>) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [dueAt, setDueAt] = useState<string | null>(null);
  const [busy, setBusy] = useState<'supervise' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const today = beijingDate(new Date());

  const submit = () => {
    const problem = superviseProblem(note, dueAt, new Date());
    if (problem) return setError(problem);
    return runWrite('supervise', { setBusy, setError }, async () => {
      onDone(await cityApi.act(c.id, { action: 'supervise', version: c.version, reason: note.trim(), dueAt: dueAt! }));
      toast('督办已发出', 'success');
      setOpen(false);
      setNote('');
      setDueAt(null);
    });
  };

  if (!open) {
    return (
      <Button id='case-supervise' className='btn-block' fill='outline' onClick={() => setOpen(true)}>
        {c.supervision ? '再次督办' : '督办'}
      </Button>
    );
  }
  return (
    <View id='case-supervise-form' className='card'>
      <View className='city-form-title'>督办</View>
      <View className='city-label'>
        督办意见<Text className='city-required'>*</Text>
      </View>
      <FormTextarea id='supervise-note' className='city-textarea' value={note} maxlength={CASE_REASON_MAX} placeholder='如：群众多次反映，请尽快处置并反馈' onChange={(v) => { setNote(v); setError(null); }} />
      <View className='city-label'>
        督办时限<Text className='city-required'>*</Text>
      </View>
      <View className='city-choices'>
        {SUPERVISE_DUE_CHOICES.map((d) => {
          const at = superviseDueAt(new Date(), d.days);
          return (
            <View key={d.days} className={`city-choice supervise-due${dueAt === at ? ' is-pass' : ''}`} data-days={d.days} data-on={dueAt === at ? '1' : '0'} onClick={() => { setDueAt(at); setError(null); }}>
              {d.label}
            </View>
          );
        })}
        <Picker mode='date' value={today} start={today} onChange={(e) => { setDueAt(superviseDueOn(e.detail.value)); setError(null); }}>
          <View id='supervise-due-date' className='city-choice'>
            {dueAt && !SUPERVISE_DUE_CHOICES.some((d) => superviseDueAt(new Date(), d.days) === dueAt) ? dueAt.slice(0, 10) : '其他日期'}
          </View>
        </Picker>
      </View>
      {dueAt ? <View className='muted'>须于 {dueAt.slice(0, 10)} 18:00 前办结</View> : null}
      <ErrorText id='supervise-error' message={error} />
      <View className='row'>
        <Button fill='outline' onClick={() => setOpen(false)}>
          取消
        </Button>
        <View className='spacer' />
        <Button id='supervise-submit' type='primary' loading={busy !== null} onClick={() => void submit()}>
          发出督办
        </Button>
      </View>
    </View>
  );
}
