import type { Machine } from '../platform/state-machine';

/**
 * A manual patrol rule's life: the area chief edits it (frequency, window, facilities, patrollers), pauses it
 * (no tasks, no 漏巡 while paused) and resumes it. Rules the system owns (a shop's grade) are not edited by hand.
 */
export const PATROL_RULE_STATES = ['active', 'paused'] as const;
export type PatrolRuleState = (typeof PATROL_RULE_STATES)[number];
export const PATROL_RULE_ACTIONS = ['edit', 'pause', 'resume'] as const;
export type PatrolRuleAction = (typeof PATROL_RULE_ACTIONS)[number];
export type PatrolRuleActor = 'areaChief';
export type PatrolRuleContext = { by: PatrolRuleActor };

export const PATROL_RULE_STATE_LABELS: Record<PatrolRuleState, string> = { active: '执行中', paused: '已暂停' };
export const PATROL_RULE_ACTION_LABELS: Record<PatrolRuleAction, string> = { edit: '修改', pause: '暂停', resume: '恢复' };

/** @example next(PATROL_RULE_MACHINE, 'active', 'pause', { by: 'areaChief' }) // 'paused' */
export const PATROL_RULE_MACHINE: Machine<PatrolRuleState, PatrolRuleAction, PatrolRuleActor, 'none', PatrolRuleContext> = {
  name: 'patrol_rule',
  states: PATROL_RULE_STATES,
  actions: PATROL_RULE_ACTIONS,
  stateLabels: PATROL_RULE_STATE_LABELS,
  actionLabels: PATROL_RULE_ACTION_LABELS,
  whoLabels: { areaChief: '片长' },
  rows: [
    { action: 'edit', from: ['active', 'paused'], to: 'same', who: ['areaChief'], requires: [] },
    { action: 'pause', from: ['active'], to: 'paused', who: ['areaChief'], requires: [] },
    { action: 'resume', from: ['paused'], to: 'active', who: ['areaChief'], requires: [] },
  ],
  refusals: {
    pause: { message: '该规则已暂停', code: 'rule_already_paused' },
    resume: { message: '该规则正在执行，无需恢复', code: 'rule_not_paused' },
  },
};
