import type { CaseAction, CaseState } from './case.types';

/** FixMyStreet's Open311 extended statuses (docs/domain/city.md §2.3, mySociety `perllib/Open311.pm`). */
export const FMS_EXTENDED_STATUSES = [
  'OPEN',
  'INVESTIGATING',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'FIXED',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'FOR_TRIAGE',
  'CLOSED',
  'CANCELLED',
  'REOPEN',
] as const;
/** @example const s: FmsExtendedStatus = 'REOPEN'; */
export type FmsExtendedStatus = (typeof FMS_EXTENDED_STATUSES)[number];

/** @example { status: 'open', extended: 'FOR_TRIAGE' } */
export type Open311Status = { status: 'open' | 'closed'; extended: FmsExtendedStatus };

const BY_STATE: Record<CaseState, Open311Status> = {
  received: { status: 'open', extended: 'FOR_TRIAGE' },
  accepted: { status: 'open', extended: 'OPEN' },
  rejected: { status: 'closed', extended: 'NO_FURTHER_ACTION' },
  dispatched: { status: 'open', extended: 'IN_PROGRESS' },
  in_progress: { status: 'open', extended: 'IN_PROGRESS' },
  // Fixed by the unit but not yet checked on site: still in progress, because closed ≠ fixed.
  handled: { status: 'open', extended: 'IN_PROGRESS' },
  closed: { status: 'closed', extended: 'FIXED' },
  parked: { status: 'open', extended: 'ACTION_SCHEDULED' },
  deferred: { status: 'open', extended: 'ACTION_SCHEDULED' },
};

/**
 * Open311 `status` plus FixMyStreet's extended status for a case (docs/domain/city.md §2.3 mapping).
 * `enteredBy` is the action that moved the case into its current state: 回退 shows as
 * NOT_COUNCILS_RESPONSIBILITY (still open: it waits for re-dispatch), and a failed 核查 or a
 * citizen's 复议 shows as REOPEN.
 * @example open311StatusOf('in_progress', 'verify') // { status: 'open', extended: 'REOPEN' }
 */
export function open311StatusOf(state: CaseState, enteredBy?: CaseAction): Open311Status {
  if (state === 'accepted' && enteredBy === 'return') return { status: 'open', extended: 'NOT_COUNCILS_RESPONSIBILITY' };
  if ((state === 'in_progress' && enteredBy === 'verify') || (state === 'handled' && enteredBy === 'dispute')) {
    return { status: 'open', extended: 'REOPEN' };
  }
  return BY_STATE[state];
}

/**
 * The case states behind an Open311 `status` filter (for the list query).
 * @example caseStatesForOpen311Status('closed') // ['rejected', 'closed']
 */
export function caseStatesForOpen311Status(status: 'open' | 'closed'): CaseState[] {
  return (Object.keys(BY_STATE) as CaseState[]).filter((s) => BY_STATE[s].status === status);
}
