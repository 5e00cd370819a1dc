import { forbidden, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { PIT_ALARMS, type PitAlarm } from './pit.collections';
import { findProject, setWorstLevel } from './project.repository';
import { insertAlarm } from './alarm.repository';
import { alarmMessages, alarmRecipients, channelsFor } from './alarm-notice';
import { HANDLE_WITHIN_MS } from './raise-alarms';
import { requireOwnEvidence } from '../evidence/public';

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
  const event: DomainEvent = { id: newId('ev'), action: 'alarm.raise_danger', at, actorId: actor.userId, role: decision.who, from: 'none', to: 'raised', reason: input.description, evidence: input.evidence, location: input.location };
  // A danger alarm is what the SMS is for: what was found, to every party and both regulators (not back to whoever raised it).
  const recipients = (await alarmRecipients(deps.db, alarm)).filter((u) => u !== actor.userId);
  const messages = alarmMessages(event.id, alarm as unknown as PitAlarm, recipients, at, { channels: channelsFor(deps, at, 'urgent') });
  const doc: PitAlarm = { ...alarm, ...createdAggregate(PIT_ALARMS, id, event, messages, { ...ctx, scope: p.scope }) };
  await insertAlarm(deps.db, doc);
  await setWorstLevel(deps.db, p._id, 'red');
  return doc;
}
