import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useRecordLoader } from '../../../../components/useRecordLoader';
import { pageParam } from '../../../../services/links';
import type { FireAgencyView } from '../../../../services/fire/api';
import { Card, Row } from '../../components/FireBits';
import { fireApi } from '../../fireApi';
import '../../fire.scss';

/** An agency's profile: practice conditions and qualification, credit with its history, people, instruments, cases. */
export default function FireAgencyPage() {
  const id = pageParam(useRouter().params.id);
  const [a, setA] = useState<FireAgencyView | null>(null);
  const { error } = useRecordLoader(id, '缺少机构编号', async (key) => setA(await fireApi.agency(key)));
  if (!a) return <Page><LoadState error={error} loaded={false} /></Page>;
  return (
    <Page>
      <Card title={a.name}>
        <Row label='从业条件'><Text id='fire-agency-qualified' className={a.qualified ? 'fire-good' : 'fire-bad'}>{a.qualified ? '符合，可承接业务' : '不符合，暂停承接新业务'}</Text></Row>
        {a.reasons.map((r) => <View key={r} className='fire-sub fire-bad'>{r}</View>)}
        <Row label='信用分'><Text id='fire-agency-credit'>{String(a.credit.score)}</Text></Row>
      </Card>
      <Card title='信用记录'>
        {a.credit.history.length === 0 ? <View className='fire-sub'>无扣分记录</View> : null}
        {a.credit.history.map((h, i) => <Row key={i} label={h.at.slice(0, 10)}>{`${h.delta} → ${h.score}：${h.reason}`}</Row>)}
      </Card>
      <Card title='人员'>
        {(a.people ?? []).map((p) => <Row key={p.id} label={p.name}>{`${p.kindLabel} ${p.registrationNo ?? p.certificateNo ?? ''}`}</Row>)}
      </Card>
      <Card title='仪器'>
        {(a.instruments ?? []).map((i) => <Row key={i.id} label={`${i.type} ${i.serial}`}><Text className={i.expired ? 'fire-bad' : ''}>{`有效期至 ${i.validUntil}${i.expired ? '（超期）' : ''}`}</Text></Row>)}
      </Card>
      {(a.cases ?? []).length ? <Card title='立案调查'>{a.cases!.map((c) => <Row key={c.id} label={c.reportNumber}>{`${c.stateLabel} · ${c.conflictingItems.join('、')}`}</Row>)}</Card> : null}
    </Page>
  );
}
