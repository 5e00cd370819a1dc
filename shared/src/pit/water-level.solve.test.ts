import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClose, assertThrowsCode } from './pit.testing';
import { solveWaterLevel } from './water-level.solve';

test('water level = pipe top − depth; change vs the first reading, rate vs the previous', () => {
  const r = solveWaterLevel({
    kind: 'water_level',
    pipe_top_m: 12.5,
    readings: [
      { time: '2024-05-01T08:00', depth_m: 3.2 },
      { time: '2024-05-02T08:00', depth_m: 3.5 },
      { time: '2024-05-04T08:00', depth_m: 3.4 },
    ],
  });
  assertClose(r.initial, 9.3, 1e-12);
  assert.equal(r.elevations_m.length, 3);
  [9.3, 9.0, 9.1].forEach((e, i) => assertClose(r.elevations_m[i], e, 1e-12));
  assert.equal(r.epochs[0].cumulative_mm, 0);
  assert.equal(r.epochs[0].change_mm, null);
  assert.equal(r.epochs[0].rate_mm_per_day, null);
  assertClose(r.epochs[1].cumulative_mm, -300, 1e-9);
  assertClose(r.epochs[1].rate_mm_per_day, -300, 1e-9);
  assertClose(r.epochs[2].cumulative_mm, -200, 1e-9);
  assertClose(r.epochs[2].change_mm, 100, 1e-9);
  assert.equal(r.epochs[2].interval_days, 2);
  assertClose(r.epochs[2].rate_mm_per_day, 50, 1e-9);
});

test('a re-surveyed pipe top applies from the reading that carries it', () => {
  const r = solveWaterLevel({
    kind: 'water_level',
    pipe_top_m: 12.5,
    readings: [
      { time: '2024-05-01T08:00', depth_m: 3.2 },
      { time: '2024-05-02T08:00', depth_m: 3.19, pipe_top_m: 12.49 },
    ],
  });
  assertClose(r.elevations_m[1], 9.3, 1e-12);
  assertClose(r.epochs[1].cumulative_mm, 0, 1e-9);
});

test('invalid water level requests', () => {
  const ok = { kind: 'water_level', pipe_top_m: 12.5, readings: [{ time: '2024-05-01T08:00', depth_m: 3.2 }] };
  const cases: [unknown, string, string][] = [
    [{ ...ok, pipe_top_m: 'x' }, 'invalid_request', 'pipe_top_m: expected number'],
    [{ ...ok, readings: [] }, 'invalid_request', 'readings: expected at least one element'],
    [{ ...ok, readings: [{ time: '2024-05-01T08:00', depth: 3.2 }] }, 'invalid_request', 'readings[0].depth_m: required'],
    [{ ...ok, readings: [ok.readings[0], { time: '2024-05-01T08:00', depth_m: 3 }] }, 'time_order', 'readings[1].time'],
    [{ ...ok, readings: [ok.readings[0], { time: '2024-05-02T08:00', depth_m: 3, pipe_top_m: '12' }] }, 'invalid_request', 'readings[1].pipe_top_m: expected number'],
    [{ ...ok, now: '2024-04-30T00:00' }, 'future_timestamp', 'readings[0].time'],
  ];
  for (const [req, code, message] of cases) assertThrowsCode(() => solveWaterLevel(req), code, message);
});
