import { invalid } from '../errors';
import type { Machine } from '../platform/state-machine';

/**
 * 实体检测 of a member whose concrete failed (GB 50204-2015 §7.1.3 [M]; docs/domain/concrete.md §5.4): the owner
 * commissions an accredited agency, the agency records the result (pass / fail), the regulator closes the case
 * with a note (a failed in-situ test goes to the designer's verification and repair outside this workflow).
 */
export const INSITU_STATES = ['required', 'commissioned', 'passed', 'failed', 'closed'] as const;
export type InsituState = (typeof INSITU_STATES)[number];
export const INSITU_ACTIONS = ['commission', 'record', 'close'] as const;
export type InsituAction = (typeof INSITU_ACTIONS)[number];
export type InsituActor = 'owner' | 'lab' | 'regulator';
export type InsituInput = 'agency' | 'result' | 'note';
export type InsituContext = { by: InsituActor; outcome?: 'pass' | 'fail'; agency?: string; result?: string; note?: string };

export const INSITU_STATE_LABELS: Record<InsituState, string> = { required: '待委托实体检测', commissioned: '检测中', passed: '实体检测合格', failed: '实体检测不合格', closed: '已结案' };
export const INSITU_ACTION_LABELS: Record<InsituAction, string> = { commission: '委托实体检测', record: '录入检测结论', close: '结案' };

export const INSITU_MACHINE: Machine<InsituState, InsituAction, InsituActor, InsituInput, InsituContext> = {
  name: 'insitu',
  states: INSITU_STATES,
  actions: INSITU_ACTIONS,
  stateLabels: INSITU_STATE_LABELS,
  actionLabels: INSITU_ACTION_LABELS,
  whoLabels: { owner: '建设单位', lab: '检测机构', regulator: '监管部门' },
  rows: [
    { action: 'commission', from: ['required'], to: 'commissioned', who: ['owner'], requires: ['agency'] },
    { action: 'record', from: ['commissioned'], to: { pass: 'passed', fail: 'failed' }, who: ['lab'], requires: ['result'] },
    { action: 'close', from: ['passed', 'failed'], to: 'closed', who: ['regulator'], requires: ['note'] },
  ],
  inputError: (_a, input, ctx) => {
    const v = (ctx[input] ?? '').trim();
    if (v.length >= 2) return null;
    return invalid(input === 'agency' ? '请填写受委托的检测机构' : input === 'result' ? '请填写检测结论（如钻芯法推定强度）' : '请填写结案意见', `${input}_required`);
  },
  refusals: {
    commission: { message: '该构件已委托实体检测', code: 'insitu_already_commissioned' },
    record: { message: '尚未委托实体检测，或已录入结论', code: 'insitu_not_commissioned' },
    close: { message: '实体检测尚无结论，不能结案', code: 'insitu_no_result' },
  },
};
