import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeEpoch, measureEpoch, solveEpoch, type EpochInput, type PointConfig } from './epoch.solve';
import { writeGsiTps } from './gsi-writer';

const now = Date.parse('2026-11-20T12:00:00+08:00');
const levels = { yellow: 0.7, orange: 0.85, red: 1 };
const wall = (code: string, E: number, N: number, azimuthDeg: number | undefined): PointConfig => ({ code, item: 'wallTopHorizontal', initialE: E, initialN: N, azimuthDeg, control: { cumulative: 10, rate: 2 } });
const points: Record<string, PointConfig> = {
  // east wall, normal into the pit toward the east (90°)
  P1: wall('P1', 1020, 5000, 90),
  // a corner: normal toward the north-east (45°)
  P2: wall('P2', 990, 5010, 45),
  // south wall, normal toward the south (180°)
  P3: wall('P3', 1000, 4980, 180),
  ZQS1: { code: 'ZQS1', item: 'wallTopVertical', initialM: 99.5, control: { cumulative: 10, rate: 2 } },
};
const project = { levels, consecutive: { n: 3, fraction: 0.7 }, controlPoints: { S1: { E: 1000, N: 5000, H: 10 }, B1: { E: 1000, N: 5100 }, B2: { E: 1100, N: 5000 } } };
const S1 = { id: 'S1', E: 1000, N: 5000, H: 10, instrumentHeightM: 1.5 };
const B = [{ id: 'B1', E: 1000, N: 5100 }, { id: 'B2', E: 1100, N: 5000 }];
const base = (over: Partial<EpochInput>): EpochInput => ({ format: 'gsi', text: '', observedAt: '2026-11-20T09:00:00+08:00', nowMs: now, project, points, previous: {}, ...over });
const valueOf = (out: ReturnType<typeof solveEpoch>, p: string) => out.results.find((r) => r.point === p)!;
const fails = (fn: () => unknown, code: string, message: RegExp) =>
  assert.throws(fn, (e: { code: string; message: string }) => {
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });

test('a total-station GSI file: oriented on the registered backsights, each point judged on d = ΔE·sin a + ΔN·cos a', () => {
  const text = writeGsiTps(S1, B, [
    { point: 'P1', E: 1020.006, N: 5000.008 }, // a = 90°: d = ΔE = +6.0 mm (the 8 mm along the wall does not count)
    { point: 'P2', E: 990.004, N: 5010.004 }, // a = 45°: d = 4·sin45° + 4·cos45° = 4√2 = 5.657 mm
    { point: 'P3', E: 1000.002, N: 4979.9912 }, // a = 180°: d = −ΔN = +8.8 mm → 88 % orange
  ]);
  const m = measureEpoch(base({ text }));
  assert.equal(m.stream, 'total_station:S1');
  assert.deepEqual(m.summary.backsights, ['B1', 'B2']);
  const out = judgeEpoch(m, base({}));
  assert.equal(out.status, 'accepted', out.reason);
  const expected: [string, number, string][] = [['P1', 6, 'normal'], ['P2', 4 * Math.SQRT2, 'normal'], ['P3', 8.8, 'orange']];
  for (const [p, d, level] of expected) {
    assert.ok(Math.abs(valueOf(out, p).value - d) < 0.01, `${p}: ${valueOf(out, p).value} ≈ ${d}`);
    assert.equal(valueOf(out, p).finalLevel, level, p);
  }
  // a point moving away from the pit is negative, judged on |d|
  const away = solveEpoch(base({ text: writeGsiTps(S1, B, [{ point: 'P1', E: 1019.991, N: 5000 }]) }));
  assert.ok(Math.abs(valueOf(away, 'P1').value + 9) < 0.01);
  assert.equal(valueOf(away, 'P1').finalLevel, 'orange');
});

test('tps_csv: coordinates from the instrument software; rate and the consecutive rule as for any item', () => {
  const csv = (rows: string[]) => `point,time,E,N,H\n${rows.join('\n')}\n`;
  const first = solveEpoch(base({ format: 'tps_csv', text: csv(['P1,2026-11-18T09:00:00+08:00,1020.0020,5000.0000,10.0', 'P3,2026-11-18T09:00:00+08:00,1000,4980,']) }));
  assert.equal(first.stream, 'total_station');
  assert.ok(Math.abs(valueOf(first, 'P1').value - 2) < 1e-6);
  const previous = Object.fromEntries(first.results.map((r) => [r.point, { value: r.value, timeMs: first.observedAtMs, consecutive: r.consecutive }]));
  // a day later: P1 +3.6 mm in 1 d = 3.6 mm/d of 2 → rate red; P3 exactly 8.5 mm of 10 → 85 %, orange (inclusive)
  const next = solveEpoch(base({ format: 'tps_csv', previous, text: csv(['P1,2026-11-19T09:00:00+08:00,1020.0056,5000.003,10.0', 'P3,2026-11-19T09:00:00+08:00,1000.004,4979.9915,']) }));
  const p1 = valueOf(next, 'P1');
  assert.ok(Math.abs(p1.value - 5.6) < 1e-6);
  assert.ok(Math.abs(p1.rate! - 3.6) < 1e-6, String(p1.rate));
  assert.equal(p1.rateLevel, 'red');
  assert.equal(valueOf(next, 'P3').level, 'orange');
  assert.ok(Math.abs(valueOf(next, 'P3').ratio - 0.85) < 1e-9);
});

test('hostile total-station uploads: unknown station or backsight, unregistered points, missing azimuth or initial coordinates, bad rows, future times', () => {
  const targets = [{ point: 'P1', E: 1020.001, N: 5000 }];
  fails(() => solveEpoch(base({ text: writeGsiTps({ ...S1, id: 'S9' }, B, targets) })), 'station_unknown', /^测站 S9 未登记坐标/);
  fails(() => solveEpoch(base({ text: writeGsiTps(S1, [...B, { id: 'BX', E: 900, N: 5000 }], targets) })), 'backsight_unknown', /^后视点 BX 未登记坐标/);
  fails(() => solveEpoch(base({ text: writeGsiTps(S1, [], targets) })), 'backsight_missing', /没有照准任何已登记的控制点/);
  fails(() => solveEpoch(base({ text: writeGsiTps(S1, B, [...targets, { point: 'X7', E: 1010, N: 5010 }]) })), 'unknown_point', /未登记的监测点：X7/);
  // a leveling point is not a total-station point
  fails(() => solveEpoch(base({ text: writeGsiTps(S1, B, [{ point: 'ZQS1', E: 1010, N: 5010 }]) })), 'unknown_point', /ZQS1/);
  const noAz = { ...points, P1: wall('P1', 1020, 5000, undefined), P2: { ...points.P2, initialE: undefined } };
  fails(() => solveEpoch(base({ points: noAz, text: writeGsiTps(S1, B, [...targets, { point: 'P2', E: 990, N: 5010 }]) })), 'point_not_initialised', /^测点 P1、P2 未登记初始坐标\/方位角/);
  fails(() => solveEpoch(base({ points: { ...points, P1: wall('P1', 1020, 5000, 360) }, text: writeGsiTps(S1, B, targets) })), 'point_not_initialised', /^测点 P1 未登记初始坐标\/方位角/);
  fails(() => solveEpoch(base({ text: writeGsiTps(S1, B, targets), observedAt: '2026-11-21T09:00:00+08:00' })), 'future_timestamp', /晚于当前时间/);
  fails(() => solveEpoch(base({ text: writeGsiTps(S1, B, targets), observedAt: undefined })), 'observed_at_required', /观测时间/);
  fails(() => solveEpoch(base({ project: { ...project, controlPoints: undefined }, text: writeGsiTps(S1, B, targets) })), 'station_unknown', /测站 S1 未登记坐标/);

  const csv = (rows: string) => `point,time,E,N,H\n${rows}\n`;
  fails(() => solveEpoch(base({ format: 'tps_csv', text: csv('P1,2026-11-20T09:00:00+08:00,1020.001,abc,10') })), 'tps_csv_error', /line 2: N: 'abc' is not a number/);
  fails(() => solveEpoch(base({ format: 'tps_csv', text: csv('P1,2026-11-20T09:00:00+08:00,1020.001') })), 'tps_csv_error', /line 2: expected 5 columns, got 3/);
  fails(() => solveEpoch(base({ format: 'tps_csv', text: 'point,time,E\nP1,2026-11-20T09:00:00+08:00,1\n' })), 'tps_csv_error', /header lacks column 'N'/);
  fails(() => solveEpoch(base({ format: 'tps_csv', text: csv('P1,2026-11-21T09:00:00+08:00,1020.001,5000,10') })), 'future_timestamp', /第 2 行时间/);
  fails(() => solveEpoch(base({ format: 'tps_csv', text: csv('P1,2026-11-20T09:00:00+08:00,1020.001,5000,10\nP1,2026-11-20T10:00:00+08:00,1020.002,5000,10') })), 'duplicate_point', /第 3 行：测点 P1 在第 2 行已有读数/);
  fails(() => solveEpoch(base({ format: 'tps_csv', text: csv('P1,2026-11-20T09:00:00+08:00,5000,1020,10') })), 'implausible_reading', /坐标距初始坐标/);
  fails(() => solveEpoch(base({ format: 'tps_csv', points: noAz, text: csv('P1,2026-11-20T09:00:00+08:00,1020.001,5000,10') })), 'point_not_initialised', /^测点 P1 未登记初始坐标\/方位角/);
});
