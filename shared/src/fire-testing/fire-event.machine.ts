import { invalid, type DomainError } from '../errors';
import type { Machine } from '../platform/state-machine';
import { CASE_STATE_LABELS, CASE_STATES, EVENT_STATE_LABELS, EVENT_STATES, type FireCaseState, type FireEventState } from './fire.limits';

export const EVENT_ACTIONS = ['notice', 'reply', 'close', 'escalate'] as const;
export type FireEventAction = (typeof EVENT_ACTIONS)[number];
/** The regulator drills down, sends notices and closes; the agency replies; the system escalates overdue notices. */
export type FireEventActor = 'regulator' | 'agency' | 'system';
export type FireEventInput = 'text' | 'deadline';
export type FireEventContext = { by: FireEventActor; text?: string; deadline?: Date; now?: Date; escalated?: boolean };

export const EVENT_ACTION_LABELS: Record<FireEventAction, string> = { notice: '发处置通知', reply: '回复', close: '办结', escalate: '逾期升级' };

function inputError(action: FireEventAction, input: FireEventInput, ctx: FireEventContext): DomainError | null {
  if (input === 'text') return !ctx.text || ctx.text.trim().length < 4 ? invalid(action === 'close' ? '请填写办结结论（至少 4 个字）' : action === 'reply' ? '请填写回复内容（至少 4 个字）' : '请填写通知内容（至少 4 个字）', 'text_required') : null;
  if (!ctx.deadline || !ctx.now || ctx.deadline <= ctx.now) return invalid('请填写晚于现在的处理期限', 'deadline_invalid');
  return null;
}

/**
 * A fire-testing event in the regulator's loop (docs/domain/fire-testing.md §6): a notice with a deadline goes to
 * the agency (and the building owner), the agency replies, the regulator closes it with a conclusion or sends a
 * further notice; an unanswered notice past its deadline is escalated once.
 */
export const FIRE_EVENT_MACHINE: Machine<FireEventState, FireEventAction, FireEventActor, FireEventInput, FireEventContext> = {
  name: 'fire_event',
  states: EVENT_STATES,
  actions: EVENT_ACTIONS,
  stateLabels: EVENT_STATE_LABELS,
  actionLabels: EVENT_ACTION_LABELS,
  whoLabels: { regulator: '监管部门', agency: '检测机构', system: '系统' },
  rows: [
    { action: 'notice', from: ['open', 'replied'], to: 'noticed', who: ['regulator'], requires: ['text', 'deadline'] },
    { action: 'reply', from: ['noticed'], to: 'replied', who: ['agency'], requires: ['text'] },
    { action: 'close', from: ['open', 'noticed', 'replied'], to: 'closed', who: ['regulator'], requires: ['text'] },
    { action: 'escalate', from: ['noticed'], to: 'same', who: ['system'], requires: [], check: (c) => (c.escalated ? invalid('已升级督办', 'already_escalated') : null) },
  ],
  inputError,
  refusals: { reply: { message: '该事件没有待回复的处置通知' }, notice: { message: '该事件已发处置通知或已办结' }, close: { message: '该事件已办结' } },
};

export const CASE_ACTIONS = ['decide'] as const;
export type FireCaseAction = (typeof CASE_ACTIONS)[number];
export type FireCaseContext = { by: 'regulator'; findings?: string; penalty?: string };

/** A suspected false report's investigation: the regulator records findings and the penalty (7号令, 消防法 art. 69). */
export const FIRE_CASE_MACHINE: Machine<FireCaseState, FireCaseAction, 'regulator', 'findings', FireCaseContext> = {
  name: 'fire_case',
  states: CASE_STATES,
  actions: CASE_ACTIONS,
  stateLabels: CASE_STATE_LABELS,
  actionLabels: { decide: '处理决定' },
  whoLabels: { regulator: '监管部门' },
  rows: [{ action: 'decide', from: ['investigating'], to: 'decided', who: ['regulator'], requires: ['findings'] }],
  inputError: (_a, _i, c) => (!c.findings || c.findings.trim().length < 4 ? invalid('请填写调查结论（至少 4 个字）', 'findings_required') : null),
  refusals: { decide: { message: '该案件已处理' } },
};
