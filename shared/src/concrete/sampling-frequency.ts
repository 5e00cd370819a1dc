/**
 * How many standard-cured specimen groups a pour needs (GB 50204-2015 §7.4.1; docs/domain/concrete.md §5.1):
 * at least one per 100 batches (盘) and per 100 m³ of one mix, one per shift, one per floor; a continuous pour
 * over 1000 m³ needs one per 200 m³ instead of per 100 m³. A pour here is one member / floor of one grade.
 *
 * @example
 *   requiredGroups({ volumeM3: 250, batches: 120 }) // 3  (ceil(250 / 100))
 *   requiredGroups({ volumeM3: 1500, batches: 700 }) // 8  (ceil(1500 / 200); ceil(700 / 100) = 7 per batches)
 */
export function requiredGroups(pour: { volumeM3: number; batches?: number; shifts?: number }): number {
  const v = Math.max(0, pour.volumeM3);
  const byVolume = v > 1000 ? Math.ceil(v / 200) : Math.ceil(v / 100);
  const byBatches = Math.ceil((pour.batches ?? 0) / 100);
  return Math.max(1, byVolume, byBatches, pour.shifts ?? 1);
}

/** The shortfall flag: fewer groups sampled than required. */
export const samplingShortfall = (required: number, sampled: number): number => Math.max(0, required - sampled);
