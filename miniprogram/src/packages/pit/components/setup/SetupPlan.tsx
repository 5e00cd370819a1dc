import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PLAN_STAGES, PLAN_STAGE_LABELS, type PlanStage } from '@cityloop/shared/pit/domain/monitoring-plan';
import { ErrorText } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { toast } from '../../../../services/adapters/taro';
import { onboardApi } from '../../onboardApi';
import { Options } from './Options';
import type { SectionProps } from './types';

/** 监测方案: the construction stage now and how often each item is measured in it (times a day; 0.5 = every 2 days). */
export function SetupPlan({ view, onSaved, editable }: SectionProps) {
  const [stage, setStage] = useState<PlanStage>(view.plan.stage);
  const [perDay, setPerDay] = useState<Record<string, string>>(Object.fromEntries(view.plan.current.map((c) => [c.item, String(Number(c.perDay.toFixed(3)))])));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    const row: Record<string, number> = {};
    for (const c of view.plan.current) {
      const v = Number(perDay[c.item]);
      if (!(v > 0)) return setError(`请填写“${c.itemLabel}”的频率（每日次数）`);
      row[c.item] = v;
    }
    setBusy(true);
    setError(null);
    try {
      const frequencies = { ...view.plan.frequencies, [stage]: { ...(view.plan.frequencies[stage] ?? {}), ...row } };
      onSaved(await onboardApi.plan(view.id, { stage, frequencies, version: view.version }));
      toast('监测方案已保存', 'success');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card pit-setup-section' id='setup-plan'>
      <View className='pit-title'>监测方案</View>
      <View className='pit-form-label'>当前施工阶段</View>
      <Options id='setup-plan-stage' value={stage} options={PLAN_STAGES.map((s) => ({ value: s, label: PLAN_STAGE_LABELS[s] }))} onChange={(s) => editable && setStage(s)} />
      {view.plan.current.length === 0 ? <View className='pit-note'>导入测点后按监测项填写频率</View> : null}
      {view.plan.current.map((c) => (
        <View key={c.item} className='row' data-item={c.item}>
          <Text>{c.itemLabel}</Text>
          <View className='spacer' />
          <Input id={`setup-plan-${c.item}`} className='text-input' type='digit' disabled={!editable} value={perDay[c.item] ?? ''} onInput={(e) => setPerDay({ ...perDay, [c.item]: e.detail.value })} />
          <Text className='muted'> 次/日（现 {c.text}）</Text>
        </View>
      ))}
      <View className='pit-note'>未按方案频率上传数据将记为“缺测”，通知监管部门（GB 50497 表7.0.3）。</View>
      <ErrorText id='setup-plan-error' message={error} />
      {editable ? (
        <Button id='setup-plan-save' className='btn-block' type='primary' block loading={busy} onClick={() => void save()}>
          保存监测方案
        </Button>
      ) : null}
    </View>
  );
}
