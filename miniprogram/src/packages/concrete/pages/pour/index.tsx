import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { pageParam } from '../../../../services/links';
import { isWeapp, navigateTo } from '../../../../services/adapters/taro';
import { nfcReadable, readChipUid } from '../../../../services/adapters/nfc';
import { CONCRETE_PAGES, chipsError } from '../../../../services/concrete/api';
import { ActionButton, Card, Choices, Empty, Field, Row, useLoaded } from '../../components/Bits';
import { useAction } from '../../../../components/useAction';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

/**
 * 见证取样: how many groups the pour needs and the shortfall; the witness checks in at the pour (face + GPS, the
 * check-in page), picks the accepted truck the group comes from and binds the 3 cubes' chips — typed, or scanned on
 * the phone. A chip bound before is refused by the server and nothing is written.
 */
export default function ConcretePourPage() {
  const id = pageParam(useRouter().params.id);
  const pour = useLoaded(async () => {
    const r = await concreteApi.pour(id);
    return { ...r, tickets: await concreteApi.projectTickets(r.data.projectId) };
  });
  const [ticketId, setTicketId] = useState('');
  const [chips, setChips] = useState(['', '', '']);
  const act = useAction();
  const [nfcNote, setNfcNote] = useState('');
  if (!pour.data) return <Page><LoadState error={pour.error} loaded={false} /></Page>;
  const p = pour.data.data;
  const usable = pour.data.tickets.filter((t) => t.member === p.member && t.state === 'accepted');
  const setChip = (i: number, v: string) => setChips((c) => c.map((x, k) => (k === i ? v : x)));
  const scan = async (i: number) => setChip(i, (await Taro.scanCode({ onlyFromCamera: true })).result.trim());
  const readNfc = async (i: number) => {
    setNfcNote('请把第 ' + (i + 1) + ' 块试件的芯片贴近手机背面');
    try {
      setChip(i, await readChipUid());
      setNfcNote('');
    } catch (e) {
      setNfcNote((e as Error).message);
    }
  };
  const submit = () =>
    act.run(async () => {
      if (!ticketId) throw new Error('请选择取样的运输单（已验收的车次）');
      const bad = chipsError(chips);
      if (bad) throw new Error(bad);
      await concreteApi.sample(id, { ticketId, chips: chips.map((c) => c.trim().toUpperCase()) });
      setChips(['', '', '']);
      await pour.reload();
    });
  return (
    <Page>
      <Card title={`${p.member} ${p.grade} ${p.volumeM3} m³`}>
        <Row label='应留置标养试件'><Text id='cc-pour-required'>{`${p.requiredGroups} 组`}</Text></Row>
        <Row label='已取样'><Text id='cc-pour-sampled'>{`${p.sampledGroups} 组`}</Text></Row>
        <Row label='缺少'><Text id='cc-pour-shortfall' className={p.shortfall > 0 ? 'cc-bad' : 'cc-good'}>{p.shortfall > 0 ? `${p.shortfall} 组` : '无'}</Text></Row>
      </Card>
      <Card title='试件组'>
        {p.groups.length === 0 ? <Empty text='尚未取样' /> : null}
        {p.groups.map((g) => <Row key={g.id} className='cc-group-row' label={g.chips.join(' / ')}>{`${g.stateLabel}${g.representativeMPa != null ? ` ${g.representativeMPa} MPa` : ''}`}</Row>)}
      </Card>
      {pour.data.policies?.sample ? (
        <Card title='见证取样' id='cc-sample'>
          <Button id='cc-pour-checkin' type='primary' onClick={() => navigateTo(CONCRETE_PAGES.checkin(id))}>到场签到（人脸 + 定位）</Button>
          <View className='cc-sub'>取样车次（已验收）</View>
          {!usable.length ? <Empty text='本部位暂无已验收的车次' /> : null}
          <Choices idPrefix='cc-sample-ticket' options={usable.map((t) => ({ value: t.id, label: `${t.plantName} ${t.volumeM3} m³` }))} value={ticketId} onChange={setTicketId} />
          <View className='cc-sub'>芯片编号（每块试件一枚，读卡、扫码或手工输入）</View>
          {chips.map((c, i) => (
            <View key={i} className='cc-actions'>
              <Field id={`cc-chip-${i + 1}`} placeholder={`第 ${i + 1} 块试件芯片编号`} value={c} onInput={(v) => setChip(i, v)} />
              {nfcReadable() ? <Button size='small' onClick={() => void readNfc(i)}>读卡</Button> : null}
              {isWeapp() ? <Button size='small' onClick={() => void scan(i)}>扫码</Button> : null}
            </View>
          ))}
          {nfcNote ? <View className='cc-sub' id='cc-nfc-note'>{nfcNote}</View> : null}
          <act.Error id='cc-sample-error' />
          <ActionButton id='cc-sample-submit' busy={act.busy} onClick={() => void submit()}>绑定芯片并提交</ActionButton>
        </Card>
      ) : null}
    </Page>
  );
}
