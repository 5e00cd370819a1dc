import type { CityClass } from './classes';
import type { CaseState } from './case.types';
import { addWorkingHours, type WorkingCalendar } from './working-calendar';

/**
 * The time each step of the case loop may take, in WORKING hours (docs/domain/city.md §1.6): 受理 (accept or
 * reject a report), 派遣 (dispatch an accepted case), 处置 (handle, urgent or normal) and 核查 (check the result).
 */
export type StepSla = { acceptHours: number; dispatchHours: number; handleHours: number; handleUrgentHours: number; checkHours: number };

/** The waiting steps and the state that waits for each. */
export const CASE_STEPS = ['accept', 'dispatch', 'handle', 'check'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

/** @example CASE_STEP_LABELS.check // '核查' */
export const CASE_STEP_LABELS: Record<CaseStep, string> = { accept: '受理', dispatch: '派遣', handle: '处置', check: '核查' };

/** The step a case in `state` waits for; null when nothing is awaited (closed, rejected, parked, deferred). */
export function stepOfState(state: CaseState): CaseStep | null {
  switch (state) {
    case 'received':
      return 'accept';
    case 'accepted':
      return 'dispatch';
    case 'dispatched':
    case 'in_progress':
      return 'handle';
    case 'handled':
      return 'check';
    default:
      return null;
  }
}

/** Our design defaults for the steps a published table leaves out: 受理 2 h, 派遣 1 h, 核查 1 working day. */
export const DEFAULT_STEP_HOURS = { acceptHours: 2, dispatchHours: 1, checkHours: 7.5 } as const;

/**
 * The SLA of a class: its own, or the defaults around its 处置时限 (the seed table has only those).
 * @example slaOfClass({ limits: { urgentHours: 2, normalHours: 5 } }).checkHours // 7.5
 */
export function slaOfClass(cls: Pick<CityClass, 'limits'> & { sla?: StepSla }): StepSla {
  return cls.sla ?? { ...DEFAULT_STEP_HOURS, handleHours: cls.limits.normalHours, handleUrgentHours: cls.limits.urgentHours };
}

/** The working hours a step may take under `sla` (处置 depends on urgency). */
export function stepHours(sla: StepSla, step: CaseStep, urgent: boolean): number {
  switch (step) {
    case 'accept':
      return sla.acceptHours;
    case 'dispatch':
      return sla.dispatchHours;
    case 'handle':
      return urgent ? sla.handleUrgentHours : sla.handleHours;
    case 'check':
      return sla.checkHours;
  }
}

/**
 * The deadline of the step a case waits for from `since` (when it began waiting), on the city's calendar.
 * @example stepDeadline(sla, 'accept', false, new Date('2026-09-30T17:00:00+08:00'), cal) // 2026-10-09T09:30+08:00 with 国庆 as holidays and 2 h to accept
 */
export function stepDeadline(sla: StepSla, step: CaseStep, urgent: boolean, since: Date, calendar: WorkingCalendar): Date {
  return addWorkingHours(since, stepHours(sla, step, urgent), calendar);
}
