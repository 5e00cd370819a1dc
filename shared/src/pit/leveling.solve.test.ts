import assert from 'node:assert/strict';
import { test } from 'node:test';
import { solveLeveling } from './leveling.solve';
import { DINI_BF_LOOP, DINI_BFFB_LOOP, GSI16_BFFB_LOOP, GSI8_BF_LOOP, DNA03_GSI16_SAMPLE } from './pit.fixtures';
import { assertClose, assertThrowsCode } from './pit.testing';

const LOOP_STATIONS = [
  { back: 'BM1', fore: 'TP1', back_m: 1.523, fore_m: 1.211, back_dist_m: 25.34, fore_dist_m: 24.87 },
  { back: 'TP1', fore: 'P1', back_m: 0.9875, fore_m: 1.8842, back_dist_m: 30.12, fore_dist_m: 29.65 },
  { back: 'P1', fore: 'BM1', back_m: 1.4021, fore_m: 0.8167, back_dist_m: 18.4, fore_dist_m: 18.95 },
];
const loop = (extra: Record<string, unknown> = {}) => ({ kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', k_mm: 1, stations: LOOP_STATIONS, ...extra });

test('closed loop, BF stations: misclosure +0.7 mm within ±1·√3, distributed by station count', () => {
  const r = solveLeveling(loop());
  assert.equal(r.accepted, true);
  assert.equal(r.checked, true);
  assert.equal(r.n_stations, 3);
  assertClose(r.misclosure_mm, 0.7, 1e-9);
  assertClose(r.tolerance_mm, Math.sqrt(3), 1e-12);
  assertClose(r.station_dh_m![0], 0.312, 1e-12);
  assertClose(r.station_dh_m![1], -0.8967, 1e-12);
  assertClose(r.station_dh_m![2], 0.5854, 1e-12);
  assert.deepEqual(Object.keys(r.section_corrections_mm!), ['BM1-TP1', 'TP1-P1', 'P1-BM1']);
  for (const v of Object.values(r.section_corrections_mm!)) assertClose(v, -0.7 / 3, 1e-9);
  assert.deepEqual(Object.keys(r.elevations_m).sort(), ['P1', 'TP1']);
  assertClose(r.elevations_m.TP1, 100.312 - 0.0007 / 3, 1e-9);
  assertClose(r.elevations_m.P1, 99.4153 - 0.0014 / 3, 1e-9);
  assert.equal(r.reason, undefined);
  assert.deepEqual(r.route, ['BM1', 'TP1', 'P1', 'BM1']);
  assertClose(r.length_m, 147.33, 1e-9);
  assert.deepEqual(r.station_diff_mm, [null, null, null]);
});

test('distribution by distance: vᵢ = −f·Lᵢ/L', () => {
  const r = solveLeveling(loop({ distribute: 'distance' }));
  const L = [50.21, 59.77, 37.35];
  const total = 147.33;
  const v = L.map((l) => (-0.7 * l) / total);
  Object.values(r.section_corrections_mm!).forEach((c, i) => assertClose(c, v[i], 1e-9, `v${i}`));
  assertClose(r.elevations_m.TP1, 100.312 + v[0] / 1000, 1e-9);
  assertClose(r.elevations_m.P1, 100.312 - 0.8967 + (v[0] + v[1]) / 1000, 1e-9);
});

test('misclosure over tolerance rejects the whole epoch: accepted false, elevations {}', () => {
  const r = solveLeveling(loop({ k_mm: 0.3 }));
  assert.equal(r.accepted, false);
  assert.equal(r.checked, true);
  assert.deepEqual(r.elevations_m, {});
  assert.equal(r.section_corrections_mm, undefined);
  assertClose(r.misclosure_mm, 0.7, 1e-9);
  assertClose(r.tolerance_mm, 0.3 * Math.sqrt(3), 1e-12);
  assert.match(r.reason!, /misclosure 0\.70 mm exceeds the tolerance ±0\.52 mm \(k = 0\.3 mm, n = 3 stations\)/);
  assert.equal(r.station_dh_m!.length, 3);
});

test('the tolerance boundary is inclusive and not fooled by binary floats (0.7·√9 = 2.0999999999999996)', () => {
  const req = (dh: number) => ({ kind: 'leveling', benchmarks: { BM1: 10 }, start: 'BM1', end: 'BM1', k_mm: 0.7, sections: [{ from: 'BM1', to: 'BM1', stations: 9, dh_m: dh }] });
  assert.equal(0.7 * Math.sqrt(9) < 2.1, true);
  assert.equal(solveLeveling(req(0.0021)).accepted, true);
  assert.equal(solveLeveling(req(-0.0021)).accepted, true);
  assert.equal(solveLeveling(req(0.00211)).accepted, false);
});

test('open route (no end): unchecked, no misclosure, raw elevations', () => {
  const r = solveLeveling({ kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', k_mm: 1, stations: LOOP_STATIONS.slice(0, 2) });
  assert.equal(r.checked, false);
  assert.equal(r.accepted, true);
  assert.equal(r.misclosure_mm, null);
  assert.equal(r.tolerance_mm, null);
  assert.equal(r.section_corrections_mm, undefined);
  assertClose(r.elevations_m.TP1, 100.312, 1e-9);
  assertClose(r.elevations_m.P1, 99.4153, 1e-9);
});

test('attached route between two benchmarks: f_h = ΣΔh − (H_end − H_start)', () => {
  const stations = LOOP_STATIONS.map((s, i) => (i === 2 ? { ...s, fore: 'BM2' } : s));
  const r = solveLeveling({ kind: 'leveling', benchmarks: { BM1: 100, BM2: 100.001 }, start: 'BM1', end: 'BM2', k_mm: 1, stations });
  assertClose(r.misclosure_mm, -0.3, 1e-9);
  assertClose(r.section_corrections_mm!['BM1-TP1'], 0.1, 1e-9);
  assertClose(r.elevations_m.P1, 99.4153 + 0.0002, 1e-9);
  assert.equal('BM2' in r.elevations_m, false);
});

test('sections input: corrections keyed FROM-TO by station count, and by length', () => {
  const sections = [
    { from: 'BM1', to: 'P1', stations: 4, dh_m: -0.5, length_m: 100 },
    { from: 'P1', to: 'BM1', stations: 2, dh_m: 0.5006, length_m: 300 },
  ];
  const r = solveLeveling({ kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', k_mm: 1, sections });
  assert.equal(r.n_stations, 6);
  assertClose(r.misclosure_mm, 0.6, 1e-9);
  assertClose(r.tolerance_mm, Math.sqrt(6), 1e-12);
  assertClose(r.section_corrections_mm!['BM1-P1'], -0.4, 1e-9);
  assertClose(r.section_corrections_mm!['P1-BM1'], -0.2, 1e-9);
  assertClose(r.elevations_m.P1, 99.4996, 1e-9);
  assert.equal(r.station_dh_m, undefined);
  const d = solveLeveling({ kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', k_mm: 1, sections, distribute: 'distance' });
  assertClose(d.section_corrections_mm!['BM1-P1'], -0.15, 1e-9);
  assertClose(d.section_corrections_mm!['P1-BM1'], -0.45, 1e-9);
});

test('repeated FROM-TO pairs get distinct keys', () => {
  const sections = [
    { from: 'BM1', to: 'P1', stations: 1, dh_m: 0.1 },
    { from: 'P1', to: 'BM1', stations: 1, dh_m: -0.1 },
    { from: 'BM1', to: 'P1', stations: 1, dh_m: 0.1 },
    { from: 'P1', to: 'BM1', stations: 1, dh_m: -0.1 },
  ];
  const r = solveLeveling({ kind: 'leveling', benchmarks: { BM1: 1 }, start: 'BM1', end: 'BM1', k_mm: 1, sections });
  assert.deepEqual(Object.keys(r.section_corrections_mm!), ['BM1-P1', 'P1-BM1', 'BM1-P1#2', 'P1-BM1#2']);
});

test('BFFB stations: Δh = mean of both pairs; station differences and the over-limit flag', () => {
  const stations = [
    { back: 'BM10', fore: 'A1', back_m: 1.62345, fore_m: 1.1022, back2_m: 1.62351, fore2_m: 1.10232 },
    { back: 'A1', fore: 'BM10', back_m: 1.3101, fore_m: 1.83112, back2_m: 1.31018, fore2_m: 1.83108 },
  ];
  const r = solveLeveling({ kind: 'leveling', benchmarks: { BM10: 250 }, start: 'BM10', end: 'BM10', k_mm: 0.3, stations, station_diff_limit_mm: 0.1 });
  assertClose(r.station_dh_m![0], 0.52122, 1e-12);
  assertClose(r.station_diff_mm![0]!, 0.06, 1e-9);
  assertClose(r.station_diff_mm![1]!, -0.12, 1e-9);
  assert.deepEqual(r.flags.map((f) => [f.code, f.station]), [['station_difference_over_limit', 1]]);
  assertClose(r.misclosure_mm, 0.26, 1e-9);
  assertClose(r.elevations_m.A1, 250.52122 - 0.00013, 1e-9);
});

test('raw GSI: the DNA03 excerpt (docs/domain/pit.md §3.1) solves to H(1) = 0.219065 (the instrument shows 0.21906)', () => {
  const r = solveLeveling({ kind: 'leveling', benchmarks: { G: 0 }, start: 'G', k_mm: 0.3, raw: { format: 'gsi', text: DNA03_GSI16_SAMPLE } });
  assert.equal(r.checked, false);
  assert.equal(r.method, 'BFFB');
  assert.deepEqual(Object.keys(r.elevations_m), ['1']);
  assertClose(r.elevations_m['1'], 0.219065, 1e-12);
  assertClose(r.station_diff_mm![0]!, -0.05, 1e-9);
  assertClose(r.length_m, 37.59663, 1e-9);
  assert.deepEqual(r.flags, []);
  const flagged = solveLeveling({ kind: 'leveling', benchmarks: { G: 0 }, start: 'G', k_mm: 0.3, raw: { format: 'gsi', text: DNA03_GSI16_SAMPLE }, station_diff_limit_mm: 0.04 });
  assert.deepEqual(flagged.flags, [{ code: 'station_difference_over_limit', station: 0, diff_mm: flagged.station_diff_mm![0], limit_mm: 0.04, line: 3 }]);
});

test('raw GSI-16 BFFB loop: accepted at k 0.3, rejected at k 0.1 with no elevations', () => {
  const ok = solveLeveling({ kind: 'leveling', benchmarks: { BM10: 250 }, start: 'BM10', end: 'BM10', k_mm: 0.3, raw: { format: 'gsi', text: GSI16_BFFB_LOOP } });
  assert.equal(ok.accepted, true);
  assertClose(ok.misclosure_mm, 0.26, 1e-9);
  assertClose(ok.elevations_m.A1, 250.52109, 1e-9);
  const rejected = solveLeveling({ kind: 'leveling', benchmarks: { BM10: 250 }, start: 'BM10', end: 'BM10', k_mm: 0.1, raw: { format: 'gsi', text: GSI16_BFFB_LOOP } });
  assert.equal(rejected.accepted, false);
  assert.deepEqual(rejected.elevations_m, {});
  assert.ok(rejected.reason);
});

test('raw GSI-8 and DiNi files of the same BF loop give identical results, intermediate sight included', () => {
  const base = { kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', k_mm: 1 };
  const g = solveLeveling({ ...base, raw: { format: 'gsi', text: GSI8_BF_LOOP } });
  const d = solveLeveling({ ...base, raw: { format: 'dini', text: DINI_BF_LOOP } });
  const s = solveLeveling(loop());
  assertClose(g.misclosure_mm, 0.7, 1e-9);
  const tp1 = 100.312 - 0.0007 / 3;
  assertClose(g.elevations_m.IS1, tp1 + 0.9875 - 2.105, 1e-9);
  for (const r of [g, d]) {
    assert.deepEqual(Object.keys(r.elevations_m).sort(), ['IS1', 'P1', 'TP1']);
    assertClose(r.elevations_m.TP1, s.elevations_m.TP1, 1e-12);
    assertClose(r.elevations_m.P1, s.elevations_m.P1, 1e-12);
    assertClose(r.elevations_m.IS1, g.elevations_m.IS1, 1e-12);
    assert.deepEqual(r.flags, []);
  }
  const bffb = solveLeveling({ kind: 'leveling', benchmarks: { BM10: 250 }, start: 'BM10', end: 'BM10', k_mm: 0.3, raw: { format: 'dini', text: DINI_BFFB_LOOP } });
  assertClose(bffb.elevations_m.A1, 250.52109, 1e-9);
});

test('a benchmark passed through mid-route is flagged as not used', () => {
  const stations = LOOP_STATIONS.map((s, i) => (i === 0 ? { ...s, fore: 'BM2' } : i === 1 ? { ...s, back: 'BM2' } : s));
  const r = solveLeveling({ kind: 'leveling', benchmarks: { BM1: 100, BM2: 100.3 }, start: 'BM1', end: 'BM1', k_mm: 1, stations });
  assert.deepEqual(r.flags, [{ code: 'benchmark_not_used', point: 'BM2' }]);
  assert.deepEqual(Object.keys(r.elevations_m), ['P1']);
});

test('known_points: any point that is neither a benchmark nor registered is refused', () => {
  assert.equal(solveLeveling(loop({ known_points: ['TP1', 'P1'] })).accepted, true);
  assertThrowsCode(() => solveLeveling(loop({ known_points: ['TP1'] })), 'unknown_point', "stations[1].fore: unknown point 'P1' (not a benchmark nor in known_points)");
  const raw = { kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', k_mm: 1, raw: { format: 'gsi', text: GSI8_BF_LOOP } };
  assertThrowsCode(() => solveLeveling({ ...raw, known_points: ['TP1', 'P1'] }), 'unknown_point', "raw.text: line 9: unknown point 'IS1'");
  assertThrowsCode(() => solveLeveling({ ...raw, known_points: ['P1', 'IS1'] }), 'unknown_point', "raw.text: line 3: unknown point 'TP1'");
  assertThrowsCode(() => solveLeveling({ ...loop(), stations: undefined, known_points: [], sections: [{ from: 'BM1', to: 'X', stations: 1, dh_m: 0 }, { from: 'X', to: 'BM1', stations: 1, dh_m: 0 }] }), 'unknown_point', "sections[0].to: unknown point 'X'");
});

test('invalid leveling requests name the field', () => {
  const bad = (s: object) => ({ ...loop(), stations: [LOOP_STATIONS[0], LOOP_STATIONS[1], { ...LOOP_STATIONS[2], ...s }] });
  const cases: [unknown, string, string][] = [
    [{ ...loop(), stations: undefined }, 'invalid_request', 'stations: one of stations, sections or raw is required'],
    [{ ...loop(), raw: { format: 'gsi', text: GSI8_BF_LOOP } }, 'invalid_request', 'raw: exactly one of stations, sections or raw is allowed (got stations and raw)'],
    [{ ...loop(), start: 'BMX' }, 'unknown_point', "start: 'BMX' is not in benchmarks"],
    [{ ...loop(), end: 'BMX' }, 'unknown_point', "end: 'BMX' is not in benchmarks"],
    [bad({ back_m: '1.4' }), 'invalid_request', 'stations[2].back_m: expected number, received string'],
    [bad({ fore: undefined }), 'invalid_request', 'stations[2].fore: required (expected string)'],
    [bad({ back: 'TPX' }), 'route_broken', "stations[2].back: 'TPX' does not continue the route from 'P1'"],
    [bad({ fore: 'BM9' }), 'route_broken', "stations[2].fore: the route ends at 'BM9' but end is 'BM1'"],
    [bad({ back2_m: 1.4 }), 'invalid_request', 'stations[2].fore2_m: required when back2_m is given (BFFB)'],
    [{ ...bad({ fore_dist_m: undefined }), distribute: 'distance' }, 'invalid_request', 'stations[2].fore_dist_m: required when distribute is "distance"'],
    [{ ...loop(), k_mm: 0 }, 'invalid_request', 'k_mm: Too small'],
    [{ ...loop(), k_mm: undefined }, 'invalid_request', 'k_mm: required (expected number)'],
    [{ ...loop(), distribute: 'weight' }, 'invalid_request', 'distribute: Invalid option'],
    [{ ...loop(), benchmarks: { BM1: '100' } }, 'invalid_request', 'benchmarks.BM1: expected number'],
    [{ ...loop(), stations: [] }, 'invalid_request', 'stations: Too small'],
    [{ ...loop(), stations: undefined, sections: [{ from: 'BM2', to: 'BM1', stations: 1, dh_m: 0 }] }, 'route_broken', "sections[0].from: expected the start point 'BM1', got 'BM2'"],
    [{ ...loop(), stations: undefined, sections: [{ from: 'BM1', to: 'BM1', stations: 1.5, dh_m: 0 }] }, 'invalid_request', 'sections[0].stations'],
    [{ ...loop(), stations: undefined, distribute: 'distance', sections: [{ from: 'BM1', to: 'BM1', stations: 1, dh_m: 0 }] }, 'invalid_request', 'sections[0].length_m: required when distribute is "distance"'],
    [{ ...loop(), stations: undefined, raw: { format: 'gsi', text: GSI16_BFFB_LOOP } }, 'route_broken', "raw.text: the route starts at 'BM10' but start is 'BM1'"],
    [{ ...loop(), stations: undefined, raw: { format: 'gsi', text: '110001+00000BM1 331.02+00015230' } }, 'gsi_parse_error', "raw.text: line 1: word 2 '331.02+00015230': back staff reading (WI 331) in gon"],
    [{ ...loop(), stations: undefined, raw: { format: 'dini', text: 'garbage' } }, 'dini_parse_error', 'raw.text: line 1: not an M5 record'],
    [{ ...loop(), stations: undefined, raw: { format: 'csv', text: 'x' } }, 'invalid_request', 'raw.format: Invalid option'],
  ];
  for (const [req, code, message] of cases) assertThrowsCode(() => solveLeveling(req), code, message);
});
