import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { MATERIAL_LABELS, type Material } from '@cityloop/shared/concrete/concrete.limits';
import type { TraceView } from '../../../../services/concrete/api';
import { ActionButton, Card, Choices, Empty, Field, Row, useLoaded } from '../../components/Bits';
import { useAction } from '../../../../components/useAction';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

type By = 'member' | 'ticket' | 'chip';

/** The chain of a member, a ticket's code or a chip: pours → trucks → batches → material lots → specimens → loads → evaluation. */
function Chain({ t }: { t: TraceView }) {
  return (
    <>
      <Card title={`${t.project.name} ${t.member}`} id='cc-trace-head'>
        <Row label='委托检测机构'>{t.project.lab ?? '—'}</Row>
        {t.pours.map((p) => <Row key={p.id} label={`浇筑 ${p.grade} ${p.volumeM3} m³`}>{`${p.sampledGroups}/${p.requiredGroups} 组`}</Row>)}
      </Card>
      <Card title={`运输单（${t.tickets.length}）`} id='cc-trace-tickets'>
        {t.tickets.map((x) => <Row key={x.id} label={`${x.plant} ${x.volumeM3} m³ 坍落度 ${x.slumpMm ?? '—'}`}>{`${x.certificateBlocked ? '合格证冻结' : '合格证正常'}${x.selfTestMPa != null ? ` 自检 ${x.selfTestMPa}` : ''}`}</Row>)}
      </Card>
      <Card title={`生产盘次（${t.batches.length}）`} id='cc-trace-batches'>
        {t.batches.map((b) => <Row key={b.id} label={`第 ${b.batchNo} 盘 ${b.volumeM3} m³`}><Text className={b.flagged ? 'cc-bad' : ''}>{b.flagged ? '计量超差' : '正常'}</Text></Row>)}
      </Card>
      <Card title={`原材料批次（${t.lots.length}）`} id='cc-trace-lots'>
        {t.lots.map((l) => <Row key={l.id} className='cc-trace-lot' label={`${MATERIAL_LABELS[l.material as Material] ?? l.material} ${l.lotNo}`}>{`${l.supplier} · ${{ pass: '复检合格', fail: '复检不合格', pending: '待检' }[l.test] ?? l.test}`}</Row>)}
      </Card>
      <Card title={`试件组（${t.groups.length}）`} id='cc-trace-groups'>
        {t.groups.map((g) => (
          <View key={g.id} className='cc-row'>
            <Text>{`${g.chips.join('/')}：${g.loadsKN.map((l) => `${l.kN} kN`).join('、') || '未试压'}`}</Text>
            <Text className={g.passed === false ? 'cc-bad' : ''}>{g.representativeMPa != null ? `${g.representativeMPa} MPa` : g.state}</Text>
          </View>
        ))}
      </Card>
      <Card title='检验批评定' id='cc-trace-evaluations'>
        {t.evaluations.length === 0 ? <Empty text='尚未评定' /> : null}
        {t.evaluations.map((e) => <Row key={e.id} label={`${e.grade}（${e.groups} 组）`}><Text className={e.result === '合格' ? 'cc-good' : 'cc-bad'}>{e.result ?? '待评定'}</Text></Row>)}
      </Card>
    </>
  );
}

export default function ConcreteTracePage() {
  const projects = useLoaded(() => concreteApi.projects());
  const [by, setBy] = useState<By>('member');
  const [projectId, setProjectId] = useState('');
  const [value, setValue] = useState('');
  const [trace, setTrace] = useState<TraceView | null>(null);
  const act = useAction();
  const search = () =>
    act.run(async () => {
      const v = value.trim();
      if (!v) throw new Error(by === 'member' ? '请填写构件部位' : by === 'ticket' ? '请粘贴运输单二维码链接' : '请填写芯片编号');
      if (by === 'member' && !projectId) throw new Error('请选择工程项目');
      setTrace(null);
      setTrace(await concreteApi.trace(by === 'member' ? { projectId, member: v } : by === 'ticket' ? { ticket: v } : { chip: v }));
    });
  return (
    <Page>
      <Card title='追溯起点'>
        <Choices idPrefix='cc-trace-by' options={[{ value: 'member', label: '构件' }, { value: 'ticket', label: '运输单二维码' }, { value: 'chip', label: '芯片' }]} value={by} onChange={(v) => { setBy(v); setValue(''); }} />
        {by === 'member' ? <Choices idPrefix='cc-trace-project' options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))} value={projectId} onChange={setProjectId} /> : null}
        <Field id='cc-trace-value' placeholder={by === 'member' ? '构件部位，如 3F 板 B2' : by === 'ticket' ? '运输单二维码链接' : '芯片编号'} value={value} onInput={setValue} />
        <act.Error id='cc-trace-error' />
        <ActionButton id='cc-trace-submit' busy={act.busy} onClick={() => void search()}>追溯</ActionButton>
      </Card>
      {trace ? <Chain t={trace} /> : null}
    </Page>
  );
}
