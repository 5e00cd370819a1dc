import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TPS_GSI8_SETUP } from './pit.fixtures';
import { assertClose, assertThrowsCode } from './pit.testing';
import { solveTotalStation } from './total-station.solve';

const station = { id: 'S1', E: 1000, N: 5000, H: 100, instrument_height_m: 1.55 };
const observations = [
  { point: 'P1', hz_deg: 100, v_deg: 90, slope_m: 20, target_height_m: 1.5 },
  { point: 'P2', hz_deg: 190, v_deg: 80, slope_m: 30, target_height_m: 1.5 },
];
const P2 = { E: 1000, N: 5000 - 30 * Math.sin((80 * Math.PI) / 180), H: 100 + 1.55 + 30 * Math.cos((80 * Math.PI) / 180) - 1.5 };
const closePoint = (p: { E: number; N: number; H: number } | undefined, e: { E: number; N: number; H: number }, label: string): void => {
  assert.ok(p, label);
  assertClose(p.E, e.E, 1e-9, `${label}.E`);
  assertClose(p.N, e.N, 1e-9, `${label}.N`);
  assertClose(p.H, e.H, 1e-9, `${label}.H`);
};

test('orientation from a backsight, then E/N/H from Hz, zenith V and slope distance', () => {
  const r = solveTotalStation({ kind: 'total_station', station, backsights: [{ id: 'B1', E: 1000, N: 5100, hz_deg: 10 }], observations });
  assert.equal(r.orientation_deg, 350);
  closePoint(r.points.P1, { E: 1020, N: 5000, H: 100.05 }, 'P1');
  closePoint(r.points.P2, P2, 'P2');
  assert.deepEqual(r.backsight_residuals_deg, { B1: 0 });
  assert.deepEqual(r.flags, []);
});

test('several backsights average as a circular mean, also across 0°/360°', () => {
  const a = solveTotalStation({
    kind: 'total_station', station,
    backsights: [{ id: 'B1', E: 1000, N: 5100, hz_deg: 10 }, { id: 'B2', E: 1100, N: 5000, hz_deg: 99.9996 }],
    observations,
  });
  assertClose(a.orientation_deg, 350.0002, 1e-9);
  assertClose(a.backsight_residuals_deg.B1, -0.0002, 1e-9);
  assertClose(a.backsight_residuals_deg.B2, 0.0002, 1e-9);
  const b = solveTotalStation({
    kind: 'total_station', station,
    backsights: [{ id: 'B1', E: 1000, N: 5100, hz_deg: 0.0002 }, { id: 'B2', E: 1100, N: 5000, hz_deg: 89.9998 }],
    observations: [{ point: 'P1', hz_deg: 90, v_deg: 90, slope_m: 20, target_height_m: 1.55 }],
  });
  assertClose(b.orientation_deg < 180 ? b.orientation_deg : b.orientation_deg - 360, 0, 1e-9);
  closePoint(b.points.P1, { E: 1020, N: 5000, H: 100 }, 'P1');
});

test('two faces of one point are averaged (face II: Hz + 180°, V = 360° − V)', () => {
  const r = solveTotalStation({
    kind: 'total_station', station, backsights: [{ id: 'B1', E: 1000, N: 5100, hz_deg: 10 }],
    observations: [
      { point: 'P2', hz_deg: 190.001, v_deg: 80, slope_m: 30, target_height_m: 1.5 },
      { point: 'P2', hz_deg: 9.999, v_deg: 280, slope_m: 30, target_height_m: 1.5 },
    ],
  });
  assert.equal(r.observation_count.P2, 2);
  // ±0.001° of Hz error cancels; averaging positions leaves a radial 30·(1 − cos 0.001°) ≈ 5e-9 m.
  assertClose(r.points.P2.E, P2.E, 1e-8);
  assertClose(r.points.P2.N, P2.N, 1e-8);
  assertClose(r.points.P2.H, P2.H, 1e-9);
});

test('raw GSI: station, backsight Hz and reflector height from the file; 32/33 cross-checked', () => {
  const r = solveTotalStation({ kind: 'total_station', station, backsights: [{ id: 'B1', E: 1000, N: 5100 }], raw: { format: 'gsi', text: TPS_GSI8_SETUP } });
  assert.equal(r.orientation_deg, 350);
  closePoint(r.points.P1, { E: 1020, N: 5000, H: 100.05 }, 'P1');
  closePoint(r.points.P2, P2, 'P2');
  assert.deepEqual(Object.keys(r.points), ['P1', 'P2']);
  assert.deepEqual(r.flags, []);
  const edited = solveTotalStation({ kind: 'total_station', station, backsights: [{ id: 'B1', E: 1000, N: 5100 }], raw: { format: 'gsi', text: TPS_GSI8_SETUP.replace('33..00+00005209', '33..00+00005239') } });
  assert.deepEqual(edited.flags.map((f) => [f.code, f.item, f.line, f.word]), [['instrument_mismatch', '33', 4, 6]]);
  const moved = solveTotalStation({ kind: 'total_station', station: { ...station, E: 1000.01 }, backsights: [{ id: 'B1', E: 1000, N: 5100 }], raw: { format: 'gsi', text: TPS_GSI8_SETUP } });
  assert.deepEqual(moved.flags.map((f) => [f.code, f.item]), [['station_mismatch', 'E']]);
});

test('known_points: observations of unregistered points are refused', () => {
  const base = { kind: 'total_station', station, backsights: [{ id: 'B1', E: 1000, N: 5100 }], raw: { format: 'gsi', text: TPS_GSI8_SETUP } };
  assert.deepEqual(Object.keys(solveTotalStation({ ...base, known_points: ['P1', 'P2'] }).points), ['P1', 'P2']);
  assertThrowsCode(() => solveTotalStation({ ...base, known_points: ['P1'] }), 'unknown_point', "raw.text: line 4: unknown point 'P2' (not a backsight nor in known_points)");
});

test('invalid total-station requests', () => {
  const ok = { kind: 'total_station', station, backsights: [{ id: 'B1', E: 1000, N: 5100, hz_deg: 10 }], observations };
  const cases: [unknown, string, string][] = [
    [{ ...ok, observations: undefined }, 'invalid_request', 'observations: one of observations or raw is required'],
    [{ ...ok, raw: { format: 'gsi', text: TPS_GSI8_SETUP } }, 'invalid_request', 'raw: give either observations or raw, not both'],
    [{ ...ok, backsights: [{ id: 'B1', E: 1000, N: 5100 }] }, 'invalid_request', 'backsights[0].hz_deg: required'],
    [{ ...ok, backsights: [{ id: 'B1', E: 1000, N: 5000, hz_deg: 0 }] }, 'invalid_request', "backsights[0]: 'B1' coincides with the station"],
    [{ ...ok, backsights: [] }, 'invalid_request', 'backsights: Too small'],
    [{ ...ok, observations: [{ ...observations[0], point: 'S1' }] }, 'invalid_request', "observations[0].point: 'S1' is the station itself"],
    [{ ...ok, observations: [{ ...observations[0], v_deg: '90' }] }, 'invalid_request', 'observations[0].v_deg: expected number'],
    [{ ...ok, observations: [{ ...observations[0], slope_m: -1 }] }, 'invalid_request', 'observations[0].slope_m: Too small'],
    [{ ...ok, station: { ...station, instrument_height_m: undefined } }, 'invalid_request', 'station.instrument_height_m: required'],
    [{ ...ok, observations: undefined, backsights: [{ id: 'B9', E: 1000, N: 5100 }], raw: { format: 'gsi', text: TPS_GSI8_SETUP } }, 'invalid_request', "backsights[0].hz_deg: required (the raw file has no observation to 'B9')"],
    [{ ...ok, observations: undefined, raw: { format: 'gsi', text: '110002+000000B1 21.113+01000000 22.113+09000000' } }, 'invalid_request', 'raw.text: no observation with a distance'],
    [{ ...ok, observations: undefined, raw: { format: 'gsi', text: '110002+000000P1 21.100+01000000' } }, 'gsi_parse_error', "raw.text: line 1: word 2 '21.100+01000000': horizontal angle (WI 21) in m (last digit mm); expected an angle unit"],
    [{ ...ok, observations: undefined, raw: { format: 'gsi', text: '21.113+01000000 22.113+09000000 31..00+00020000' } }, 'gsi_parse_error', 'line 1: horizontal angle (WI 21) without a point id'],
    [{ ...ok, observations: undefined, raw: { format: 'gsi', text: '110002+000000P1 21.113+01000000 31..00+00020000' } }, 'gsi_parse_error', "line 1: distance without a vertical angle (WI 22) for point 'P1'"],
    [{ ...ok, observations: undefined, raw: { format: 'dini', text: 'x' } }, 'invalid_request', 'raw.format'],
  ];
  for (const [req, code, message] of cases) assertThrowsCode(() => solveTotalStation(req), code, message);
});
