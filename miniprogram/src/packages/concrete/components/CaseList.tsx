import { navigateTo } from '../../../services/adapters/taro';
import { CONCRETE_PAGES } from '../../../services/concrete/api';
import { LoadState } from '../../../components/LoadState';
import { Card, Empty, Row, useLoaded } from './Bits';
import { concreteApi } from '../concreteApi';

/** The in-situ testing and divergence cases the person can see (optionally of one project), each opening its page. */
export function CaseList({ projectId, id }: { projectId?: string; id: string }) {
  const cases = useLoaded(() => concreteApi.cases());
  const rows = (cases.data ?? []).filter((c) => !projectId || c.projectId === projectId);
  return (
    <Card title='实体检测与核查案件' id={id}>
      <LoadState error={cases.error} loaded={!!cases.data} />
      {cases.data && rows.length === 0 ? <Empty text='暂无' /> : null}
      {rows.map((c) => (
        <Row key={c.id} className='cc-link cc-case-row' label={`${c.kind === 'insitu' ? '实体检测' : '自检与检测不一致'} ${c.member ?? ''}`} onClick={() => navigateTo(CONCRETE_PAGES.case(c.id))}>
          {c.stateLabel}
        </Row>
      ))}
    </Card>
  );
}
