import { invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Scope } from '@cityloop/shared/policy/scope';

/**
 * The city a request of the city's own data is about: the one named, or the caller's only city among the
 * bindings that could act here. A city the caller may not act in is a 404 (it is not theirs to see).
 */
export function targetCity(actor: NonNullable<Actor>, named: string | undefined, _actions?: string[]): string {
  const cities = [...new Set(actor.roles.filter((b) => b.role === 'admin' || b.role === 'regulator').map((b) => b.cityId))];
  const cityId = named ?? (cities.length === 1 ? cities[0] : undefined);
  if (!cityId) throw invalid('请指定城市', 'city_required');
  return cityId;
}

/** Whether the actor may take any of `actions` on something in `scope`. */
export const mayAny = (actor: Actor, actions: string[], scope: Scope) => actions.some((a) => can(actor, a, { kind: 'directory', scope }).allow);

export const cityNotYours = () => notFound('该城市不在您的管理范围内', 'city_not_found');
