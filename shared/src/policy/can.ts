import type { Actor, RoleBinding } from '../identity/roles';
import { RULES, type Rule, type Who } from './rules';
import type { Resource } from './scope';

/**
 * The outcome of one decision. An allowed decision carries, as data, the rule that allowed it and the
 * role the actor acts in (`citizen`/`anyone` for the public rules), so callers never parse `rule`.
 */
export type Decision = { allow: true; rule: string; who: Who; binding: RoleBinding | null } | { allow: false; reason: string };

const CITIZEN: RoleBinding = { role: 'admin', cityId: '' }; // placeholder binding for citizen/anyone predicates

function bindingsFor(actor: Actor, rule: Rule): RoleBinding[] {
  if (rule.who === 'anyone') return [CITIZEN];
  if (!actor) return [];
  if (rule.who === 'citizen') return [CITIZEN];
  return actor.roles.filter((b) => b.role === rule.who);
}

/**
 * Decides one action on one resource.
 *
 * @example
 *   can({ userId: 'u1', roles: [] }, 'case.read', { kind: 'case', scope: { cityId: 'dg', createdBy: 'u1' } })
 *   // → { allow: true, rule: 'case.read:citizen:created_by_self', who: 'citizen', binding: null }
 */
export function can(actor: Actor, action: string, resource: Resource): Decision {
  for (const rule of RULES) {
    if (rule.action !== action) continue;
    for (const b of bindingsFor(actor, rule)) {
      const a = actor ?? { userId: '', roles: [] };
      if (rule.where.test(b, resource.scope, a)) return { allow: true, rule: `${action}:${rule.who}:${rule.where.name}`, who: rule.who, binding: b === CITIZEN ? null : b };
    }
  }
  return { allow: false, reason: actor ? `no rule allows ${action} on this ${resource.kind}` : 'not signed in' };
}

/**
 * The MongoDB filter selecting exactly the documents `actor` may perform `action` on, built from the same
 * rules as `can`. `null` means none at all (callers return an empty list without querying).
 */
export function scopeFilter(actor: Actor, action: string): Record<string, unknown> | null {
  const clauses: Record<string, unknown>[] = [];
  for (const rule of RULES) {
    if (rule.action !== action) continue;
    for (const b of bindingsFor(actor, rule)) clauses.push(rule.where.filter(b, actor ?? { userId: '', roles: [] }));
  }
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? clauses[0] : { $or: clauses };
}

/** The `policies` map for a response: which of `actions` the actor may perform on `resource`. */
export function policiesFor(actor: Actor, actions: string[], resource: Resource): Record<string, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, resource).allow]));
}

/**
 * Whether `actor` may perform `action` somewhere (in `cityId`, when given), before the resource is known:
 * a binding whose role some rule for `action` names. A request nobody of the actor's roles could ever make
 * is refused plainly (403) instead of searched for.
 * @example holdsRoleFor({ userId: 'u', roles: [{ role: 'areaChief', cityId: 'dg', gridIds: ['g1'] }] }, 'shop.import', 'dg') // true
 */
export function holdsRoleFor(actor: Actor, action: string, cityId?: string): boolean {
  return RULES.some((rule) => rule.action === action && (rule.who === 'anyone' || (!!actor && (rule.who === 'citizen' || actor.roles.some((b) => b.role === rule.who && (cityId === undefined || b.cityId === cityId))))));
}
