import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { isWeapp } from '../../../../services/adapters/taro';
import { bjTime, chipsError, type GroupView } from '../../../../services/concrete/api';
import { ActionButton, Card, Empty, Field, Row, useLoaded, ListState } from '../../components/Bits';
import { useAction } from '../../../../components/useAction';
import { concreteApi } from '../../concreteApi';
import { CaseList } from '../../components/CaseList';
import { DeviceKey } from '../../components/DeviceKey';
import { useSessionUser } from '../../../../components/hooks';
import '../../concrete.scss';
import { WholeText } from '../../../../components/WholeText';

/** 收样 of one group: the lab reads each cube's chip; an unknown, foreign or missing chip refuses the specimen. */
function Receive({ g, onDone }: { g: GroupView; onDone: () => void }) {
  const [chips, setChips] = useState(['', '', '']);
  const act = useAction();
  const setChip = (i: number, v: string) => setChips((c) => c.map((x, k) => (k === i ? v : x)));
  const scan = async (i: number) => setChip(i, (await Taro.scanCode({ onlyFromCamera: true })).result.trim());
  const submit = () =>
    act.run(async () => {
      const read = chips.map((c) => c.trim().toUpperCase()).filter(Boolean);
      const bad = read.length ? chipsError(read) : '请读取芯片';
      if (bad) throw new Error(bad);
      await concreteApi.receive(g.id, read);
      onDone();
    });
  return (
    <View className='cc-card cc-receive' id={`cc-receive-${g.id}`}>
      <View className='cc-title'>{`${g.member} ${g.grade}`}</View>
      {chips.map((c, i) => (
        <View key={i} className='cc-actions'>
          <Field id={`cc-receive-${g.id}-chip-${i + 1}`} placeholder={`读取第 ${i + 1} 块芯片`} value={c} onInput={(v) => setChip(i, v)} />
          {isWeapp() ? <Button size='small' onClick={() => void scan(i)}>扫码</Button> : null}
        </View>
      ))}
      <act.Error id={`cc-receive-${g.id}-error`} />
      <ActionButton id={`cc-receive-${g.id}-submit`} busy={act.busy} onClick={() => void submit()}>收样</ActionButton>
    </View>
  );
}

/**
 * 检测机构: the groups waiting to be received (read every chip), refused specimens, and the results — computed by
 * the platform from the press's raw loads; the lab never types a strength.
 */
export default function ConcreteLabPage() {
  const labId = useSessionUser()?.roles?.find((r) => r.role === 'lab' && r.orgId)?.orgId;
  const waiting = useLoaded(() => concreteApi.groups('sampled'));
  const received = useLoaded(() => concreteApi.groups('received'));
  const tested = useLoaded(() => concreteApi.groups('tested'));
  const alerts = useLoaded(() => concreteApi.alerts());
  const refresh = () => {
    void waiting.reload();
    void received.reload();
    void tested.reload();
    void alerts.reload();
  };
  const refusals = alerts.data?.filter((a) => a.kind === 'specimen_refused');
  return (
    <Page>
      <Card title='待收样'>
        <ListState of={waiting} empty='暂无待收样的试件组' />
      </Card>
      {waiting.data?.map((g) => <Receive key={g.id} g={g} onDone={refresh} />)}
      <Card title='拒收记录' id='cc-lab-refusals'>
        <LoadState error={alerts.error} loaded={!!alerts.data} />
        {refusals?.length === 0 ? <Empty text='暂无拒收' /> : null}
        {refusals?.map((a) => <Row key={a.id} label={bjTime(a.at)}><Text className='cc-bad'><WholeText text={a.message} /></Text></Row>)}
      </Card>
      <Card title='已收样待试压' id='cc-lab-received'>
        <ListState of={received} />
        {received.data?.map((g) => <Row key={g.id} className='cc-received-row' label={`${g.member} ${g.grade}`}>{g.chips.join(' / ')}</Row>)}
      </Card>
      <CaseList id='cc-lab-cases' />
      <Card title='试压结果（只读）' id='cc-lab-results'>
        <View className='cc-sub'>强度由平台根据压力机上传的破坏荷载计算，检测人员不能录入或修改强度。</View>
        <ListState of={tested} />
        {tested.data?.map((g) => (
          <Row key={g.id} className='cc-result-row' label={`${g.member} ${g.grade} ${(g.cubeStrengthsMPa ?? []).join('/')} MPa`}>
            <Text className={g.passed ? 'cc-good' : 'cc-bad'}>{g.valid === false ? '无效' : `${g.representativeMPa} MPa ${g.passed ? '合格' : '不合格'}`}</Text>
          </Row>
        ))}
      </Card>
      {labId ? <DeviceKey owner='labs' ownerId={labId} title='登记压力试验机（设备密钥只显示一次）' /> : null}
    </Page>
  );
}
