import { conflict, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { PATROL_RULE_MACHINE, type PatrolRuleAction, type PatrolRuleActor, type PatrolRuleContext, type PatrolRuleState } from '@cityloop/shared/city/patrol-rule.machine';
import type { PatrolRuleEditBody } from '@cityloop/shared/city/patrol.contract';
import type { Deps } from '../../platform/deps';
import { runCommand, type StateStep } from '../../platform/command/run-command';
import type { PatrolRuleDoc } from './patrol.collections';
import { patrolRuleRepository } from './patrol.repository';
import { checkRuleTargets } from './rule-targets';

const STALE = '巡查规则已被修改，请刷新后再操作';

const ruleStep: StateStep<PatrolRuleDoc, PatrolRuleState, PatrolRuleAction, PatrolRuleActor, PatrolRuleContext> = {
  machine: PATROL_RULE_MACHINE,
  stateOf: (r) => (r.active ? 'active' : 'paused'),
  context: (_r, who) => ({ by: who }),
};

/** The grid's area chief may manage a manual rule; anyone else does not see it; a grade rule belongs to the system. */
function authorizeChief(actor: NonNullable<Actor>) {
  return (r: PatrolRuleDoc): PatrolRuleActor => {
    if (!can(actor, 'patrol.manage', { kind: 'patrol', scope: r.scope }).allow) throw notFound('巡查规则不存在');
    if (r.source !== 'manual') throw conflict('该规则由商户评级自动生成，不能手动修改', 'rule_system_owned');
    return 'areaChief';
  };
}

/** Edits a rule's name, facilities, frequency, window or patrollers (the grid stays), with the version the page read. */
export async function editPatrolRule(deps: Deps, actor: NonNullable<Actor>, id: string, body: Omit<PatrolRuleEditBody, 'version'> & { version: number }, ctx: { requestId?: string; ip?: string }) {
  const { version, ...fields } = body;
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return runCommand(deps, {
    repo: patrolRuleRepository,
    id,
    eventAction: 'patrol.rule_edit',
    action: 'edit',
    actor,
    version,
    notFoundMessage: '巡查规则不存在',
    staleMessage: STALE,
    ctx,
    authorize: authorizeChief(actor),
    step: ruleStep,
    precheck: (r) => checkRuleTargets(deps.db, r.scope.gridId ?? '', body.facilityIds, body.patrollerIds),
    apply: () => ({ set: { ...changes, ...(body.facilityIds ? { gridIds: [] } : {}) }, event: { data: { changed: Object.keys(changes) } } }),
  });
}

/** Pauses (no tasks, no 漏巡) or resumes a rule. */
export async function setPatrolRuleState(deps: Deps, actor: NonNullable<Actor>, id: string, action: 'pause' | 'resume', version: number, ctx: { requestId?: string; ip?: string }) {
  return runCommand(deps, {
    repo: patrolRuleRepository,
    id,
    eventAction: `patrol.rule_${action}`,
    action,
    actor,
    version,
    notFoundMessage: '巡查规则不存在',
    staleMessage: STALE,
    ctx,
    authorize: authorizeChief(actor),
    step: ruleStep,
    apply: () => ({ set: { active: action === 'resume' } }),
  });
}
