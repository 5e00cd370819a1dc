import { forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { Scope } from '@cityloop/shared/policy/scope';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type AggregateBase, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { DEFAULT_CONCRETE_RULES, type ConcreteRules } from '@cityloop/shared/concrete/consequence-rules';
import { DEFAULT_QUALIFICATION_CONDITIONS } from '@cityloop/shared/concrete/concrete.limits';
import { CRULES, type ConcreteRulesDoc } from './concrete.collections';
import { findDoc } from './concrete-docs.repository';

export type Ctx = { requestId?: string; ip?: string };
/** The request facts an event records. */
export const ctxOf = (c: { get(k: 'requestId'): string; get(k: 'ip'): string | undefined }): Ctx => ({ requestId: c.get('requestId'), ip: c.get('ip') });
export type Person = NonNullable<Actor>;

/**
 * The policy check of a concrete action on a record: hidden (404) without `concrete.read`, refused (403, with the
 * given Chinese reason) without `rule`; answers the acting role.
 */
export function gate(actor: Person, rule: string, scope: Scope, refused: string, hidden = '记录不存在'): string {
  if (!can(actor, 'concrete.read', { kind: 'concrete', scope }).allow) throw notFound(hidden);
  const d = can(actor, rule, { kind: 'concrete', scope });
  if (!d.allow) throw forbidden(refused);
  return d.who as string;
}

/** `gate` on a loaded record, 404 when it does not exist. */
export function gateDoc<T extends { scope: Scope }>(actor: Person, doc: T | null, rule: string, refused: string, hidden: string): { doc: T; who: string } {
  if (!doc) throw notFound(hidden);
  return { doc, who: gate(actor, rule, doc.scope, refused, hidden) };
}

/** The base of a new aggregate created by a person (its first event, audit row and messages). */
export function born(deps: Deps, coll: string, prefix: string, action: string, actor: Person | null, who: string | undefined, reason: string, scope: Scope, ctx: Ctx, opts: { id?: string; data?: Record<string, unknown> } = {}): { base: AggregateBase; event: DomainEvent; at: Date } {
  const at = deps.now();
  const id = opts.id ?? newId(prefix, at.getTime());
  const event: DomainEvent = { id: newId('ev', at.getTime()), action, at, actorId: actor?.userId ?? null, ...(who ? { role: who } : {}), reason, ...(opts.data ? { data: opts.data } : {}) };
  return { base: createdAggregate(coll, id, event, [], { ...ctx, scope: scope as Record<string, unknown> }), event, at };
}

/** A city's concrete rules (consequences, qualification conditions) as data, defaults when the city has none. */
export async function rulesOf(deps: Deps, cityId: string): Promise<ConcreteRules> {
  const doc = await findDoc<ConcreteRulesDoc>(deps.db, CRULES, cityId);
  return {
    divergence: doc?.divergence ?? DEFAULT_CONCRETE_RULES.divergence,
    credit: { ...DEFAULT_CONCRETE_RULES.credit, ...doc?.credit },
    qualificationConditions: doc?.qualificationConditions ?? [...DEFAULT_QUALIFICATION_CONDITIONS],
  };
}
