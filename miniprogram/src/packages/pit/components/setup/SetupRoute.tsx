import { useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { parseBenchmarks, parseControlPoints } from '../../../../services/pit/onboard-form';
import { toast } from '../../../../services/adapters/taro';
import { onboardApi } from '../../onboardApi';
import type { SectionProps } from './types';

/** 水准路线 (benchmarks, start, end, k) and 全站仪控制点 (known E, N, H of stations and backsights). */
export function SetupRoute({ view, onSaved, editable }: SectionProps) {
  const l = view.leveling;
  const [bms, setBms] = useState(l ? Object.entries(l.benchmarks).map(([k, v]) => `${k} ${v}`).join('\n') : '');
  const [start, setStart] = useState(l?.start ?? '');
  const [end, setEnd] = useState(l?.end ?? '');
  const [k, setK] = useState(l ? String(l.kMm) : '1.0');
  const [cps, setCps] = useState(Object.entries(view.controlPoints).map(([id, p]) => `${id} ${p.E} ${p.N}${p.H !== undefined ? ` ${p.H}` : ''}`).join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    const b = parseBenchmarks(bms);
    const c = parseControlPoints(cps);
    const problem = b.problem ?? c.problem;
    if (problem) return setError(problem);
    const kMm = Number(k);
    const leveling = Object.keys(b.benchmarks).length ? { benchmarks: b.benchmarks, start: start.trim(), ...(end.trim() ? { end: end.trim() } : {}), kMm } : undefined;
    if (leveling && (!leveling.start || !(kMm > 0))) return setError('请填写水准路线起点和限差系数 k');
    setBusy(true);
    setError(null);
    try {
      onSaved(await onboardApi.config(view.id, { ...(leveling ? { leveling } : {}), ...(Object.keys(c.points).length ? { controlPoints: c.points } : {}), version: view.version }));
      toast('已保存', 'success');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card pit-setup-section' id='setup-route'>
      <View className='pit-title'>水准路线与控制点</View>
      <View className='pit-form-label'>基准点（每行“编号 高程(m)”）</View>
      <Textarea id='setup-benchmarks' className='pit-textarea' disabled={!editable} value={bms} placeholder='BM1 100.000' onInput={(e) => setBms(e.detail.value)} />
      <View className='row'>
        <Input id='setup-route-start' className='text-input' placeholder='起点，如 BM1' disabled={!editable} value={start} onInput={(e) => setStart(e.detail.value)} />
        <Input id='setup-route-end' className='text-input' placeholder='终点（闭合路线同起点）' disabled={!editable} value={end} onInput={(e) => setEnd(e.detail.value)} />
        <Input id='setup-route-k' className='text-input' type='digit' placeholder='k (mm)' disabled={!editable} value={k} onInput={(e) => setK(e.detail.value)} />
      </View>
      <View className='pit-form-label'>全站仪控制点（每行“编号 E N [高程]”，m）</View>
      <Textarea id='setup-control-points' className='pit-textarea' disabled={!editable} value={cps} placeholder='TS1 2050.000 3050.000 101.2' onInput={(e) => setCps(e.detail.value)} />
      <ErrorText id='setup-route-error' message={error} />
      {editable ? (
        <Button id='setup-route-save' className='btn-block' type='primary' block loading={busy} onClick={() => void save()}>
          保存
        </Button>
      ) : null}
    </View>
  );
}
