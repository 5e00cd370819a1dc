import { conflict, forbidden, invalid, type DomainError } from '../errors';
import { allowed, next, type Machine, type Transition } from '../platform/state-machine';
import { CASE_ACTION_LABELS, CASE_ACTOR_LABELS, CASE_STATE_LABELS } from './case.labels';
import { CASE_ACTIONS, CASE_RATINGS, CASE_STATES, type CaseAction, type CaseActor, type CaseInput, type CaseRating, type CaseState, type VerifyOutcome } from './case.types';

/** States, actions, actors and ratings, re-exported so the loop is imported from one module. */
export * from './case.types';

/** What the case already knows, for the guards (extension pending, rated, disputed, closing time). */
export type CaseFacts = {
  closedAt?: Date | null;
  rated?: boolean;
  disputed?: boolean;
  extensionPending?: boolean;
  /** extensions approved so far; a second one needs the regulator (docs/domain/city.md §1.2 延期) */
  extensionsGranted?: number;
  /** the handling deadline has passed (催办 is for overdue cases only) */
  overdue?: boolean;
  /** the last 催办 (at most one per case per Beijing calendar day) */
  remindedAt?: Date | null;
};

/** The actor, the inputs they supply, and the facts of the case. */
export type CaseActionContext = {
  by: CaseActor;
  /** needed by `dispute` (7-day window) */
  now?: Date;
  reason?: string;
  photos?: readonly string[];
  rating?: CaseRating;
  outcome?: VerifyOutcome;
  unitId?: string;
  extensionHours?: number;
  /** `assign_grid`: the grid of the case's town that takes the case over */
  gridId?: string;
  /** `supervise`: the date by which the regulator wants the case resolved (督办时限) */
  dueAt?: Date;
  facts?: CaseFacts;
};

/** One row of the case table (the shared state-machine shape). */
export type CaseTransition = Transition<CaseState, CaseAction, CaseActor, CaseInput, CaseActionContext>;

/** A citizen may dispute (复议) up to 7 × 24 h after closing. */
export const DISPUTE_WINDOW_DAYS = 7;
/** Photos per 反馈 or 核查 (the report form allows 1–9). */
export const MAX_PHOTOS = 9;
const MAX_REASON = 500;
const DAY_MS = 86_400_000;

const CENTRE: readonly CaseActor[] = ['areaChief'];
const OPEN_WORK: readonly CaseState[] = ['dispatched', 'in_progress'];
/** Not yet handled by the unit: the reporter may still take the report back (撤回). */
const WITHDRAWABLE: readonly CaseState[] = ['received', 'accepted', 'dispatched'];
/** Every open state: the reporter may add information (补充) until the case is closed or taken back. */
const OPEN: readonly CaseState[] = ['received', 'accepted', 'dispatched', 'in_progress', 'handled', 'parked', 'deferred'];
/** Beijing has no daylight saving: its calendar day is the UTC day of the time moved by 8 h. */
const BEIJING_MS = 8 * 3_600_000;

const extensionPending = (ctx: CaseActionContext) => (ctx.facts?.extensionPending ? null : conflict('没有待审批的延期申请', 'no_extension_pending'));

/**
 * The case loop as data (docs/GLOSSARY.md; docs/domain/city.md §1.2). Roles: the area chief does the centre's work
 * (受理员/值班长/派遣员), the unit handles, the patroller or area chief checks on site (核查), the
 * regulator approves a second extension and may park or defer; `system` is an automation rule
 * (auto-accept, auto-dispatch when routing found a unit).
 */
const ROWS: readonly CaseTransition[] = [
  // The town regulator does the centre's work for reports outside every grid (the town queue, policy `town_queue`).
  { action: 'accept', from: ['received'], to: 'accepted', who: [...CENTRE, 'regulator', 'system'], requires: [] },
  { action: 'reject', from: ['received'], to: 'rejected', who: [...CENTRE, 'regulator'], requires: ['reason'] },
  // Re-dispatch after 回退, and taking a parked/deferred case up again, are also `dispatch`.
  { action: 'dispatch', from: ['accepted', 'parked', 'deferred'], to: 'dispatched', who: [...CENTRE, 'regulator', 'system'], requires: ['unitId'] },
  { action: 'start', from: ['dispatched'], to: 'in_progress', who: ['unit'], requires: [] },
  // 回退: wrong dispatch; back to the centre's queue for re-dispatch.
  { action: 'return', from: OPEN_WORK, to: 'accepted', who: ['unit'], requires: ['reason'] },
  {
    action: 'extend',
    from: OPEN_WORK,
    to: 'same',
    who: ['unit'],
    requires: ['reason', 'extensionHours'],
    check: (ctx) => (ctx.facts?.extensionPending ? conflict('已有延期申请待审批，请勿重复申请', 'extension_pending') : null),
  },
  {
    action: 'approve_extension',
    from: OPEN_WORK,
    to: 'same',
    who: ['areaChief', 'regulator'],
    requires: [],
    check: (ctx) =>
      extensionPending(ctx) ??
      ((ctx.facts?.extensionsGranted ?? 0) >= 1 && ctx.by !== 'regulator' ? forbidden('第二次延期须由监管部门审批', 'second_extension_needs_regulator') : null),
  },
  { action: 'deny_extension', from: OPEN_WORK, to: 'same', who: ['areaChief', 'regulator'], requires: ['reason'], check: extensionPending },
  { action: 'report', from: ['in_progress'], to: 'handled', who: ['unit'], requires: ['photos'] },
  {
    action: 'verify',
    from: ['handled'],
    to: { pass: 'closed', fail: 'in_progress' },
    who: ['patroller', 'areaChief'],
    requires: ['outcome', 'photos'],
    check: (ctx) => (ctx.outcome === 'fail' && !hasText(ctx.reason) ? invalid('核查不通过时请填写原因', 'reason_required') : null),
  },
  {
    action: 'rate',
    from: ['closed'],
    to: 'same',
    who: ['citizen'],
    requires: ['rating'],
    check: (ctx) => (ctx.facts?.rated ? conflict('该案件已评价，不能重复评价', 'already_rated') : null),
  },
  // 复议 reopens to 已反馈 (a fresh on-site 核查), not to 处置中: see disputeGuard.
  { action: 'dispute', from: ['closed'], to: 'handled', who: ['citizen'], requires: ['reason'], check: (ctx) => disputeGuard(ctx) },
  { action: 'park', from: ['accepted', ...OPEN_WORK], to: 'parked', who: ['areaChief', 'regulator'], requires: ['reason'] },
  { action: 'defer', from: ['accepted', ...OPEN_WORK], to: 'deferred', who: ['areaChief', 'regulator'], requires: ['reason'] },
  // 交由网格: the town hands a gridless case to one of its grids; that grid's area chief owns it from then on.
  { action: 'assign_grid', from: ['received', 'accepted'], to: 'same', who: ['regulator'], requires: ['gridId'] },
  // 补充: the reporter adds a note and/or photos to an open report; the staff on it are told.
  { action: 'supplement', from: OPEN, to: 'same', who: ['citizen'], requires: ['details'] },
  // 撤回: the reporter takes back a report the unit has not started on; the chief and the unit see it withdrawn.
  { action: 'withdraw', from: WITHDRAWABLE, to: 'withdrawn', who: ['citizen'], requires: [] },
  // 催办: the area chief chases the unit on an overdue case, at most once per case per day.
  { action: 'remind', from: OPEN_WORK, to: 'same', who: ['areaChief'], requires: [], check: (ctx) => remindGuard(ctx) },
  // 督办: the regulator flags a case still being worked on, with a note and a date; the state does not change
  { action: 'supervise', from: ['accepted', ...OPEN_WORK, 'handled', 'parked', 'deferred'], to: 'same', who: ['regulator'], requires: ['reason', 'dueAt'] },
];

/** 补充: a note, photos, or both. */
function detailsError(ctx: CaseActionContext): DomainError | null {
  const photos = ctx.photos?.filter(hasText).length ?? 0;
  if (!hasText(ctx.reason) && photos === 0) return invalid('请填写补充说明或上传照片', 'supplement_empty');
  if (hasText(ctx.reason) && ctx.reason.length > MAX_REASON) return invalid(`补充说明不能超过 ${MAX_REASON} 字`, 'reason_too_long');
  if ((ctx.photos?.length ?? 0) > MAX_PHOTOS) return invalid(`照片最多 ${MAX_PHOTOS} 张`, 'too_many_photos');
  return null;
}

/** The Beijing calendar day of `t` (yyyy-mm-dd). @example beijingDay(new Date('2025-06-10T17:00:00Z')) // '2025-06-11' */
export const beijingDay = (t: Date): string => new Date(t.getTime() + BEIJING_MS).toISOString().slice(0, 10);

/** 催办 is once per Beijing day: whether the last one (if any) was on `now`'s day. */
export const remindedOnDay = (last: Date | null | undefined, now: Date): boolean => !!last && beijingDay(last) === beijingDay(now);

function remindGuard(ctx: CaseActionContext): DomainError | null {
  if (!ctx.facts?.overdue) return conflict('案件尚未超期，无需催办', 'not_overdue');
  if (ctx.now && remindedOnDay(ctx.facts.remindedAt, ctx.now)) return conflict('今天已催办过该案件，明天可再次催办', 'already_reminded');
  return null;
}

/**
 * A citizen may dispute once, within 7 × 24 h of closing. The case goes back to 已反馈 so that a
 * patroller or the area chief checks the site again: pass → 结案 again (an unfounded dispute costs
 * the unit nothing), fail → 返工 to 处置中, counted as rework like any failed 核查. Sending it
 * straight to 处置中 would let any citizen force rework without an independent check.
 */
function disputeGuard(ctx: CaseActionContext): DomainError | null {
  if (ctx.facts?.disputed) return conflict('该案件已复议过一次，不能再次复议', 'already_disputed');
  const closedAt = ctx.facts?.closedAt;
  if (!closedAt || !ctx.now) return invalid('缺少结案时间，无法判断复议期限', 'dispute_window_unknown');
  if (ctx.now.getTime() - closedAt.getTime() > DISPUTE_WINDOW_DAYS * DAY_MS) {
    return conflict(`结案已超过 ${DISPUTE_WINDOW_DAYS} 天，不能再申请复议`, 'dispute_window_closed');
  }
  return null;
}

const hasText = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;

function inputError(action: CaseAction, input: CaseInput, ctx: CaseActionContext): DomainError | null {
  const label = CASE_ACTION_LABELS[action];
  switch (input) {
    case 'reason':
      if (!hasText(ctx.reason)) return invalid(`请填写${label}的原因`, 'reason_required');
      if (ctx.reason.length > MAX_REASON) return invalid(`${label}原因不能超过 ${MAX_REASON} 字`, 'reason_too_long');
      return null;
    case 'photos': {
      const n = ctx.photos?.filter(hasText).length ?? 0;
      if (n === 0) return invalid(action === 'report' ? '请上传处置后的现场照片' : `请上传${label}现场照片`, 'photos_required');
      if ((ctx.photos?.length ?? 0) > MAX_PHOTOS) return invalid(`照片最多 ${MAX_PHOTOS} 张`, 'too_many_photos');
      return null;
    }
    case 'rating':
      return ctx.rating && (CASE_RATINGS as readonly string[]).includes(ctx.rating) ? null : invalid('请选择满意度评价', 'rating_required');
    case 'outcome':
      return ctx.outcome === 'pass' || ctx.outcome === 'fail' ? null : invalid('请选择核查结果：通过或不通过', 'outcome_required');
    case 'unitId':
      return hasText(ctx.unitId) ? null : invalid('请选择责任单位', 'unit_required');
    case 'details':
      return detailsError(ctx);
    case 'gridId':
      return hasText(ctx.gridId) ? null : invalid('请选择接收案件的网格', 'grid_required');
    case 'dueAt': {
      const t = ctx.dueAt?.getTime();
      if (t === undefined || !Number.isFinite(t)) return invalid('请选择督办时限', 'due_at_required');
      return ctx.now && t <= ctx.now.getTime() ? invalid('督办时限应晚于当前时间', 'due_at_past') : null;
    }
    case 'extensionHours': {
      const h = ctx.extensionHours;
      return typeof h === 'number' && Number.isFinite(h) && h > 0 ? null : invalid('请填写申请延期的工作小时数（大于 0）', 'extension_hours_required');
    }
  }
}

/** The case loop as one machine of the shared shape. */
export const CASE_MACHINE: Machine<CaseState, CaseAction, CaseActor, CaseInput, CaseActionContext> = {
  name: 'case',
  states: CASE_STATES,
  actions: CASE_ACTIONS,
  stateLabels: CASE_STATE_LABELS,
  actionLabels: CASE_ACTION_LABELS,
  whoLabels: CASE_ACTOR_LABELS,
  rows: ROWS,
  inputError,
};

/** The row of each action (every case action has exactly one). */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, CaseTransition>> = Object.fromEntries(ROWS.map((r) => [r.action, r])) as Record<CaseAction, CaseTransition>;

/**
 * The state after `action`, or a DomainError: `invalid_transition` (409) when the current state does
 * not allow it, `case_action_forbidden` (403) for the wrong actor, a `*_required` code (400) for a
 * missing input, or the guard's code (`already_rated`, `dispute_window_closed`, …).
 * Self-transitions (extend, approve/deny extension, rate) return the same state.
 * @example nextCaseState('handled', 'verify', { by: 'patroller', outcome: 'fail', reason: '井盖仍松动', photos: ['p1'] }) // 'in_progress' (返工)
 */
export function nextCaseState(state: CaseState, action: CaseAction, ctx: CaseActionContext): CaseState {
  return next(CASE_MACHINE, state, action, ctx);
}

/**
 * Actions the state allows, in table order; narrowed to one actor (and the case's facts) when
 * given, so responses can carry the buttons the caller may press. Inputs are not checked.
 * @example allowedCaseActions('dispatched', { by: 'unit' }) // ['start', 'return', 'extend']
 */
export function allowedCaseActions(state: CaseState, who?: { by: CaseActor; facts?: CaseFacts; now?: Date }): CaseAction[] {
  if (!who) return allowed(CASE_MACHINE, state);
  // without facts only the actor narrows the list (no guard is run)
  if (!who.facts) return allowed(CASE_MACHINE, state).filter((a) => CASE_TRANSITIONS[a].who.includes(who.by));
  return allowed(CASE_MACHINE, state, { by: who.by, now: who.now, facts: who.facts });
}

/**
 * True when this transition is 返工: a failed 核查 sends the case back to 处置中.
 * @example isRework('verify', 'in_progress') // true
 */
export const isRework = (action: CaseAction, to: CaseState): boolean => action === 'verify' && to === 'in_progress';
