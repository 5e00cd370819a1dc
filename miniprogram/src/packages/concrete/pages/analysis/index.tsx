import { Text } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { navigateTo } from '../../../../services/adapters/taro';
import { CONCRETE_PAGES } from '../../../../services/concrete/api';
import { Card, Empty, Row, useLoaded } from '../../components/Bits';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

/** 质量分析: plants by risk (failure % + divergence % + credit lost), failure rates by supplier, lab and month, 黑站 reports. */
export default function ConcreteAnalysisPage() {
  const a = useLoaded(() => concreteApi.analysis());
  if (!a.data) return <Page><LoadState error={a.error} loaded={false} /></Page>;
  const d = a.data;
  return (
    <Page>
      <Card title='搅拌站风险排序' id='cc-an-plants'>
        {d.plants.map((p, i) => (
          <Row key={p.id} className='cc-link cc-an-plant' label={`${i + 1}. ${p.name}`} onClick={() => navigateTo(CONCRETE_PAGES.plant(p.id))}>
            <Text className={p.risk > 20 ? 'cc-bad' : ''}>{`风险 ${p.risk} · 不合格 ${p.failureRate}% · 不一致 ${p.divergenceRate}% · 信用 ${p.credit}`}</Text>
          </Row>
        ))}
      </Card>
      <Card title='原材料供应商（进场复检不合格率）' id='cc-an-suppliers'>
        {d.suppliers.length === 0 ? <Empty text='暂无' /> : null}
        {d.suppliers.map((s) => <Row key={s.name} label={s.name}>{`${s.failedLots}/${s.lots} 批 · ${s.failureRate}%`}</Row>)}
      </Card>
      <Card title='检测机构' id='cc-an-labs'>
        {d.labs.map((l) => <Row key={l.id} label={l.name}>{`${l.failed}/${l.tested} 组不合格 · ${l.failureRate}%`}</Row>)}
      </Card>
      <Card title='按月' id='cc-an-months'>
        {d.months.length === 0 ? <Empty text='暂无' /> : null}
        {d.months.map((m) => <Row key={m.month} label={m.month}>{`${m.failed}/${m.tested} 组不合格 · ${m.failureRate}%`}</Row>)}
      </Card>
      <Card title='无单供货（疑似黑站）' id='cc-an-unticketed'>
        {d.unticketed.length === 0 ? <Empty text='暂无' /> : null}
        {d.unticketed.map((u) => <Row key={u.plantName} label={u.plantName}><Text className='cc-bad'>{`${u.reports} 次`}</Text></Row>)}
      </Card>
    </Page>
  );
}
