/** 案件办理: the queue's order and what counts as overdue. */
import type { CaseSummary } from './api';

export type QueueSort = 'due' | 'new';

/** The time the case waits for next: its current step's deadline, else the case's own. */
const dueAt = (c: Pick<CaseSummary, 'deadline' | 'stepDue'>): number => {
  const at = c.stepDue?.at ?? c.deadline;
  return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
};

/** Whether the case's current step (or the case) is past its deadline at `now`. */
export const isOverdue = (c: Pick<CaseSummary, 'deadline' | 'stepDue' | 'overdue' | 'closedAt'>, now: Date): boolean =>
  !c.closedAt && (c.stepDue ? Date.parse(c.stepDue.at) < now.getTime() : !!c.overdue);

/** `due`: the most urgent first (overdue on top, then by deadline; none last); `new`: newest first. */
export function sortQueue<T extends Pick<CaseSummary, 'deadline' | 'stepDue' | 'createdAt'>>(rows: readonly T[], by: QueueSort): T[] {
  const copy = [...rows];
  return by === 'new' ? copy.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)) : copy.sort((a, b) => dueAt(a) - dueAt(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
