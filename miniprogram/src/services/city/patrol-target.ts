/** 巡查: what a patrol target is called (shop or facility) and what a check-in did for the task. */
import type { PatrolPer } from './api';
import { PERIOD_LABELS } from './view-model';

/** What a patrol target is called: a shop on its responsibility plaque, or a city facility. */
export const TARGET_KIND_LABELS: Record<'shop' | 'facility', string> = { shop: '商户', facility: '设施' };

/** A target's kind from its id when the API does not say (`pq_` plaques are shops). */
export const targetKind = (t: { kind?: 'shop' | 'facility'; facilityId?: string; id?: string }): 'shop' | 'facility' =>
  t.kind ?? ((t.facilityId ?? t.id ?? '').startsWith('pq_') ? 'shop' : 'facility');

/** After a check-in: `本周已巡 2 次（应巡 1 次）`, or why it did not count. */
export function checkProgressText(p: { per: PatrolPer; times: number; done: number; counted: boolean; window: { start: string; end: string } }): string {
  const done = `${PERIOD_LABELS[p.per] ?? '本期'}已巡 ${p.done} 次（应巡 ${p.times} 次）`;
  return p.counted ? done : `不在巡查时段 ${p.window.start}–${p.window.end}，本次不计入巡查任务；${done}`;
}
