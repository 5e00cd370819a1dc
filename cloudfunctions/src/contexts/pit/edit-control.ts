import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { versionedUpdate } from '../../platform/db/versioned';
import { newId } from '../../platform/ids';
import { PIT_POINTS, type PitPoint } from './pit.collections';
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
  const coll = deps.db.collection<PitPoint>(PIT_POINTS);
  const pt = await coll.findOne({ projectId, code });
  if (!pt || !can(actor, 'pit.read', { kind: 'pit', scope: pt.scope }).allow) throw notFound('测点不存在');
  if (!can(actor, 'pit.edit_control', { kind: 'pit', scope: pt.scope }).allow) throw forbidden('控制值只能由本项目设计单位修改');
  if (input.version !== pt.version) throw invalid('测点已被他人更新，请刷新后再改', 'stale_version');
  const at = deps.now();
  const event: DomainEvent = { id: newId('ev'), action: 'point.edit_control', at, actorId: actor.userId, role: 'designer', reason: input.reason, data: { from: pt.control, to: { cumulative: input.cumulative, rate: input.rate } } };
  const w = eventWrites(PIT_POINTS, pt._id, event, [], { ...ctx, scope: pt.scope });
  await versionedUpdate(coll, pt, { $set: { ...w.$set, control: { cumulative: input.cumulative, rate: input.rate }, controlSource: 'designer' }, $push: w.$push as never });
  // every warm instance re-reads the points of this project on its next upload
  await pointsChanged(deps.db, projectId);
  return (await coll.findOne({ _id: pt._id }))!;
}
