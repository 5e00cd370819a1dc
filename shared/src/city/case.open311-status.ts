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

const open = (extended: FmsExtendedStatus): Open311Status => ({ status: 'open', extended });
const closed = (extended: FmsExtendedStatus): Open311Status => ({ status: 'closed', extended });

const BY_STATE: Record<CaseState, Open311Status> = {
  received: open('FOR_TRIAGE'),
  accepted: open('OPEN'),
  rejected: closed('NO_FURTHER_ACTION'),
  dispatched: open('IN_PROGRESS'),
  in_progress: open('IN_PROGRESS'),
  // Fixed by the unit but not yet checked on site: still in progress, because closed ≠ fixed.
  handled: open('IN_PROGRESS'),
  closed: closed('FIXED'),
  parked: open('ACTION_SCHEDULED'),
  deferred: open('ACTION_SCHEDULED'),
  // the reporter took the report back before it was handled
  withdrawn: closed('CANCELLED'),
};

/**
 * Open311 `status` plus FixMyStreet's extended status for a case (docs/domain/city.md §2.3 mapping).
 * `enteredBy` is the action that moved the case into its current state: 回退 shows as
 * NOT_COUNCILS_RESPONSIBILITY (still open: it waits for re-dispatch), and a failed 核查 or a
 * citizen's 复议 shows as REOPEN.
 * @example open311StatusOf('in_progress', 'verify') // { status: 'open', extended: 'REOPEN' }
 */
export function open311StatusOf(state: CaseState, enteredBy?: CaseAction): Open311Status {
  if (state === 'accepted' && enteredBy === 'return') return open('NOT_COUNCILS_RESPONSIBILITY');
  if ((state === 'in_progress' && enteredBy === 'verify') || (state === 'handled' && enteredBy === 'dispute')) {
    return open('REOPEN');
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
