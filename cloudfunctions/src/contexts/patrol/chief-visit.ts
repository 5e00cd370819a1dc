import { messagesFor } from '@cityloop/shared/notify/message';
import { wechatTime } from '@cityloop/shared/notify/templates';
import type { Scope } from '@cityloop/shared/policy/scope';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { deliverNow } from '../../platform/outbox/deliver-now';
import { PATROL_TASKS, type PatrolTaskDoc } from './patrol.collections';
import { insertPatrolTaskOnce } from './patrol.repository';

/**
 * 片长走访 as a task: the grid's area chief must visit the target (a shop fallen to grade D) by the deadline; their
 * check-in there completes it. One task per target and day (`key`): a rerun of the job adds none.
 */
export async function createChiefVisit(deps: Deps, v: { targetId: string; targetName: string; chiefId: string | null; reason: string; deadline: Date; scope: Scope; key: string }): Promise<boolean> {
  const t = deps.now();
  const id = `pt_visit_${v.targetId}_${v.key}`;
  const event: DomainEvent = { id: newId('ev'), action: 'patrol.visit_task', at: t, actorId: null, role: 'system', data: { targetId: v.targetId, deadline: v.deadline } };
  const messages = v.chiefId
    ? messagesFor(event.id, [v.chiefId], t, { channels: ['inbox'], title: `片长走访：${v.targetName}`.slice(0, 40), body: `${v.reason}，请于 ${wechatTime(v.deadline)} 前到现场走访并扫码打卡。`, link: '/packages/chief/pages/coverage/index' })
    : [];
  const doc: PatrolTaskDoc = {
    ...createdAggregate(PATROL_TASKS, id, event, messages, { scope: v.scope }),
    kind: 'chief_visit',
    targetId: v.targetId,
    targetName: v.targetName,
    assigneeId: v.chiefId,
    reason: v.reason,
    deadline: v.deadline,
    state: 'open',
    scope: v.scope,
    createdAt: t,
  };
  const inserted = await insertPatrolTaskOnce(deps.db, doc);
  if (inserted) await deliverNow(deps, [{ collection: PATROL_TASKS, id }], { log: deps.log, budgetMs: 5_000 });
  return inserted;
}
