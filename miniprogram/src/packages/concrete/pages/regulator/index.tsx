import { Text } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { navigateTo } from '../../../../services/adapters/taro';
import { CONCRETE_PAGES, bjTime } from '../../../../services/concrete/api';
import { Card, Row, useLoaded, ListState } from '../../components/Bits';
import { concreteApi } from '../../concreteApi';
import { CaseList } from '../../components/CaseList';
import '../../concrete.scss';
import { WholeText } from '../../../../components/WholeText';

/** The regulator's desk: alerts, failed inspection batches, blocked certificates, cases (in-situ testing), plants. */
export default function ConcreteRegulatorPage() {
  const alerts = useLoaded(() => concreteApi.alerts());
  const failed = useLoaded(() => concreteApi.failedBatches());
  const blocked = useLoaded(() => concreteApi.tickets({ blocked: true }));
  const plants = useLoaded(() => concreteApi.plants());
  return (
    <Page>
      <Card title='预警' id='cc-reg-alerts'>
        <ListState of={alerts} empty='暂无预警' />
        {alerts.data?.map((a) => <Row key={a.id} className='cc-alert-row' label={`${bjTime(a.at)} ${a.label}`}><Text className='cc-sub'><WholeText text={a.message} /></Text></Row>)}
      </Card>
      <Card title='不合格检验批' id='cc-reg-failed'>
        <ListState of={failed} />
        {failed.data?.map((b) => <Row key={b.id} className='cc-failed-row' label={`${b.projectName} ${b.plantName} ${b.grade}（${b.groups} 组）`}><Text className='cc-bad'>{b.result ?? '不合格'}</Text></Row>)}
      </Card>
      <Card title='冻结的出厂合格证' id='cc-reg-blocked'>
        <ListState of={blocked} />
        {blocked.data?.map((t) => <Row key={t.id} className='cc-link cc-blocked-row' label={`${t.plantName} ${t.member} ${t.grade} ${t.volumeM3} m³`} onClick={() => navigateTo(CONCRETE_PAGES.ticket(t.id))}>已冻结</Row>)}
      </Card>
      <CaseList id='cc-reg-cases' />
      <Card title='搅拌站（资质与信用）' id='cc-reg-plants'>
        <LoadState error={plants.error} loaded={!!plants.data} />
        {plants.data?.map((p) => (
          <Row key={p.id} className='cc-link cc-plant-row' label={p.name} onClick={() => navigateTo(CONCRETE_PAGES.plant(p.id))}>
            <Text className={p.status === 'qualified' ? '' : 'cc-bad'}>{`${p.statusLabel} · ${p.credit} 分`}</Text>
          </Row>
        ))}
      </Card>
    </Page>
  );
}
