import { fieldError } from './pit.errors';
import { vibratingWireRequestSchema } from './request.schema';
import { solverOf } from './request.validate';

export type VibratingWireResult = { kind: 'vibrating_wire'; force_kN: number; f2: number; f0_2: number };

const meanSquare = (f: number | number[]): number => {
  if (typeof f === 'number') return f * f;
  let s = 0;
  for (const x of f) s += x * x;
  return s / f.length;
};

/**
 * Vibrating-wire force (docs/domain/pit.md §2.4): F = K·(f² − f₀²) + B·(T − T₀). For a multi-string cell
 * (`f_Hz` as an array) the mean f² is used. Without `B` there is no temperature term; with `B`
 * both `T_C` and `T0_C` are required.
 *
 * @example
 *   solveVibratingWire({ kind: 'vibrating_wire', K: 0.0005, f0_Hz: 1500, f_Hz: 1400, B: 0.2, T0_C: 20, T_C: 25 })
 *   // force_kN = 0.0005·(1400² − 1500²) + 0.2·5 = −144
 */
export const solveVibratingWire = solverOf(vibratingWireRequestSchema, (req): VibratingWireResult => {
  if (Array.isArray(req.f0_Hz) && Array.isArray(req.f_Hz) && req.f0_Hz.length !== req.f_Hz.length) {
    throw fieldError('f0_Hz', `expected ${req.f_Hz.length} values (one per string of f_Hz), got ${req.f0_Hz.length}`);
  }
  const f2 = meanSquare(req.f_Hz);
  const f02 = meanSquare(req.f0_Hz);
  let force = req.K * (f2 - f02);
  if (req.B !== undefined) {
    if (req.T_C === undefined) throw fieldError('T_C', 'required when B is given');
    if (req.T0_C === undefined) throw fieldError('T0_C', 'required when B is given');
    force += req.B * (req.T_C - req.T0_C);
  }
  return { kind: 'vibrating_wire', force_kN: force, f2, f0_2: f02 };
});
