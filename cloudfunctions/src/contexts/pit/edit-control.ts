import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { policyGate } from '../../platform/command/person-action';
import type { PitPoint } from './pit.collections';
import { pointByCode } from './point.repository';
import { pointsChanged } from './ingest-heads';

/** GB 50497 §8.0.1: the designer fixes control values. Only the design party may change them; every change is kept. */
export async function editControl(
  deps: Deps,
  actor: NonNullable<Actor>,
  projectId: string,
  code: string,
  input: { cumulative: number; rate: number | null; reason: string; version: number },
  ctx: { requestId?: string; ip?: string },
): Promise<PitPoint> {
  const pt = await runCommand(deps, {
    repo: pointByCode(projectId, code),
    id: code,
    eventAction: 'point.edit_control',
    actor,
    version: input.version,
    notFoundMessage: '测点不存在',
    staleMessage: '测点已被他人更新，请刷新后再改',
    ctx,
    authorize: policyGate(actor, { kind: 'pit', read: 'pit.read', rule: 'pit.edit_control', hidden: '测点不存在', refused: '控制值只能由本项目设计单位修改' }),
    apply: ({ agg: p }) => {
      const control = { cumulative: input.cumulative, rate: input.rate };
      return { set: { control, controlSource: 'designer' }, event: { reason: input.reason, data: { from: p.control, to: control } } };
    },
  });
  // every warm instance re-reads the points of this project on its next upload
  await pointsChanged(deps.db, projectId);
  return pt;
}
