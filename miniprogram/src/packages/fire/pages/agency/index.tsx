import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useRecordLoader } from '../../../../components/useRecordLoader';
import { pageParam } from '../../../../services/links';
import { session } from '../../../../services/client';
import { joinUrl } from '../../../../services/api';
import { apiBaseFor } from '../../../../services/config';
import { isH5, navigateTo, taroEnv, toast } from '../../../../services/adapters/taro';
import { openPdf } from '../../../../services/adapters/pit-files';
import { FIRE_PAGES, instrumentLabelPath, type FireAgencyView, type FireInstrumentView } from '../../../../services/fire/api';
import { PRACTICE_FLAG_LABELS, type PracticeFlag } from '@cityloop/shared/fire-testing/fire.limits';
import { Card, Row } from '../../components/FireBits';
import { useAction } from '../../../../components/useAction';
import { InstrumentForm, PersonForm } from '../../components/RegistryForms';
import { fireApi } from '../../fireApi';
import { WholeText } from '../../../../components/WholeText';
import '../../fire.scss';

const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);
const FLAGS = Object.keys(PRACTICE_FLAG_LABELS) as PracticeFlag[];

/**
 * An agency's profile: practice conditions and qualification, credit with its history, people with their levels,
 * instruments with calibration and a printable QR label, cases; the regulator or the agency's staff register people
 * and instruments here (a second registration of an engineer elsewhere is refused with the server's message).
 */
export default function FireAgencyPage() {
  const id = pageParam(useRouter().params.id);
  const [a, setA] = useState<FireAgencyView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { error, load } = useRecordLoader(id, '缺少机构编号', async (key) => setA(await fireApi.agency(key)));
  const act = useAction();
  if (!a) return <Page><LoadState error={error} loaded={false} /></Page>;
  const done = async (msg: string) => {
    setNotice(msg);
    await load();
  };
  const label = (i: FireInstrumentView) => act.run(async () => {
    await openPdf(joinUrl(base, instrumentLabelPath(i.id)), session.getToken(), `仪器标签-${i.serial}.pdf`);
    if (isH5()) toast('标签已下载');
  });
  return (
    <Page>
      <Card title={a.name}>
        <Row label='从业条件'><Text id='fire-agency-qualified' className={a.qualified ? 'fire-good' : 'fire-bad'}>{a.qualified ? '符合，可承接业务' : '不符合，暂停承接新业务'}</Text></Row>
        {a.reasons.map((r) => <View key={r} className='fire-sub fire-bad fire-agency-reason'>{r}</View>)}
        <Row label='信用分'><Text id='fire-agency-credit'>{String(a.credit.score)}</Text></Row>
        <Row label='统一社会信用代码'>{a.creditCode}</Row>
      </Card>
      <Card title='从业条件' id='fire-agency-practice'>
        <Row label='执业范围'>{a.practice.scope}</Row>
        <Row label='工作场所'>{`${a.practice.workplaceM2} ㎡`}</Row>
        {FLAGS.map((k) => <Row key={k} label={PRACTICE_FLAG_LABELS[k]}><Text className={a.practice[k] ? 'fire-good' : 'fire-bad'}>{a.practice[k] ? '具备' : '不具备'}</Text></Row>)}
      </Card>
      <Card title='信用记录'>
        {a.credit.history.length === 0 ? <View className='fire-sub'>无扣分记录</View> : null}
        {a.credit.history.map((h, i) => <Row key={i} label={h.at.slice(0, 10)}>{`${h.delta} → ${h.score}：${h.reason}`}</Row>)}
      </Card>
      <Card title={`人员（${a.people?.length ?? 0}）`} id='fire-agency-people'>
        {(a.people ?? []).length === 0 ? <View className='fire-sub'>暂无登记人员</View> : null}
        {(a.people ?? []).map((p) => <Row key={p.id} label={p.name}>{`${p.kindLabel} ${p.registrationNo ?? p.certificateNo ?? ''}${p.validUntil ? ` 至 ${p.validUntil}` : ''}`}</Row>)}
      </Card>
      <Card title={`仪器（${a.instruments?.length ?? 0}）`} id='fire-agency-instruments'>
        {(a.instruments ?? []).length === 0 ? <View className='fire-sub'>暂无登记仪器</View> : null}
        {(a.instruments ?? []).map((i) => (
          <View key={i.id} className='fire-row'>
            <View>
              <View><WholeText text={`${i.type} ${i.serial}`} /></View>
              <View className={i.expired ? 'fire-sub fire-bad' : 'fire-sub'}><WholeText text={`证书 ${i.calibrationNo} · 有效期至 ${i.validUntil}${i.expired ? '（超期）' : ''}`} /></View>
            </View>
            <Text className='fire-pill' id={`fire-label-${i.serial}`} onClick={() => label(i)}>打印标签</Text>
          </View>
        ))}
        <act.Error />
      </Card>
      {(a.cases ?? []).length ? <Card title='立案调查'>{a.cases!.map((c) => <Row key={c.id} label={c.reportNumber}>{`${c.stateLabel} · ${c.conflictingItems.join('、')}`}</Row>)}</Card> : null}
      {notice ? <View className='fire-card fire-good' id='fire-notice'>{notice}</View> : null}
      <PersonForm agencyId={a.id} onDone={done} />
      <InstrumentForm agencyId={a.id} onDone={done} />
      <View className='fire-actions' style={{ padding: '0 24px 24px' }}>
        <Button id='fire-instruments-import' onClick={() => navigateTo(FIRE_PAGES.importInstruments(a.id))}>批量导入仪器</Button>
      </View>
    </Page>
  );
}
