import assert from 'node:assert/strict';
import { test } from 'node:test';
import { solveInclinometer } from './inclinometer.solve';
import { assertClose, assertThrowsCode } from './pit.testing';

const depths_m = [0.5, 1.0, 1.5, 2.0];
const current = { time: '2024-05-10T09:00:00+08:00', A0: [0.44, 0.4, 0.3, 0.1], A180: [-0.16, -0.1, -0.2, 0.0] };
const initial = { time: '2024-04-01T09:00:00+08:00', A0: [0.2, 0.2, 0.2, 0.1], A180: [0.0, 0.0, -0.1, 0.0] };
const previous = { time: '2024-05-08T09:00:00+08:00', A0: [0.3, 0.3, 0.25, 0.1], A180: [-0.1, -0.1, -0.15, 0.0] };
const req = (extra: Record<string, unknown> = {}) => ({ kind: 'inclinometer', interval_m: 0.5, depths_m, current, ...extra });
const closeAll = (actual: number[] | undefined, expected: number[], label: string) => {
  assert.equal(actual?.length, expected.length, label);
  expected.forEach((e, i) => assertClose(actual![i], e, 1e-12, `${label}[${i}]`));
};

test('checksum, deviation (A0 − A180)/2 and the profile summed bottom-up', () => {
  const r = solveInclinometer(req());
  closeAll(r.checksum_mm, [0.28, 0.3, 0.1, 0.1], 'checksum');
  closeAll(r.deviation_mm, [0.3, 0.25, 0.25, 0.05], 'deviation');
  closeAll(r.profile_mm, [0.85, 0.55, 0.3, 0.05], 'profile');
  assert.equal(r.displacement_mm, undefined);
  assert.equal(r.rate_mm_per_day, undefined);
  assert.deepEqual(r.flags, []);
});

test('displacement vs initial, top and max; change and rate vs previous', () => {
  const r = solveInclinometer(req({ initial, previous }));
  closeAll(r.displacement_mm, [0.45, 0.25, 0.1, 0.0], 'displacement');
  assert.equal(r.top!.depth_m, 0.5);
  assertClose(r.top!.displacement_mm, 0.45, 1e-12);
  assert.equal(r.max!.depth_m, 0.5);
  assertClose(r.max!.displacement_mm, 0.45, 1e-12);
  closeAll(r.change_mm, [0.2, 0.1, 0.05, 0], 'change');
  assert.equal(r.interval_days, 2);
  closeAll(r.rate_mm_per_day, [0.1, 0.05, 0.025, 0], 'rate');
  assert.deepEqual(r.flags, []);
});

test('max is the largest |D| with its depth, also when negative and below the top', () => {
  const cur = { ...current, A0: [0.0, -0.6, 0.3, 0.1], A180: [0.0, 0.6, -0.2, 0.0] };
  const r = solveInclinometer(req({ current: cur, initial }));
  // dev [0, -0.6, 0.25, 0.05] → P [-0.3, -0.3, 0.3, 0.05]; P_init [0.4, 0.3, 0.2, 0.05]
  closeAll(r.displacement_mm, [-0.7, -0.6, 0.1, 0], 'displacement');
  assert.deepEqual(r.top, { depth_m: 0.5, displacement_mm: r.displacement_mm![0] });
  assert.equal(r.max!.depth_m, 0.5);
  assertClose(r.max!.displacement_mm, -0.7, 1e-12);
});

test('depths listed bottom-up give the same per-depth results', () => {
  const rev = <T,>(a: T[]) => [...a].reverse();
  const r = solveInclinometer({
    kind: 'inclinometer', interval_m: 0.5, depths_m: rev(depths_m),
    current: { ...current, A0: rev(current.A0), A180: rev(current.A180) },
    initial: { ...initial, A0: rev(initial.A0), A180: rev(initial.A180) },
  });
  closeAll(r.profile_mm, [0.05, 0.3, 0.55, 0.85], 'profile');
  closeAll(r.displacement_mm, [0, 0.1, 0.25, 0.45], 'displacement');
  assert.equal(r.top!.depth_m, 0.5);
  const shuffled = solveInclinometer({
    kind: 'inclinometer', interval_m: 0.5, depths_m: [1.0, 2.0, 0.5, 1.5],
    current: { ...current, A0: [0.4, 0.1, 0.44, 0.3], A180: [-0.1, 0, -0.16, -0.2] },
  });
  closeAll(shuffled.profile_mm, [0.55, 0.05, 0.85, 0.3], 'profile');
});

test('several baseline surveys: the initial profile is their mean', () => {
  const other = { time: '2024-04-02T09:00:00+08:00', A0: [0.4, 0.2, 0.2, 0.1], A180: [0.0, 0.0, -0.1, 0.0] };
  const r = solveInclinometer(req({ initial: [initial, other] }));
  // P_init: [0.40, 0.30, 0.20, 0.05] and [0.50, 0.30, 0.20, 0.05] → mean [0.45, ...]
  closeAll(r.displacement_mm, [0.4, 0.25, 0.1, 0], 'displacement');
});

test('forensic flags: checksum outlier, checksum jump, mirrored faces, identical copies, irregular spacing', () => {
  const outlier = solveInclinometer(req({ current: { ...current, A180: [-0.16, -0.1, 1.5, 0] } }));
  assert.deepEqual(outlier.flags.map((f) => [f.code, f.depth_m]), [['checksum_outlier', 1.5]]);
  assertClose(outlier.flags[0].checksum_mm as number, 1.8, 1e-12);
  assertClose(outlier.flags[0].median_mm as number, 0.29, 1e-12);

  const custom = solveInclinometer(req({ checksum_tolerance_mm: 0.15 }));
  assert.deepEqual(custom.flags.map((f) => [f.code, f.depth_m]), []);
  const tight = solveInclinometer(req({ checksum_tolerance_mm: 0.05 }));
  assert.deepEqual(tight.flags.map((f) => [f.code, f.depth_m]), [['checksum_outlier', 0.5], ['checksum_outlier', 1.0], ['checksum_outlier', 1.5], ['checksum_outlier', 2.0]]);

  const jump = solveInclinometer(req({ initial: { ...initial, A180: [0, 0, -0.1, -1.5] } }));
  assert.deepEqual(jump.flags.map((f) => [f.code, f.depth_m]), [['checksum_jump', 2.0]]);

  const mirror = solveInclinometer(req({ current: { ...current, A180: current.A0.map((a) => -a) } }));
  assert.deepEqual(mirror.flags, [{ code: 'mirror_readings' }]);

  const copy = solveInclinometer(req({ initial: { ...current, time: initial.time }, previous: { ...current, time: previous.time } }));
  assert.deepEqual(copy.flags.map((f) => f.code), ['identical_to_initial', 'identical_to_previous']);

  const gap = solveInclinometer({ kind: 'inclinometer', interval_m: 0.5, depths_m: [0.5, 1.0, 2.0], current: { time: current.time, A0: [0.1, 0.2, 0.3], A180: [0, 0, 0.1] } });
  assert.deepEqual(gap.flags, [{ code: 'irregular_spacing', depth_m: 1.0, interval_m: 0.5 }]);
});

test('invalid inclinometer requests name the field', () => {
  const cases: [unknown, string, string][] = [
    [req({ current: { ...current, A180: [1, 2, 3] } }), 'invalid_request', 'current.A180: expected 4 values, got 3'],
    [req({ current: { ...current, A0: [0.44, 'x', 0.3, 0.1] } }), 'invalid_request', 'current.A0[1]: expected number, received string'],
    [req({ current: { time: current.time, A0: current.A0 } }), 'invalid_request', 'current.A180'],
    [req({ depths_m: [0.5, 1.0, 1.0, 2.0] }), 'invalid_request', 'duplicate depth 1'],
    [req({ depths_m: [-0.5, 1.0, 1.5, 2.0] }), 'invalid_request', 'depths_m[0]: must be ≥ 0'],
    [req({ depths_m: [] }), 'invalid_request', 'depths_m: expected at least one value'],
    [req({ interval_m: 0 }), 'invalid_request', 'interval_m: Too small'],
    [req({ current: { ...current, time: '10/05/2024' } }), 'invalid_request', "current.time: not a valid ISO 8601 time: '10/05/2024'"],
    [req({ previous: { ...previous, time: '2024-05-11T09:00' } }), 'time_order', "current.time: '2024-05-10T09:00:00+08:00' is not after previous.time"],
    [req({ now: '2024-05-09T00:00' }), 'future_timestamp', 'current.time'],
    [req({ initial: { ...initial, A0: [1] } }), 'invalid_request', 'initial.A0: expected 4 values, got 1'],
    [req({ initial: [initial, { ...initial, A0: [1] }] }), 'invalid_request', 'initial[1].A0: expected 4 values'],
    [req({ checksum_tolerance_mm: -1 }), 'invalid_request', 'checksum_tolerance_mm: Too small'],
  ];
  for (const [r, code, message] of cases) assertThrowsCode(() => solveInclinometer(r), code, message);
});
