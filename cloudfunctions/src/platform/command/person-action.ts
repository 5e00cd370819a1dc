import { forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { Scope } from '@cityloop/shared/policy/scope';

/** The policy check of a person's command: the rule to see the record, the rule to act, and what each refusal says. */
export type PolicyGate = { kind: string; read: string; rule: string; hidden: string; refused: string };

/**
 * A command's `authorize` from the policy rules: without `read` the record is hidden (404), without `rule`
 * the action is refused (403); the role of the matched rule acts.
 * @example authorize: policyGate(actor, { kind: 'pit', read: 'pit.read', rule: 'pit.edit_control', hidden: '测点不存在', refused: '…' })
 */
export const policyGate =
  <T extends { scope: Scope }, W extends string>(actor: NonNullable<Actor>, gate: PolicyGate) =>
  (agg: T): W => {
    if (!can(actor, gate.read, { kind: gate.kind, scope: agg.scope }).allow) throw notFound(gate.hidden);
    const decision = can(actor, gate.rule, { kind: gate.kind, scope: agg.scope });
    if (!decision.allow) throw forbidden(gate.refused);
    return decision.who as W;
  };

/**
 * The runner fields of a person's action on a `kind` aggregate, taken from the request: the event is
 * `<kind>.<action>`, the record is seen by `<kind>.read`, and `rule` permits the action.
 * @example runCommand(deps, { ...personAction<CityCase, CaseAction, CaseActor>(actor, 'case', cmd, { rule: 'case.accept', hidden, refused }), repo, id, ... })
 */
export const personAction = <T extends { scope: Scope }, A extends string, W extends string>(
  actor: NonNullable<Actor>,
  kind: string,
  request: { action: A; version: number },
  gate: { rule: string; hidden: string; refused: string },
) => ({
  actor,
  action: request.action,
  eventAction: `${kind}.${request.action}`,
  version: request.version,
  notFoundMessage: gate.hidden,
  authorize: policyGate<T, W>(actor, { kind, read: `${kind}.read`, ...gate }),
});
