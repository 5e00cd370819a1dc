import { forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { Scope } from '@cityloop/shared/policy/scope';
import type { Who } from '@cityloop/shared/policy/rules';

/**
 * The acting role for one of `actions` on a fire-testing record, or 404 for someone who may not even read it and
 * 403 for someone who may read it but not act (docs/ARCHITECTURE.md §3).
 * @example requireFire(actor, ['fire.staff', 'fire.registry'], agency.scope, '机构不存在') // 'agency' | 'regulator'
 */
export function requireFire(actor: Actor, actions: readonly string[], scope: Scope, missing: string): Who {
  for (const a of actions) {
    const d = can(actor, a, { kind: 'fire', scope });
    if (d.allow) return d.who;
  }
  if (can(actor, 'fire.read', { kind: 'fire', scope }).allow) throw forbidden('无权执行此操作', 'fire_forbidden');
  throw notFound(missing);
}

/** Whether the actor may read a fire-testing record. */
export const mayReadFire = (actor: Actor, scope: Scope): boolean => can(actor, 'fire.read', { kind: 'fire', scope }).allow;
