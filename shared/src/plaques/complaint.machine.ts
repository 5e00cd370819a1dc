import { invalid, type DomainError } from '../errors';
import type { Machine } from '../platform/state-machine';
import { COMPLAINT_STATE_LABELS, COMPLAINT_STATES, type ComplaintState } from './plaque.limits';

// The states and their labels live with the zod-free limits, which the mini-program imports too.
export { COMPLAINT_STATE_LABELS, COMPLAINT_STATES, type ComplaintState };

export const COMPLAINT_ACTIONS = ['fix', 'confirm', 'dispute', 'escalate', 'refer', 'reopen', 'settle'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];
/** The shop owner fixes, the complainant confirms or disputes, the system escalates. */
export type ComplaintActor = 'shopOwner' | 'citizen' | 'system';
export type ComplaintInput = 'photos' | 'reason';
export type ComplaintContext = { by: ComplaintActor; photos?: readonly string[]; reason?: string };

export const COMPLAINT_ACTION_LABELS: Record<ComplaintAction, string> = { fix: '整改', confirm: '确认整改', dispute: '提出异议', escalate: '转执法', refer: '转片长', reopen: '转回商户', settle: '逾期视为确认' };

function inputError(_action: ComplaintAction, input: ComplaintInput, ctx: ComplaintContext): DomainError | null {
  if (input === 'photos') return (ctx.photos?.length ?? 0) < 1 ? invalid('请上传整改后的照片', 'photos_required') : null;
  return !ctx.reason || ctx.reason.trim().length < 4 ? invalid('请说明异议原因', 'reason_required') : null;
}

/**
 * A dispute sends the complaint to enforcement (`escalated`), as overdue and repeated complaints go. A complaint
 * against a shop whose owner has not bound an account goes to the grid's area chief (`refer`, no deadline runs
 * out on nobody); the owner's binding sends it back to the shop with a fresh deadline (`reopen`), and an owner
 * who signed in another way may fix it straight from `referred`.
 */
export const COMPLAINT_MACHINE: Machine<ComplaintState, ComplaintAction, ComplaintActor, ComplaintInput, ComplaintContext> = {
  name: 'complaint',
  states: COMPLAINT_STATES,
  actions: COMPLAINT_ACTIONS,
  stateLabels: COMPLAINT_STATE_LABELS,
  actionLabels: COMPLAINT_ACTION_LABELS,
  whoLabels: { shopOwner: '商户', citizen: '投诉人', system: '系统' },
  rows: [
    { action: 'fix', from: ['open', 'referred'], to: 'fixed', who: ['shopOwner'], requires: ['photos'] },
    { action: 'confirm', from: ['fixed'], to: 'confirmed', who: ['citizen'], requires: [] },
    { action: 'dispute', from: ['fixed'], to: 'escalated', who: ['citizen'], requires: ['reason'] },
    { action: 'escalate', from: ['open', 'fixed'], to: 'escalated', who: ['system'], requires: [] },
    { action: 'refer', from: ['open'], to: 'referred', who: ['system'], requires: [] },
    { action: 'reopen', from: ['referred'], to: 'open', who: ['system'], requires: [] },
    // the complainant did not answer the fix within SETTLE_AFTER_HOURS (docs/domain/city.md §4.3): counted as confirmed
    { action: 'settle', from: ['fixed'], to: 'confirmed', who: ['system'], requires: [] },
  ],
  inputError,
  refusals: {
    fix: { message: '该投诉已不在待整改状态' },
    confirm: { message: '商户尚未整改，暂不能确认' },
    dispute: { message: '商户尚未整改，暂不能确认' },
  },
};
