import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveEpoch, type EpochInput, type PointConfig } from './epoch.solve';

const now = Date.parse('2026-11-20T12:00:00+08:00');
const points: Record<string, PointConfig> = {
  QX1: { code: 'QX1', item: 'buildingTilt', initialReading: 0.3, control: { cumulative: 2, rate: 0.1 } },
  QX2: { code: 'QX2', item: 'buildingTilt', initialReading: -0.2, control: { cumulative: 2, rate: 0.1 } },
  LF1: { code: 'LF1', item: 'buildingCrack', initialReading: 0.4, control: { cumulative: 1.5, rate: null } },
  DF1: { code: 'DF1', item: 'groundCrack', initialReading: 2, control: { cumulative: 10, rate: null } },
  // rebar meter in the diaphragm wall: F = K(f² − f₀²), design 100 kN → control 60 kN
  GJ1: { code: 'GJ1', item: 'wallInternalForce', calibration: { K: 0.0001, f0_Hz: 1500 }, control: { cumulative: 60, rate: null } },
  ZL1: { code: 'ZL1', item: 'strutForce', calibration: { K: 0.05, f0_Hz: 800 }, control: { cumulative: 2000, rate: null } },
};
const project = { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: { n: 3, fraction: 0.7 } };
const base = (over: Partial<EpochInput>): EpochInput => ({ format: 'tilt_csv', text: '', nowMs: now, project, points, previous: {}, ...over });
const at = (out: ReturnType<typeof solveEpoch>, p: string) => out.results.find((r) => r.point === p)!;
const fails = (fn: () => unknown, code: string, message: RegExp) =>
  assert.throws(fn, (e: { code: string; message: string }) => {
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });

test('tilt_csv in ‰: the tilt since the initial reading, judged against 2‰ (2/1000) and 0.1‰/d', () => {
  const out = solveEpoch(base({ text: 'point,time,tilt_permille\nQX1,2026-11-20T08:00:00+08:00,2.0\nQX2,2026-11-20T08:00:00+08:00,-1.1\n' }));
  assert.equal(out.stream, 'tilt');
  // QX1: 2.0 − 0.3 = 1.7‰ of 2 = 85 % orange; QX2: −1.1 − (−0.2) = −0.9‰ = 45 % normal
  assert.ok(Math.abs(at(out, 'QX1').value - 1.7) < 1e-12);
  assert.equal(at(out, 'QX1').finalLevel, 'orange');
  assert.ok(Math.abs(at(out, 'QX2').value + 0.9) < 1e-12);
  assert.equal(at(out, 'QX2').finalLevel, 'normal');
  // a day later −1.02 − (−0.2) = −0.82‰: +0.08‰ in a day is 80 % of 0.1‰/d — yellow, and the third in a row
  // strictly above 70 % fires the consecutive rule: red
  const previous = { QX2: { value: -0.9, timeMs: Date.parse('2026-11-19T08:00:00+08:00'), consecutive: 2 } };
  const next = solveEpoch(base({ previous, text: 'point,time,tilt_permille\nQX2,2026-11-20T08:00:00+08:00,-1.02\n' }));
  assert.ok(Math.abs(at(next, 'QX2').rate! - 0.08) < 1e-9);
  assert.equal(at(next, 'QX2').rateLevel, 'yellow');
  assert.equal(at(next, 'QX2').consecutive, 3);
  assert.equal(at(next, 'QX2').consecutiveTriggered, true);
  assert.equal(at(next, 'QX2').finalLevel, 'red');
});

test('tilt_csv in degrees: tan θ in ‰ (0.1° = 1.74533‰)', () => {
  const out = solveEpoch(base({ text: '# 倾角计\npoint,time,tilt_deg\nQX1,2026-11-20T08:00:00+08:00,0.1\n' }));
  assert.ok(Math.abs(at(out, 'QX1').value - (Math.tan(0.1 * Math.PI / 180) * 1000 - 0.3)) < 1e-12);
  assert.ok(Math.abs(at(out, 'QX1').value - 1.44533) < 1e-5);
});

test('crack_csv: width growth since the initial width, in mm', () => {
  const out = solveEpoch(base({ format: 'crack_csv', text: 'point,time,width_mm\nLF1,2026-11-20T08:00:00+08:00,1.68\nDF1,2026-11-20T08:00:00+08:00,9.5\n' }));
  // LF1: 1.68 − 0.4 = 1.28 of 1.5 → 85.3 % orange; DF1: 7.5 of 10 → yellow
  assert.ok(Math.abs(at(out, 'LF1').value - 1.28) < 1e-12);
  assert.equal(at(out, 'LF1').finalLevel, 'orange');
  assert.equal(at(out, 'DF1').finalLevel, 'yellow');
  assert.equal(at(out, 'LF1').rateControl, null);
});

test('rebar meters in the wall through vw_csv: F = K(f² − f₀²) in kN', () => {
  const out = solveEpoch(base({ format: 'vw_csv', text: 'sensor_id,time,freq_Hz\nGJ1,2026-11-20T08:00:00+08:00,1700\nZL1,2026-11-20T08:00:00+08:00,810\n' }));
  // 0.0001 · (1700² − 1500²) = 0.0001 · 640000 = 64 kN of 60 → red
  assert.ok(Math.abs(at(out, 'GJ1').value - 64) < 1e-9);
  assert.equal(at(out, 'GJ1').finalLevel, 'red');
  assert.equal(at(out, 'GJ1').item, 'wallInternalForce');
});

test('hostile tilt and crack files: bad rows, future times, unknown or uninitialised points, impossible readings', () => {
  fails(() => solveEpoch(base({ text: 'point,time,tilt_permille\nQX1,2026-11-20T08:00:00+08:00,abc\n' })), 'tilt_csv_error', /tilt_permille: 'abc' is not a number/);
  fails(() => solveEpoch(base({ text: 'point,time,tilt\nQX1,2026-11-20T08:00:00+08:00,1\n' })), 'tilt_csv_error', /header lacks column 'tilt_permille'/);
  fails(() => solveEpoch(base({ text: 'point,time,tilt_permille\nQX1,2026-11-21T08:00:00+08:00,1\n' })), 'future_timestamp', /第 2 行时间/);
  fails(() => solveEpoch(base({ text: 'point,time,tilt_permille\nLF1,2026-11-20T08:00:00+08:00,1\n' })), 'unknown_point', /未登记的监测点：LF1/);
  fails(() => solveEpoch(base({ points: { ...points, QX1: { ...points.QX1, initialReading: undefined } }, text: 'point,time,tilt_permille\nQX1,2026-11-20T08:00:00+08:00,1\n' })), 'point_not_initialised', /^测点 QX1 未登记初始倾斜读数/);
  fails(() => solveEpoch(base({ text: 'point,time,tilt_deg\nQX1,2026-11-20T08:00:00+08:00,45\n' })), 'implausible_reading', /超出倾斜计可能的量程/);
  fails(() => solveEpoch(base({ format: 'crack_csv', text: 'point,time,width_mm\nLF1,2026-11-20T08:00:00+08:00,-1\n' })), 'implausible_reading', /裂缝 LF1 的宽度 -1 mm 不可能/);
  fails(() => solveEpoch(base({ format: 'crack_csv', text: 'point,time,width_mm\nQX1,2026-11-20T08:00:00+08:00,1\n' })), 'unknown_point', /QX1/);
  fails(() => solveEpoch(base({ format: 'vw_csv', text: 'sensor_id,time,freq_Hz\nQX1,2026-11-20T08:00:00+08:00,1000\n' })), 'unknown_point', /QX1/);
});
