import { EVENT_KIND_LABELS, EVENT_SEVERITY, type FireEventKind } from '@cityloop/shared/fire-testing/fire.limits';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { FIRE_EVENTS, type FireEvent } from './firetest.collections';
import { insertEvent } from './event.repository';
import { fireMessages, regulatorsOf, touch, type FireCtx } from './fire-messages';
import type { Scope } from '@cityloop/shared/policy/scope';

export type EventFacts = {
  kind: FireEventKind;
  detail: string;
  agency: { _id: string; name: string; scope: Scope };
  project?: { _id: string; building: { name: string }; scope: Scope; client: { userId?: string } };
  reportId?: string;
  caseId?: string;
  actorId?: string | null;
};

/**
 * Raises an alert into the regulator's loop: an event aggregate, and the regulators of its area told at once
 * (inbox + subscription message; SMS too for a suspected false report).
 */
export async function raiseEvent(deps: Deps, f: EventFacts, ctx: FireCtx): Promise<FireEvent> {
  const t = deps.now();
  const id = newId('fe');
  const scope: Scope = f.project ? f.project.scope : { ...f.agency.scope };
  const title = EVENT_KIND_LABELS[f.kind];
  const subject = f.project ? f.project.building.name : f.agency.name;
  const ev: DomainEvent = { id: newId('ev'), action: 'fire_event.raise', at: t, actorId: f.actorId ?? null, role: f.actorId ? 'agency' : 'system', to: 'open', reason: f.detail };
  const messages = fireMessages(ev.id, await regulatorsOf(deps.db, scope), t, { subject, title, body: `${f.agency.name}：${f.detail}`, page: `packages/fire/pages/event/index?id=${id}`, sms: f.kind === 'suspected_false_report' });
  const doc: FireEvent = {
    ...createdAggregate(FIRE_EVENTS, id, ev, messages, { ...ctx, scope }),
    kind: f.kind,
    severity: EVENT_SEVERITY[f.kind],
    title,
    detail: f.detail,
    agencyId: f.agency._id,
    agencyName: f.agency.name,
    ...(f.project ? { projectId: f.project._id, buildingName: f.project.building.name, ...(f.project.client.userId ? { ownerUserId: f.project.client.userId } : {}) } : {}),
    ...(f.reportId ? { reportId: f.reportId } : {}),
    ...(f.caseId ? { caseId: f.caseId } : {}),
    state: 'open',
    replies: [],
    scope,
    createdAt: t,
    updatedAt: t,
  };
  await insertEvent(deps.db, doc);
  touch(ctx, FIRE_EVENTS, id);
  return doc;
}
