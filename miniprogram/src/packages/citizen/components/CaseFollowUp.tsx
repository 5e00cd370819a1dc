import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CASE_REASON_MAX } from '@cityloop/shared/city/case.limits';
import { FormButtons } from '../../../components/FormButtons';
import { ErrorText } from '../../../components/Page';
import { FormTextarea } from '../../../components/FormTextarea';
import { formatTime } from '../../../services/format';
import { type CaseDetail } from '../../../services/city/api';
import { PhotoPicker, type PhotoItem } from './PhotoPicker';

/** 案件编号 and the deadline of the step the case waits for (处置时限 once dispatched), red when overdue. */
export function CaseNumberAndDeadline({ c, now }: { c: CaseDetail; now: Date }) {
  const due = c.stepDue ?? (c.deadline && !c.closedAt ? { label: '处置', at: c.deadline, overdue: c.overdue } : null);
  return (
    <View className='case-ids'>
      <View id='case-number' className='case-id-line' data-id={c.id}>
        <Text className='muted'>案件编号 </Text>
        <Text className='case-id-value cl-code'>{c.id}</Text>
      </View>
      {due ? (
        <View id='case-deadline' className={`case-id-line${due.overdue ? ' city-deadline--overdue' : ''}`} data-overdue={due.overdue ? '1' : '0'}>
          <Text className='muted'>{due.label}时限 </Text>
          <Text className='case-id-value'>{formatTime(due.at, now)}</Text>
          {due.overdue ? <Text> · 已超期</Text> : null}
        </View>
      ) : null}
    </View>
  );
}

/** 补充信息: a note and/or photos for the staff on an open report. */
export function SupplementPanel({ busy, onSubmit, validate }: { busy: boolean; onSubmit: (note: string, photos: string[]) => Promise<boolean>; validate: (note: string, photos: number, uploading: boolean) => string | null }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const invalid = validate(note, photos.length, uploading);
    if (invalid) return setError(invalid);
    if (await onSubmit(note.trim(), photos.map((p) => p.sha256))) {
      setOpen(false);
      setNote('');
      setPhotos([]);
    }
  };
  return (
    <View id='case-supplement' className='card'>
      {!open ? (
        <View className='row'>
          <View className='case-dispute-text'>还有情况要说明？可补充文字或照片，处理人员会看到。</View>
          <Button id='case-supplement-open' size='small' fill='outline' type='primary' onClick={() => setOpen(true)}>
            补充信息
          </Button>
        </View>
      ) : (
        <View>
          <View className='city-form-title'>补充信息</View>
          <FormTextarea id='case-supplement-note' className='city-textarea' value={note} maxlength={CASE_REASON_MAX} placeholder='补充说明（可只上传照片）' onChange={(v) => { setNote(v); setError(null); }} />
          <PhotoPicker idPrefix='case-supplement-photo' items={photos} onChange={(p) => { setPhotos(p); setError(null); }} onBusyChange={setUploading} />
          <ErrorText id='case-supplement-error' message={error} />
          <FormButtons classPrefix='city' submitId='case-supplement-submit' submitting={busy} onCancel={() => setOpen(false)} onSubmit={() => void submit()}>
            提交补充
          </FormButtons>
        </View>
      )}
    </View>
  );
}

/** 撤回: asks once more before taking the report back (it cannot be undone). */
export function WithdrawPanel({ busy, onConfirm }: { busy: boolean; onConfirm: (reason: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <View id='case-withdraw' className='card'>
      {!asking ? (
        <View className='row'>
          <View className='case-dispute-text'>问题已解决或报错了？尚未处置前可撤回上报。</View>
          <Button id='case-withdraw-open' size='small' fill='outline' type='default' onClick={() => setAsking(true)}>
            撤回上报
          </Button>
        </View>
      ) : (
        <View>
          <View className='city-form-title'>确定撤回这条上报？</View>
          <View className='case-dispute-text'>撤回后不再处理，也不能恢复；如问题仍在，需要重新上报。</View>
          <FormTextarea id='case-withdraw-reason' className='city-textarea' value={reason} maxlength={CASE_REASON_MAX} placeholder='撤回原因（选填）' onChange={setReason} />
          <FormButtons classPrefix='city' submitId='case-withdraw-submit' submitting={busy} onCancel={() => setAsking(false)} onSubmit={() => onConfirm(reason.trim())}>
            确认撤回
          </FormButtons>
        </View>
      )}
    </View>
  );
}
