import { levelJudge, type Level } from './levels';
import { fieldError } from './pit.errors';
import { tiltRequestSchema } from './request.schema';
import { solverOf } from './request.validate';

export type TiltResult = { kind: 'tilt'; differential_mm: number; tilt: number; ratio: number; level: Level };

/**
 * Tilt from differential settlement (docs/domain/pit.md §2.1): i = |S_a − S_b| / L, judged as a fraction of
 * `control` (e.g. 0.002 = 2/1000 for buildings, §1.3).
 *
 * @example
 *   solveTilt({ kind: 'tilt', settlements_mm: { A: -12, B: -2 }, distance_m: 10, control: 0.002,
 *     levels: { yellow: 0.7, orange: 0.85, red: 1 } })
 *   // { differential_mm: 10, tilt: 0.001, ratio: 0.5, level: 'normal' }
 */
export const solveTilt = solverOf(tiltRequestSchema, (req): TiltResult => {
  const entries = Object.values(req.settlements_mm);
  if (entries.length !== 2) throw fieldError('settlements_mm', `expected exactly two points, got ${entries.length}`);
  const differential = Math.abs(entries[0] - entries[1]);
  const tilt = differential / (req.distance_m * 1000);
  const ratio = tilt / req.control;
  return { kind: 'tilt', differential_mm: differential, tilt, ratio, level: levelJudge(req.levels)(ratio) };
});
