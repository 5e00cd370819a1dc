import { cosDeg, sinDeg } from './angle';
import { displacementRequestSchema } from './request.schema';
import { solverOf } from './request.validate';

export type DisplacementResult = {
  kind: 'displacement';
  toward_pit_mm: number;
  along_wall_mm: number;
  total_mm: number;
  /** Extra: the coordinate changes in mm. */
  dE_mm: number;
  dN_mm: number;
};

/**
 * The displacement toward the pit in mm, normal to the wall: d = (E−E₀)·sin β + (N−N₀)·cos β, coordinates in
 * m, β the azimuth of the wall normal pointing into the pit (degrees clockwise from north). What the
 * pipeline judges as 顶部水平位移; no validation (the caller has checked its numbers).
 *
 * @example towardPitMm(500, 300, 500.003, 300.004, 90) // ≈ 3
 */
export const towardPitMm = (E0: number, N0: number, E: number, N: number, azimuthDeg: number): number =>
  (N - N0) * 1000 * cosDeg(azimuthDeg) + (E - E0) * 1000 * sinDeg(azimuthDeg);

/**
 * Horizontal displacement of a wall point (docs/domain/pit.md §2.2): with β the azimuth of the wall normal
 * pointing into the pit, d⊥ = ΔN·cos β + ΔE·sin β (positive toward the pit),
 * d∥ = ΔN·cos(β−90°) + ΔE·sin(β−90°), |d| = √(ΔE² + ΔN²). Coordinates in m, results in mm.
 *
 * @example
 *   solveDisplacement({ kind: 'displacement', initial: { E: 500, N: 300 }, current: { E: 500.003, N: 300.004 }, normal_azimuth_deg: 90 })
 *   // toward_pit_mm ≈ 3, along_wall_mm ≈ 4, total_mm ≈ 5
 */
export const solveDisplacement = solverOf(displacementRequestSchema, (req): DisplacementResult => {
  const dE = (req.current.E - req.initial.E) * 1000;
  const dN = (req.current.N - req.initial.N) * 1000;
  const b = req.normal_azimuth_deg;
  return {
    kind: 'displacement',
    toward_pit_mm: towardPitMm(req.initial.E, req.initial.N, req.current.E, req.current.N, b),
    along_wall_mm: dN * cosDeg(b - 90) + dE * sinDeg(b - 90),
    total_mm: Math.hypot(dE, dN),
    dE_mm: dE,
    dN_mm: dN,
  };
});
