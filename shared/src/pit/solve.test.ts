import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GSI8_BF_LOOP, DNA03_GSI16_SAMPLE, TPS_GSI8_SETUP } from './pit.fixtures';
import { assertThrowsCode } from './pit.testing';
import { PIT_KINDS } from './request.schema';
import { solve } from './solve';

const levels = { yellow: 0.7, orange: 0.85, red: 1 };

/** One valid request per §6 kind. */
const VALID_REQUESTS: Record<(typeof PIT_KINDS)[number], Record<string, unknown>> = {
  leveling: { kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', k_mm: 1, raw: { format: 'gsi', text: GSI8_BF_LOOP } },
  series: { kind: 'series', unit: 'm', initial: [10, 10.0002], epochs: [{ time: '2024-05-01T08:00', value: 9.999 }, { time: '2024-05-02T08:00', value: 9.998 }] },
  water_level: { kind: 'water_level', pipe_top_m: 12.5, readings: [{ time: '2024-05-01T08:00', depth_m: 3.2 }, { time: '2024-05-02T08:00', depth_m: 3.5 }] },
  inclinometer: { kind: 'inclinometer', interval_m: 0.5, depths_m: [0.5, 1], current: { time: '2024-05-10T09:00', A0: [0.44, 0.4], A180: [-0.16, -0.1] }, initial: { time: '2024-05-01T09:00', A0: [0.4, 0.4], A180: [-0.1, -0.1] } },
  vibrating_wire: { kind: 'vibrating_wire', K: 0.0005, f0_Hz: 1500, f_Hz: 1400, B: 0.2, T0_C: 20, T_C: 25 },
  rebar_meters: { kind: 'rebar_meters', K: 0.0004, f0_Hz: [1600, 1610], f_Hz: [1550, 1565], meter_bar_diameter_mm: 28, section_mm: [800, 800], bars_area_mm2: 9852, Ec_MPa: 30000, Es_MPa: 200000 },
  total_station: { kind: 'total_station', station: { id: 'S1', E: 1000, N: 5000, H: 100, instrument_height_m: 1.55 }, backsights: [{ id: 'B1', E: 1000, N: 5100 }], raw: { format: 'gsi', text: TPS_GSI8_SETUP } },
  displacement: { kind: 'displacement', initial: { E: 500, N: 300 }, current: { E: 500.003, N: 300.004 }, normal_azimuth_deg: 90 },
  tilt: { kind: 'tilt', settlements_mm: { A: -12, B: -2 }, distance_m: 10, control: 0.002, levels },
  judge: { kind: 'judge', levels, control_value: 3, values: [2.1], rates: [1.5, 1.5, 1.5], rate_control: 2, consecutive: { n: 3, fraction: 0.7 } },
};

const finiteEverywhere = (v: unknown, path = 'result'): void => {
  if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} is ${v}`);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) finiteEverywhere(x, `${path}.${k}`);
  else assert.notEqual(v, undefined, `${path} is undefined`);
};

test('every §6 kind dispatches and returns a JSON-safe result tagged with its kind', () => {
  for (const kind of PIT_KINDS) {
    const result = solve(VALID_REQUESTS[kind]);
    assert.equal(result.kind, kind);
    finiteEverywhere(result);
  }
});

test('the DNA03 worked example (docs/domain/pit.md §3.1) through the dispatcher: GSI excerpt gives 0.219065', () => {
  const r = solve({ kind: 'leveling', benchmarks: { G: 0 }, start: 'G', k_mm: 0.3, raw: { format: 'gsi', text: DNA03_GSI16_SAMPLE } });
  assert.equal(r.kind, 'leveling');
  if (r.kind === 'leveling') assert.ok(Math.abs(r.elevations_m['1'] - 0.219065) < 1e-12);
});

test('the request envelope: object with a known kind', () => {
  assertThrowsCode(() => solve(null), 'invalid_request', 'request: expected a JSON object, received null');
  assertThrowsCode(() => solve([]), 'invalid_request', 'request: expected a JSON object, received array');
  assertThrowsCode(() => solve('leveling'), 'invalid_request', 'request: expected a JSON object, received string');
  assertThrowsCode(() => solve({}), 'invalid_request', 'kind: required (one of leveling, series,');
  assertThrowsCode(() => solve({ kind: 'gnss' }), 'unknown_kind', 'kind: unknown kind "gnss" (one of leveling, series, water_level, inclinometer, vibrating_wire, rebar_meters, total_station, displacement, tilt, judge)');
  assertThrowsCode(() => solve({ kind: 7 }), 'unknown_kind', 'kind: unknown kind 7');
});

test('invalid input for every kind: invalid_request naming the field', () => {
  const cases: [(typeof PIT_KINDS)[number], Record<string, unknown>, string][] = [
    ['leveling', { k_mm: 'one' }, 'k_mm: expected number, received string'],
    ['series', { unit: 'km' }, 'unit: Invalid option'],
    ['water_level', { readings: [{ time: '2024-05-01T08:00', depth_m: '3.2' }] }, 'readings[0].depth_m: expected number, received string'],
    ['inclinometer', { current: { time: '2024-05-10T09:00', A0: [0.44, 0.4], A180: [-0.16] } }, 'current.A180: expected 2 values, got 1'],
    ['vibrating_wire', { f_Hz: 'high' }, 'f_Hz'],
    ['rebar_meters', { section_mm: [800, -1] }, 'section_mm[1]: Too small'],
    ['total_station', { station: { id: 'S1', E: 1000, N: 5000, H: 100 } }, 'station.instrument_height_m: required (expected number)'],
    ['displacement', { current: { E: 500 } }, 'current.N: required (expected number)'],
    ['tilt', { distance_m: -3 }, 'distance_m: Too small'],
    ['judge', { values: [1, 'two'] }, 'values[1]: expected number, received string'],
  ];
  assert.deepEqual(new Set(cases.map((c) => c[0])), new Set(PIT_KINDS));
  for (const [kind, patch, message] of cases) assertThrowsCode(() => solve({ ...VALID_REQUESTS[kind], ...patch }), 'invalid_request', message);
});

test('the solver never mutates its request', () => {
  for (const kind of PIT_KINDS) {
    const req = structuredClone(VALID_REQUESTS[kind]);
    solve(req);
    assert.deepEqual(req, VALID_REQUESTS[kind], kind);
  }
});
