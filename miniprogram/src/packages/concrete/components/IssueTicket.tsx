import { useState } from 'react';
import { View } from '@tarojs/components';
import type { TicketView } from '../../../services/concrete/api';
import { bjTime } from '../../../services/concrete/api';
import { ActionButton, Card, Choices, Empty, Field, useLoaded } from './Bits';
import { useAction } from '../../../components/useAction';
import { concreteApi } from '../concreteApi';

/**
 * 开具电子运输单: one per truck — the project and the member it goes to, the mix, the volume, and the batches (盘)
 * the batching system posted for that mix. The server refuses an unqualified plant, an unopened mix, a batch on
 * another ticket.
 */
export function IssueTicket({ plantId, onIssued }: { plantId: string; onIssued: (t: TicketView) => void }) {
  const projects = useLoaded(() => concreteApi.plantProjects(plantId));
  const mixes = useLoaded(() => concreteApi.plantMixes(plantId));
  const batches = useLoaded(() => concreteApi.plantBatches(plantId));
  const [projectId, setProjectId] = useState('');
  const [mixId, setMixId] = useState('');
  const [member, setMember] = useState('');
  const [volume, setVolume] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const act = useAction();
  const ofMix = (batches.data ?? []).filter((b) => b.mixId === mixId);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const submit = () =>
    act.run(async () => {
      const v = Number(volume);
      if (!projectId) throw new Error('请选择工程项目');
      if (member.trim().length < 2) throw new Error('请填写浇筑部位');
      if (!mixId) throw new Error('请选择配合比');
      if (!(v > 0)) throw new Error('请填写方量');
      if (!picked.length) throw new Error('请选择本车的生产盘次');
      const t = await concreteApi.issueTicket(plantId, { projectId, member: member.trim(), mixId, volumeM3: v, batchIds: picked, departAt: new Date().toISOString() });
      setPicked([]);
      setMember('');
      setVolume('');
      onIssued(t);
    });
  return (
    <Card title='开具电子运输单' id='cc-issue'>
      <View className='cc-sub'>工程项目</View>
      <Choices idPrefix='cc-issue-project' options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))} value={projectId} onChange={setProjectId} />
      <Field id='cc-issue-member' placeholder='浇筑部位，如 3F 板 B2' value={member} onInput={setMember} />
      <View className='cc-sub'>配合比</View>
      <Choices idPrefix='cc-issue-mix' options={(mixes.data ?? []).filter((m) => m.opened).map((m) => ({ value: m.id, label: `${m.code} ${m.grade}` }))} value={mixId} onChange={(v) => { setMixId(v); setPicked([]); }} />
      <Field id='cc-issue-volume' type='digit' placeholder='方量（m³）' value={volume} onInput={setVolume} />
      <View className='cc-sub'>生产盘次（生产控制系统上传）</View>
      {batches.data && mixId && !ofMix.length ? <Empty text='该配合比暂无未开单的生产记录' /> : null}
      <Choices idPrefix='cc-issue-batch' options={ofMix.map((b) => ({ value: b.id, label: `${b.batchNo} ${b.volumeM3} m³ ${bjTime(b.at)}${b.flagged ? ' 超差' : ''}` }))} value={picked} onChange={toggle} />
      <act.Error id='cc-issue-error' />
      <ActionButton id='cc-issue-submit' busy={act.busy} onClick={() => void submit()}>开单并生成二维码</ActionButton>
    </Card>
  );
}
