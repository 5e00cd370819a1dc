import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { ALERT_LABELS, type AlertKind } from '@cityloop/shared/concrete/concrete.limits';
import type { Scope } from '@cityloop/shared/policy/scope';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { userIdsWithRoleKeys } from '../../platform/auth/users.repository';
import { CALERTS, type ConcreteAlert } from './concrete.collections';
import { insertDoc } from './concrete-docs.repository';

/** Who hears about a concrete matter: the area's regulators, the project's parties, the plant's and the lab's staff. */
export async function audienceOf(deps: Deps, x: { scope: Scope; projectId?: string; plantId?: string; labId?: string; regulators?: boolean }): Promise<string[]> {
  const keys: string[] = [];
  if (x.regulators !== false) {
    keys.push(`regulator:city:${x.scope.cityId}`);
    if (x.scope.townId) keys.push(`regulator:town:${x.scope.cityId}:${x.scope.townId}`);
  }
  if (x.projectId) keys.push(`project:${x.projectId}`);
  if (x.plantId) keys.push(`plant:org:${x.plantId}`);
  if (x.labId) keys.push(`lab:org:${x.labId}`);
  return userIdsWithRoleKeys(deps.db, keys);
}

/** In-app + WeChat (+ SMS when `sms`) messages about a concrete matter. */
export function concreteMessages(eventId: string, userIds: string[], at: Date, title: string, body: string, page: string, sms = false): OutboxMessage[] {
  return messagesFor(eventId, userIds, at, {
    channels: sms ? ['inbox', 'wechat', 'sms'] : ['inbox', 'wechat'],
    title,
    body,
    link: page,
    wechat: { templateId: WECHAT_TEMPLATES.notice.id, page, data: fitTemplateData({ thing1: title, thing2: body, time3: wechatTime(at) }) },
    ...(sms ? { sms: { templateId: SMS_TEMPLATES.notice.id, params: [title.slice(0, 20), body.slice(0, 20)] } } : {}),
  });
}

/**
 * Raises a concrete alert (its own aggregate): the regulators of the area and the named parties are told in the
 * same insert (outbox). `actorId` null = the platform's own judgement.
 * @example await raiseAlert(deps, { kind: 'unticketed', message: '…', scope, projectId, refs: {} })
 */
export async function raiseAlert(deps: Deps, a: { kind: AlertKind; message: string; scope: Scope; projectId?: string; plantId?: string; labId?: string; refs?: Record<string, string>; actorId?: string | null; ctx?: { requestId?: string; ip?: string } }): Promise<ConcreteAlert> {
  const at = deps.now();
  const id = newId('ca', at.getTime());
  const event: DomainEvent = { id: newId('ev', at.getTime()), action: `concrete.alert_${a.kind}`, at, actorId: a.actorId ?? null, reason: a.message };
  const to = await audienceOf(deps, { scope: a.scope, projectId: a.projectId, plantId: a.plantId, labId: a.labId });
  const sms = a.kind === 'unticketed' || a.kind === 'batch_failed' || a.kind === 'specimen_refused';
  const messages = concreteMessages(event.id, to, at, ALERT_LABELS[a.kind], a.message, `/packages/concrete/pages/alerts/index?id=${id}`, sms);
  const alert: ConcreteAlert = {
    ...createdAggregate(CALERTS, id, event, messages, { ...a.ctx, scope: a.scope }),
    kind: a.kind,
    message: a.message,
    at,
    ...(a.projectId ? { projectId: a.projectId } : {}),
    ...(a.plantId ? { plantId: a.plantId } : {}),
    ...(a.labId ? { labId: a.labId } : {}),
    refs: a.refs ?? {},
    scope: a.scope,
    month: monthOf(at),
  };
  await insertDoc(deps.db, CALERTS, alert);
  return alert;
}

/** The Beijing calendar month of a time, `2026-12`, for the analysis. */
export const monthOf = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
