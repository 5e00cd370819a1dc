import { fieldError } from './pit.errors';
import { rebarMetersRequestSchema } from './request.schema';
import { solverOf } from './request.validate';

export type RebarMetersResult = {
  kind: 'rebar_meters';
  meter_forces_kN: number[];
  mean_rebar_stress_MPa: number;
  axial_force_kN: number;
  /** Extra: areas used, mm². Concrete area is net of the bars: b·h − A_s. */
  meter_area_mm2: number;
  concrete_area_mm2: number;
};

/**
 * Concrete strut force from rebar meters (docs/domain/pit.md §2.4): Pᵢ = K·(fᵢ² − f₀ᵢ²) kN,
 * σ_s = mean(Pᵢ) / A_meter (A_meter = π·d²/4), N = (E_c/E_s·A_c + A_s)·σ_s with A_c = b·h − A_s.
 * Negative = compression (a meter shortens, its frequency drops, with K > 0).
 *
 * @example
 *   solveRebarMeters({ kind: 'rebar_meters', K: 0.0004, f0_Hz: [1600, 1610], f_Hz: [1550, 1565],
 *     meter_bar_diameter_mm: 28, section_mm: [800, 800], bars_area_mm2: 9852, Ec_MPa: 30000, Es_MPa: 200000 })
 */
export const solveRebarMeters = solverOf(rebarMetersRequestSchema, (req): RebarMetersResult => {
  const n = req.f_Hz.length;
  if (req.f0_Hz.length !== n) throw fieldError('f0_Hz', `expected ${n} values (one per meter in f_Hz), got ${req.f0_Hz.length}`);
  if (Array.isArray(req.K) && req.K.length !== n) throw fieldError('K', `expected ${n} values (one per meter in f_Hz), got ${req.K.length}`);
  const forces = req.f_Hz.map((f, i) => {
    const k = Array.isArray(req.K) ? req.K[i] : req.K;
    return k * (f * f - req.f0_Hz[i] * req.f0_Hz[i]);
  });
  const meterArea = (Math.PI * req.meter_bar_diameter_mm * req.meter_bar_diameter_mm) / 4;
  const mean = forces.reduce((a, b) => a + b, 0) / n;
  const stress = (mean * 1000) / meterArea;
  const concrete = req.section_mm[0] * req.section_mm[1] - req.bars_area_mm2;
  if (!(concrete > 0)) throw fieldError('bars_area_mm2', `must be smaller than the section area ${req.section_mm[0] * req.section_mm[1]} mm²`);
  const axial = ((req.Ec_MPa / req.Es_MPa) * concrete + req.bars_area_mm2) * stress / 1000;
  return { kind: 'rebar_meters', meter_forces_kN: forces, mean_rebar_stress_MPa: stress, axial_force_kN: axial, meter_area_mm2: meterArea, concrete_area_mm2: concrete };
});
