import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useSessionUser } from '../../../../components/hooks';
import { pageParam } from '../../../../services/links';
import { navigateTo } from '../../../../services/adapters/taro';
import { CONCRETE_PAGES, bjTime } from '../../../../services/concrete/api';
import { ActionButton, Card, Empty, Field, Row, useLoaded, ListState } from '../../components/Bits';
import { useAction } from '../../../../components/useAction';
import { concreteApi } from '../../concreteApi';
import { CaseList } from '../../components/CaseList';
import { Unticketed } from '../../components/Unticketed';
import '../../concrete.scss';

/** 浇筑登记 (the contractor): member, grade, volume; the platform says how many groups it needs. */
function RegisterPour({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [member, setMember] = useState('');
  const [grade, setGrade] = useState('C30');
  const [volume, setVolume] = useState('');
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      const v = Number(volume);
      if (!(v > 0)) throw new Error('请填写浇筑方量');
      await concreteApi.registerPour({ projectId, member: member.trim(), grade: grade.trim().toUpperCase(), volumeM3: v, date: new Date().toISOString() });
      setMember('');
      setVolume('');
      onDone();
    });
  return (
    <Card title='浇筑登记' id='cc-pour-new'>
      <Field id='cc-pour-member' placeholder='浇筑部位，如 3F 板 B2' value={member} onInput={setMember} />
      <Field id='cc-pour-grade' placeholder='强度等级，如 C30' value={grade} onInput={setGrade} />
      <Field id='cc-pour-volume' type='digit' placeholder='浇筑方量（m³）' value={volume} onInput={setVolume} />
      <act.Error id='cc-pour-error' />
      <ActionButton id='cc-pour-submit' busy={act.busy} onClick={() => void submit()}>登记浇筑</ActionButton>
    </Card>
  );
}

/** 工程项目: the trucks to accept on arrival, the pours with their sampling (required groups, shortfall). */
export default function ConcreteProjectPage() {
  const id = pageParam(useRouter().params.id);
  const user = useSessionUser();
  const contractor = !!user?.roles?.some((r) => r.role === 'contractor');
  const pours = useLoaded(() => concreteApi.pours(id));
  const tickets = useLoaded(() => concreteApi.projectTickets(id));
  if (!pours.data) return <Page><LoadState error={pours.error} loaded={false} /></Page>;
  return (
    <Page>
      <Card title={pours.data.project.name}>
        <Row label='委托检测机构'>{pours.data.project.lab ?? '尚未委托'}</Row>
      </Card>
      <Card title='运输单（进场验收）' id='cc-project-tickets'>
        <ListState of={tickets} empty='暂无运输单' />
        {tickets.data?.map((t) => (
          <Row key={t.id} className='cc-link cc-ticket-row' label={`${bjTime(t.departAt)} ${t.plantName} ${t.member} ${t.grade} ${t.volumeM3} m³`} onClick={() => navigateTo(CONCRETE_PAGES.ticket(t.id))}>
            <Text className={t.state === 'issued' ? 'cc-bad' : ''}>{t.stateLabel}</Text>
          </Row>
        ))}
      </Card>
      <Card title='浇筑与见证取样' id='cc-project-pours'>
        {pours.data.pours.length === 0 ? <Empty text='暂无浇筑记录' /> : null}
        {pours.data.pours.map((p) => (
          <Row key={p.id} className='cc-link cc-pour-row' label={`${p.member} ${p.grade} ${p.volumeM3} m³`} onClick={() => navigateTo(CONCRETE_PAGES.pour(p.id))}>
            <Text className={p.shortfall > 0 ? 'cc-bad' : 'cc-good'}>{`${p.sampledGroups}/${p.requiredGroups} 组${p.shortfall > 0 ? ` 缺 ${p.shortfall}` : ''}`}</Text>
          </Row>
        ))}
        <View className='cc-sub'>点浇筑记录进入见证取样（须先到场签到）</View>
      </Card>
      <CaseList id='cc-project-cases' projectId={id} />
      {contractor ? <RegisterPour projectId={id} onDone={() => void pours.reload()} /> : null}
      {contractor ? <Unticketed projectId={id} /> : null}
    </Page>
  );
}
