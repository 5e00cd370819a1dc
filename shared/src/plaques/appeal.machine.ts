import { conflict, invalid, type DomainError } from '../errors';
import type { Machine } from '../platform/state-machine';

/** A complaint's 申诉, `none` before the shop appeals. */
export const APPEAL_STATES = ['none', 'pending', 'upheld', 'rejected'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];
export const APPEAL_ACTIONS = ['appeal', 'decide'] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];
export type AppealActor = 'shopOwner' | 'areaChief';
export type AppealInput = 'note';
/** A shop appeals within this many days of the complaint being counted. */
export const APPEAL_WITHIN_DAYS = 7;

/** `outcome` pass = upheld; `complaint` is what the appeal is about (its state and when it was counted). */
export type AppealContext = {
  by: AppealActor;
  outcome?: 'pass' | 'fail';
  note?: string;
  now?: Date;
  complaint?: { state: string; updatedAt: Date };
};

export const APPEAL_STATE_LABELS: Record<AppealState, string> = { none: '未申诉', pending: '待审核', upheld: '申诉成立', rejected: '申诉不成立' };
export const APPEAL_ACTION_LABELS: Record<AppealAction, string> = { appeal: '申诉', decide: '审核申诉' };

function appealable(ctx: AppealContext): DomainError | null {
  const c = ctx.complaint;
  if (!c || (c.state !== 'confirmed' && c.state !== 'escalated')) return conflict('只有已计入评分的投诉可以申诉', 'invalid_transition');
  if (!ctx.now || ctx.now.getTime() - c.updatedAt.getTime() > APPEAL_WITHIN_DAYS * 86_400_000) return invalid(`申诉须在 ${APPEAL_WITHIN_DAYS} 日内提出`, 'appeal_too_late');
  return null;
}

/** The shop asks the grid's area chief not to count a complaint; an upheld appeal removes the deduction. */
export const APPEAL_MACHINE: Machine<AppealState, AppealAction, AppealActor, AppealInput, AppealContext> = {
  name: 'appeal',
  states: APPEAL_STATES,
  actions: APPEAL_ACTIONS,
  stateLabels: APPEAL_STATE_LABELS,
  actionLabels: APPEAL_ACTION_LABELS,
  whoLabels: { shopOwner: '商户', areaChief: '片区长' },
  rows: [
    { action: 'appeal', from: ['none'], to: 'pending', who: ['shopOwner'], requires: [], check: appealable },
    { action: 'decide', from: ['pending'], to: { pass: 'upheld', fail: 'rejected' }, who: ['areaChief'], requires: ['note'] },
  ],
  inputError: (_action, _input, ctx) => ((ctx.note ?? '').trim().length < 2 ? invalid('请填写审核意见', 'note_required') : null),
  refusals: {
    appeal: { message: '该投诉已申诉过', code: 'appeal_exists' },
    decide: { message: '没有待审核的申诉', code: 'no_pending_appeal' },
  },
};
