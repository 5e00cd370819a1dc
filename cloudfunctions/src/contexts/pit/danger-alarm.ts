import { forbidden, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { PIT_ALARMS, type PitAlarm, type PitProject } from './pit.collections';
import { takeSlots, type Limit } from '../../platform/limits/limit-slots';
import { findProject, setWorstLevel } from './project.repository';
import { insertAlarm } from './alarm.repository';
import { alarmMessages, alarmRecipients, channelsFor } from './alarm-notice';
import { HANDLE_WITHIN_MS } from './raise-alarms';
import { requireOwnEvidence } from '../evidence/public';

/** Per person and project: a worsening site is one alarm and then the telephone, not a stream of SMS. */
export const DANGER_ALARM_LIMIT: Limit = {
  windows: [{ name: 'hour', ms: 3600_000, max: 3 }, { name: 'day', ms: 86_400_000, max: 10 }],
  message: '危险报警过于频繁：每人每个项目每小时最多 3 次、每天 10 次。情况持续恶化请直接电话联系监理单位和监管部门',
};

/** 危险报警 raised by hand from a patrol: always red, straight to every party and the city regulator. */
export async function raiseDangerAlarm(
  deps: Deps,
  actor: NonNullable<Actor>,
  projectId: string,
  input: { description: string; evidence: string[]; location?: { lng: number; lat: number; accuracy?: number } },
  ctx: { requestId?: string; ip?: string },
): Promise<PitAlarm> {
  const p = await findProject(deps.db, projectId);
  if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
  const decision = can(actor, 'alarm.raise_danger', { kind: 'pit', scope: p.scope });
  if (!decision.allow) throw forbidden('只有项目参建单位可以发起危险报警');
  await requireOwnEvidence(deps.db, actor.userId, input.evidence);
  const at = deps.now();
  // Each one texts every party and both regulators: one person cannot spend their SMS for the day.
  const slot = await takeSlots(deps.db, `danger:${actor.userId}:${p._id}`, DANGER_ALARM_LIMIT, at);
  try {
    return await insertDangerAlarm(deps, actor, p, decision.who, input, ctx, at);
  } catch (e) {
    await slot.release();
    throw e;
  }
}

async function insertDangerAlarm(
  deps: Deps,
  actor: NonNullable<Actor>,
  p: PitProject,
  who: string,
  input: { description: string; evidence: string[]; location?: { lng: number; lat: number; accuracy?: number } },
  ctx: { requestId?: string; ip?: string },
  at: Date,
): Promise<PitAlarm> {
  const id = newId('al');
  const alarm = {
    _id: id,
    projectId: p._id,
    projectName: p.name,
    point: '巡视',
    item: 'patrol',
    kind: 'danger' as const,
    level: 'red' as const,
    status: 'raised' as const,
    uploads: [] as string[],
    description: input.description,
    escalated: false,
    dueAt: new Date(at.getTime() + HANDLE_WITHIN_MS.red),
    scope: p.scope,
    createdAt: at,
    updatedAt: at,
  };
  const event: DomainEvent = { id: newId('ev'), action: 'alarm.raise_danger', at, actorId: actor.userId, role: who, from: 'none', to: 'raised', reason: input.description, evidence: input.evidence, location: input.location };
  // A danger alarm is what the SMS is for: what was found, to every party and both regulators (not back to whoever raised it).
  const recipients = (await alarmRecipients(deps.db, alarm)).filter((u) => u !== actor.userId);
  const messages = alarmMessages(event.id, alarm as unknown as PitAlarm, recipients, at, { channels: channelsFor(deps, at, 'urgent') });
  const doc: PitAlarm = { ...alarm, ...createdAggregate(PIT_ALARMS, id, event, messages, { ...ctx, scope: p.scope }) };
  await insertAlarm(deps.db, doc);
  await setWorstLevel(deps.db, p._id, 'red');
  return doc;
}
