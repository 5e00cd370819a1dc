import { invalid } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { parseInclinometerCsv } from '@cityloop/shared/pit/inclinometer-csv.parse';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { policyGate } from '../../platform/command/person-action';
import type { PitPoint } from './pit.collections';
import { findProjectFields } from './project.repository';
import { pointByCode } from './point.repository';
import { pointsChanged } from './ingest-heads';
import { refuseClosed } from './setup-project';
import { uploadErrorForMonitoringUnit } from './upload-errors';

/**
 * 测斜孔初始测值: the hole's initial survey, uploaded as an inclinometer file (docs/domain/pit.md §3.3) by the
 * project's monitoring unit or a regulator, before the first survey is judged. Replacing it once surveys exist
 * is a setup change like any other: audited on the point, with the old profile kept in the event.
 */
export async function setInitialProfile(deps: Deps, actor: NonNullable<Actor>, projectId: string, code: string, text: string, ctx: { requestId?: string; ip?: string }): Promise<PitPoint> {
  const project = await findProjectFields(deps.db, projectId, ['status']);
  if (project) refuseClosed(project as never);
  let csv: ReturnType<typeof parseInclinometerCsv>;
  try {
    csv = parseInclinometerCsv(text);
  } catch (e) {
    throw uploadErrorForMonitoringUnit(e);
  }
  if (csv.hole !== code) throw invalid(`文件是测斜孔 ${csv.hole} 的测值，不是 ${code}`, 'hole_mismatch', { field: 'text' });
  const pt = await runCommand(deps, {
    repo: pointByCode(projectId, code),
    id: code,
    eventAction: 'point.initial_profile',
    actor,
    version: 'none',
    notFoundMessage: '测点不存在',
    staleMessage: '测点已被他人更新，请刷新后重试',
    ctx,
    authorize: policyGate(actor, { kind: 'pit', read: 'pit.read', rule: 'pit.setup', hidden: '测点不存在', refused: '只有本项目的监测单位或本镇街监管部门可以登记初始测值' }),
    precheck: async (p) => {
      if (p.item !== 'deepHorizontal') throw invalid(`测点 ${code} 不是测斜孔`, 'not_inclinometer');
    },
    apply: ({ agg }) => {
      const initialProfile = { time: csv.time, A0: csv.A0, A180: csv.A180, depths_m: csv.depths_m };
      return { set: { initialProfile }, event: { reason: `登记初始测值（${csv.depths_m.length} 个深度）`, data: { from: agg.initialProfile ?? null } } };
    },
  });
  await pointsChanged(deps.db, projectId);
  return pt;
}
