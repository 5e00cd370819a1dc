import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClose, assertThrowsCode } from './pit.testing';
import { solveRebarMeters } from './rebar-meters.solve';

const base = { kind: 'rebar_meters', K: 0.0004, f0_Hz: [1600, 1610, 1590, 1605], f_Hz: [1550, 1565, 1540, 1552], meter_bar_diameter_mm: 28, section_mm: [800, 800], bars_area_mm2: 9852, Ec_MPa: 30000, Es_MPa: 200000 };

test('concrete strut: meter forces, mean rebar stress, N = (Ec/Es·Ac + As)·σs, compression negative', () => {
  const r = solveRebarMeters(base);
  const P = base.f_Hz.map((f, i) => 0.0004 * (f * f - base.f0_Hz[i] ** 2));
  P.forEach((p, i) => assertClose(r.meter_forces_kN[i], p, 1e-9));
  const Am = (Math.PI * 28 * 28) / 4;
  const sigma = ((P.reduce((a, b) => a + b) / 4) * 1000) / Am;
  assertClose(r.meter_area_mm2, 615.7521601035994, 1e-9);
  assertClose(r.mean_rebar_stress_MPa, sigma, 1e-9);
  const Ac = 800 * 800 - 9852;
  assert.equal(r.concrete_area_mm2, Ac);
  assertClose(r.axial_force_kN, ((30000 / 200000) * Ac + 9852) * sigma / 1000, 1e-6);
  assert.ok(r.axial_force_kN < 0, 'frequency drop under compression gives a negative force');
  // Hand check: P = −63.0, −57.15, −62.6, −66.93 kN → mean −62.42 kN → σ ≈ −101.37 MPa
  // → N ≈ (0.15 × 630148 + 9852) × −101.37 / 1000 ≈ −10580.5 kN.
  assertClose(r.axial_force_kN, -10580.5, 0.5);
});

test('per-meter K and tension', () => {
  const r = solveRebarMeters({ ...base, K: [0.0004, 0.0005], f0_Hz: [1500, 1500], f_Hz: [1510, 1520] });
  assertClose(r.meter_forces_kN[0], 0.0004 * (1510 ** 2 - 1500 ** 2), 1e-9);
  assertClose(r.meter_forces_kN[1], 0.0005 * (1520 ** 2 - 1500 ** 2), 1e-9);
  assert.ok(r.axial_force_kN > 0);
});

test('invalid rebar-meter requests', () => {
  const cases: [unknown, string][] = [
    [{ ...base, f0_Hz: [1600] }, 'f0_Hz: expected 4 values (one per meter in f_Hz), got 1'],
    [{ ...base, K: [1, 2] }, 'K: expected 4 values'],
    [{ ...base, section_mm: [800] }, 'section_mm'],
    [{ ...base, bars_area_mm2: 640000 }, 'bars_area_mm2: must be smaller than the section area 640000 mm²'],
    [{ ...base, Ec_MPa: 0 }, 'Ec_MPa: Too small'],
    [{ ...base, f_Hz: [] }, 'f_Hz: Too small'],
    [{ ...base, f_Hz: [1550, '1565', 1540, 1552] }, 'f_Hz[1]: expected number'],
  ];
  for (const [req, message] of cases) assertThrowsCode(() => solveRebarMeters(req), 'invalid_request', message);
});
