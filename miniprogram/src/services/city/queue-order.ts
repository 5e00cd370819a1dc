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

/**
 * The overdue cases counted per responsible unit (most first; cases not yet dispatched under 待派遣), for the
 * area chief to see whom to chase.
 */
export function overdueByUnit(rows: readonly Pick<CaseSummary, 'deadline' | 'stepDue' | 'overdue' | 'closedAt' | 'unitId' | 'unitName' | 'state'>[], now: Date): { key: string; name: string; count: number }[] {
  const out = new Map<string, { key: string; name: string; count: number }>();
  for (const c of rows) {
    if (!isOverdue(c, now)) continue;
    const assigned = c.state !== 'received' && c.state !== 'accepted' && c.unitId;
    const key = assigned ? c.unitId! : '';
    const g = out.get(key) ?? { key, name: assigned ? c.unitName || c.unitId! : '待受理/派遣', count: 0 };
    g.count++;
    out.set(key, g);
  }
  return [...out.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
}

