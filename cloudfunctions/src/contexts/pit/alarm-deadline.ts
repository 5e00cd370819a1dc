import type { PitAlarm } from './pit.collections';

/** The owner (建设单位) reviews a handled alarm within a day; later, the scheduler escalates it. */
export const REVIEW_WITHIN_MS = 24 * 3600_000;

/**
 * When the alarm's current step is due: 待处置 → the supervisor's deadline (`dueAt`); 已处置待复核 → the owner's
 * review, a day after the alarm was last handled (a regulator's comment since does not move it); 已销警 → none.
 * The alarm page shows it and the scheduler escalates by it, so both speak of the same moment.
 */
export function stepDueAt(a: Pick<PitAlarm, 'status' | 'dueAt' | 'updatedAt' | 'history'>): Date | null {
  if (a.status === 'raised') return a.dueAt;
  if (a.status === 'archived') return null;
  const handled = [...a.history].reverse().find((e) => e.to === 'handled' && e.from !== 'handled');
  return new Date((handled?.at ?? a.updatedAt).getTime() + REVIEW_WITHIN_MS);
}
