import { ITEMS, type Item } from './items';

/**
 * The approved 监测方案 as data: the construction stage the pit is in, and how often each item is measured in
 * each stage (epochs per day). The 缺测 job reads it (docs/domain/pit.md §8). Defaults follow GB 50497-2019
 * 表7.0.3 for a level-1 pit [M]; the monitoring unit enters the plan's own numbers.
 */
export const PLAN_STAGES = ['excavation_shallow', 'excavation_mid', 'excavation_deep', 'base_cast', 'backfill', 'stable'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];

export const PLAN_STAGE_LABELS: Record<PlanStage, string> = {
  excavation_shallow: '开挖（深度 ≤ H/3）',
  excavation_mid: '开挖（H/3～2H/3）',
  excavation_deep: '开挖（2H/3～H）',
  base_cast: '底板浇筑后（7 天内）',
  backfill: '回筑及拆撑',
  stable: '回筑完成后稳定期',
};

/** Epochs per day by stage, the lower (less frequent) end of each 表7.0.3 range [M]: 1次/2d = 0.5. */
export const DEFAULT_STAGE_FREQUENCY: Record<PlanStage, number> = {
  excavation_shallow: 0.5,
  excavation_mid: 1,
  excavation_deep: 1,
  base_cast: 1,
  backfill: 1,
  stable: 1 / 7,
};

/** The highest frequency a plan may state: every 10 minutes (automatic stations). */
export const MAX_EPOCHS_PER_DAY = 144;
/** The lowest: once a month. */
export const MIN_EPOCHS_PER_DAY = 1 / 30;

export type MonitoringPlan = {
  stage: PlanStage;
  /** epochs per day per stage and item; an item left out takes the stage's default */
  frequencies: Partial<Record<PlanStage, Partial<Record<Item, number>>>>;
};

/**
 * A new project's plan: in the first excavation stage, every item at the stage's default.
 * @example defaultPlan().stage // 'excavation_shallow'
 */
export function defaultPlan(): MonitoringPlan {
  return { stage: 'excavation_shallow', frequencies: {} };
}

/**
 * How many epochs per day the plan asks of `item` now.
 * @example epochsPerDay({ stage: 'excavation_deep', frequencies: { excavation_deep: { waterLevel: 2 } } }, 'waterLevel') // 2
 */
export function epochsPerDay(plan: MonitoringPlan, item: Item | string, stage: PlanStage = plan.stage): number {
  return plan.frequencies[stage]?.[item as Item] ?? DEFAULT_STAGE_FREQUENCY[stage];
}

/**
 * A frequency as people say it: 每日 2 次, 每日 1 次, 每 2 日 1 次, 每 7 日 1 次.
 * @example frequencyText(0.5) // '每 2 日 1 次'
 */
export function frequencyText(perDay: number): string {
  if (perDay >= 1) return `每日 ${Number(perDay.toFixed(2))} 次`;
  return `每 ${Number((1 / perDay).toFixed(1))} 日 1 次`;
}

/** A plan's problem for the form (a frequency out of range, an unknown item or stage), or null. */
export function planProblem(plan: MonitoringPlan): string | null {
  if (!PLAN_STAGES.includes(plan.stage)) return `未知的施工阶段：${plan.stage}`;
  for (const [stage, row] of Object.entries(plan.frequencies)) {
    if (!PLAN_STAGES.includes(stage as PlanStage)) return `未知的施工阶段：${stage}`;
    for (const [item, f] of Object.entries(row ?? {})) {
      if (!(item in ITEMS)) return `未知的监测项：${item}`;
      if (typeof f !== 'number' || !(f >= MIN_EPOCHS_PER_DAY && f <= MAX_EPOCHS_PER_DAY)) return `${PLAN_STAGE_LABELS[stage as PlanStage]}“${ITEMS[item as Item].label}”的频率应在每 30 日 1 次至每日 ${MAX_EPOCHS_PER_DAY} 次之间`;
    }
  }
  return null;
}
