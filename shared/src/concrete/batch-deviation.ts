import { DEFAULT_TOLERANCE_PCT, type Material } from './concrete.limits';

export type MixLine = { material: Material; kgPerM3: number };
export type WeighedLine = { material: Material; kg: number; lotId: string };
export type Deviation = { material: Material; targetKg: number; actualKg: number; deviationPct: number; tolerancePct: number; exceeded: boolean };

/**
 * Weighed quantities of one batch (盘) against the mix design × volume: each material's deviation in % of the
 * target (to 0.1), flagged when beyond its tolerance (the mix's own, else DEFAULT_TOLERANCE_PCT). A material of the
 * mix not weighed at all counts as −100 %. Equality passes.
 *
 * @example
 *   batchDeviations([{ material: 'cement', kgPerM3: 300 }], [{ material: 'cement', kg: 620, lotId: 'l1' }], 2)
 *   // [{ material: 'cement', targetKg: 600, actualKg: 620, deviationPct: 3.3, tolerancePct: 2, exceeded: true }]
 */
export function batchDeviations(mix: readonly MixLine[], weighed: readonly WeighedLine[], volumeM3: number, tolerances: Partial<Record<Material, number>> = {}): Deviation[] {
  return mix.map((line) => {
    const targetKg = Math.round(line.kgPerM3 * volumeM3 * 100) / 100;
    const actualKg = weighed.filter((w) => w.material === line.material).reduce((a, w) => a + w.kg, 0);
    const deviationPct = targetKg > 0 ? Math.round(((actualKg - targetKg) / targetKg) * 1000) / 10 : 0;
    const tolerancePct = tolerances[line.material] ?? DEFAULT_TOLERANCE_PCT[line.material];
    return { material: line.material, targetKg, actualKg, deviationPct, tolerancePct, exceeded: Math.abs(deviationPct) > tolerancePct };
  });
}
