import type { Actor } from '../identity/roles';
import { adminCity, inGrid, regulatorArea, type Predicate } from '../policy/predicates';
import type { Role } from '../identity/roles';
import type { Scope } from '../policy/scope';

/**
 * Who may register shops (CSV import) and print their plaques, as data built from the shared policy
 * predicates: a regulator in their area (town, or the whole city at city level), an area chief in their
 * grids, a platform admin in their city. Kept beside the plaques until these rules join policy/rules.ts.
 */
export const SHOP_RULES: { action: 'shop.import' | 'shop.print'; who: Role; where: Predicate }[] = [
  { action: 'shop.import', who: 'regulator', where: regulatorArea },
  { action: 'shop.import', who: 'areaChief', where: inGrid },
  { action: 'shop.import', who: 'admin', where: adminCity },
  { action: 'shop.print', who: 'regulator', where: regulatorArea },
  { action: 'shop.print', who: 'areaChief', where: inGrid },
  { action: 'shop.print', who: 'admin', where: adminCity },
];

/**
 * Whether `actor` may perform `action` on a shop living in `scope` (cityId, townId, gridId).
 * @example canShop({ userId: 'u', roles: [{ role: 'areaChief', cityId: 'dg', gridIds: ['g1'] }] }, 'shop.print', { cityId: 'dg', townId: 't', gridId: 'g1' }) // true
 */
export function canShop(actor: Actor, action: 'shop.import' | 'shop.print', scope: Scope): boolean {
  if (!actor) return false;
  return SHOP_RULES.some((r) => r.action === action && actor.roles.some((b) => b.role === r.who && r.where.test(b, scope, actor)));
}

/** Whether `actor` holds any role that could import shops somewhere in `cityId` (checked before reading a file). */
export function mayImportShopsIn(actor: Actor, cityId: string): boolean {
  return !!actor && actor.roles.some((b) => b.cityId === cityId && SHOP_RULES.some((r) => r.action === 'shop.import' && r.who === b.role));
}
