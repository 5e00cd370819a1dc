/** States, labels and limits of the plaque API that the pages use too (no zod here: the mini-program imports it). */

/**
 * 门前三包 complaint states: to the shop first; to enforcement when overdue, disputed or repeated; to the grid's
 * 片长 (`referred`) while the shop's owner has not bound an account, back to the shop (`open`) once they do.
 */
export const COMPLAINT_STATES = ['open', 'fixed', 'confirmed', 'disputed', 'escalated', 'referred'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
export type AppealStatus = 'pending' | 'upheld' | 'rejected';

export const COMPLAINT_STATE_LABELS: Record<ComplaintState, string> = {
  open: '待整改',
  fixed: '已整改待确认',
  confirmed: '已确认',
  disputed: '有异议',
  escalated: '已转执法',
  referred: '已转片长',
};
/** Why a complaint went to the area chief instead of the shop. */
export const REFERRAL_REASON_UNBOUND = '商户尚未绑定账号';
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { pending: '申诉审核中', upheld: '申诉成立，不计扣分', rejected: '申诉不成立' };

/** A complaint's description and an appeal's or a dispute's reason: at least this many characters. */
export const PLAQUE_TEXT_MIN = 4;
export const COMPLAINT_DESCRIPTION_MAX = 500;
export const APPEAL_REASON_MAX = 500;
/** A fix note, a dispute reason, a regulator's appeal note. */
export const PLAQUE_NOTE_MAX = 300;
