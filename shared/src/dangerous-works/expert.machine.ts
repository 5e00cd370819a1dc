import { invalid } from '../errors';
import type { Machine } from '../platform/state-machine';
import { EXPERT_STATES, EXPERT_STATE_LABELS, type ExpertState } from './review.limits';

/**
 * An expert of the library (31号文 八; docs/domain/dangerous-works.md §3): admitted by the library's keeper
 * after `expertAdmission` passes; a bad integrity record suspends (the system, or the keeper); the yearly
 * review keeps them in or removes them.
 */
export const EXPERT_ACTIONS = ['admit', 'suspend', 'reinstate', 'remove', 'yearly_review', 'record'] as const;
export type ExpertAction = (typeof EXPERT_ACTIONS)[number];
export type ExpertActor = 'regulator' | 'system';
export type ExpertContext = { by: ExpertActor; outcome?: 'pass' | 'fail'; note?: string };

export const EXPERT_ACTION_LABELS: Record<ExpertAction, string> = {
  admit: '入库',
  suspend: '暂停',
  reinstate: '恢复',
  remove: '出库',
  yearly_review: '年度考核',
  record: '记录诚信信息',
};

export const EXPERT_MACHINE: Machine<ExpertState, ExpertAction, ExpertActor, 'note', ExpertContext> = {
  name: 'expert',
  states: EXPERT_STATES,
  actions: EXPERT_ACTIONS,
  stateLabels: EXPERT_STATE_LABELS,
  actionLabels: EXPERT_ACTION_LABELS,
  whoLabels: { regulator: '监管部门', system: '系统' },
  rows: [
    { action: 'admit', from: ['pending'], to: 'active', who: ['regulator'], requires: [] },
    { action: 'suspend', from: ['active'], to: 'suspended', who: ['regulator', 'system'], requires: ['note'] },
    { action: 'reinstate', from: ['suspended'], to: 'active', who: ['regulator'], requires: ['note'] },
    { action: 'remove', from: ['pending', 'active', 'suspended'], to: 'removed', who: ['regulator'], requires: ['note'] },
    // pass: stays in the library; fail: out
    { action: 'yearly_review', from: ['active', 'suspended'], to: { pass: 'active', fail: 'removed' }, who: ['regulator'], requires: ['note'] },
    // an integrity entry (attendance, conduct); a bad one is followed by `suspend`
    { action: 'record', from: ['active', 'suspended'], to: 'same', who: ['regulator', 'system'], requires: ['note'] },
  ],
  inputError: (_a, _i, ctx) => ((ctx.note ?? '').trim().length < 2 ? invalid('请填写说明', 'note_required') : null),
  refusals: {
    admit: { message: '该专家不在待审核状态', code: 'not_pending' },
    reinstate: { message: '该专家未被暂停', code: 'not_suspended' },
  },
};
