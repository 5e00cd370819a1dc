import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveEpoch, type EpochInput, type PointConfig } from './epoch.solve';
import { writeGsiBffb } from './gsi-writer';
import { MIN_RATE_JUDGE_DAYS, rateVerdict } from './point-judge';

const now = Date.parse('2026-11-20T12:00:00+08:00');
const points: Record<string, PointConfig> = {
  ZQS1: { code: 'ZQS1', item: 'wallTopVertical', initialM: 99.5, control: { cumulative: 10, rate: 2 } },
  ZQS2: { code: 'ZQS2', item: 'wallTopVertical', initialM: 99.6, control: { cumulative: 10, rate: 2 } },
  SW1: { code: 'SW1', item: 'waterLevel', pipeTopM: 100, initialM: 97, control: { cumulative: 1000, rate: 500 } },
  ZL1: { code: 'ZL1', item: 'strutForce', calibration: { K: 0.05, f0_Hz: 800 }, control: { cumulative: 2000, rate: null } },
};
const project = { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: { n: 3, fraction: 0.7 }, leveling: { benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', kMm: 1.0 } };
const loop = (z1: number, z2: number, closure = 0, seed = 1) =>
  writeGsiBffb(100, [
    { from: 'BM1', to: 'ZQS1', dh_m: z1 - 100 },
    { from: 'ZQS1', to: 'ZQS2', dh_m: z2 - z1 },
    { from: 'ZQS2', to: 'BM1', dh_m: 100 - z2 + closure },
  ], seed);
const base = (over: Partial<EpochInput>): EpochInput => ({ format: 'gsi', text: '', observedAt: '2026-11-20T09:00:00+08:00', nowMs: now, project, points, previous: {}, ...over });

test('a GSI loop solves to settlements and judges them: 8.6 mm of 10 mm is orange', () => {
  const out = solveEpoch(base({ text: loop(99.5 - 0.0086, 99.6 - 0.002) }));
  assert.equal(out.status, 'accepted', out.reason);
  const z1 = out.results.find((r) => r.point === 'ZQS1')!;
  assert.ok(Math.abs(z1.value + 8.6) < 0.05, String(z1.value));
  assert.equal(z1.finalLevel, 'orange');
  assert.equal(out.results.find((r) => r.point === 'ZQS2')!.finalLevel, 'normal');
});

test('misclosure over tolerance rejects the whole epoch: no results', () => {
  const out = solveEpoch(base({ text: loop(99.49, 99.59, 0.005) }));
  assert.equal(out.status, 'rejected');
  assert.equal(out.results.length, 0);
  assert.match(out.reason!, /闭合差 .* 超过限差/);
});

test('rate: 3 consecutive epochs over 70 % of the rate control fire red', () => {
  let previous: EpochInput['previous'] = {};
  const levels: string[] = [];
  for (let day = 0; day < 4; day++) {
    const drop = 0.0015 * day; // 1.5 mm/d = 75 % of 2 mm/d
    const out = solveEpoch(base({ text: loop(99.5 - drop, 99.6), observedAt: `2026-11-1${5 + day}T09:00:00+08:00`, previous }));
    const r = out.results.find((x) => x.point === 'ZQS1')!;
    levels.push(r.finalLevel);
    previous = Object.fromEntries(out.results.map((x) => [x.point, { value: x.value, timeMs: out.observedAtMs, consecutive: x.consecutive }]));
  }
  assert.deepEqual(levels, ['normal', 'yellow', 'yellow', 'red']);
});

test('unknown points, future timestamps and garbled files are errors (nothing partial)', () => {
  const unknown = writeGsiBffb(100, [{ from: 'BM1', to: 'X9', dh_m: -0.5 }, { from: 'X9', to: 'BM1', dh_m: 0.5 }]);
  assert.throws(() => solveEpoch(base({ text: unknown })), (e: { code: string }) => e.code === 'unknown_point');
  assert.throws(() => solveEpoch(base({ text: loop(99.5, 99.6), observedAt: '2026-11-21T09:00:00+08:00' })), (e: { code: string }) => e.code === 'future_timestamp');
  const garbled = loop(99.5, 99.6).split('\n').map((l, i) => (i === 3 ? l.slice(0, 30) + 'XX' : l)).join('\n');
  assert.throws(() => solveEpoch(base({ text: garbled })), (e: { code: string; message: string }) => e.code === 'gsi_parse_error' && /line 4/.test(e.message));
});

test('the same readings as the previous epoch are held as suspect, not judged into alarms', () => {
  const text = loop(99.49, 99.6);
  const first = solveEpoch(base({ text }));
  const again = solveEpoch(base({ text, observedAt: '2026-11-20T10:00:00+08:00', previousFingerprint: first.fingerprint }));
  assert.equal(again.status, 'held');
  assert.equal(again.reason, '疑似数据异常：读数与上期完全相同');
});

test('one stable well reading the same depth as last time is not suspect (too few readings to say so)', () => {
  const text = 'well_id,time,depth_m\nSW1,2026-11-20T08:00:00+08:00,3.9\n';
  const first = solveEpoch(base({ format: 'water_csv', text }));
  const again = solveEpoch(base({ format: 'water_csv', text: text.replace('08:00', '10:00'), previousFingerprint: first.fingerprint }));
  assert.equal(again.status, 'accepted', again.reason);
  assert.deepEqual(again.flags, []);
});

test('readings an instrument cannot produce are refused with the line (a typed 9000.5 Hz is no red alarm)', () => {
  assert.throws(
    () => solveEpoch(base({ format: 'vw_csv', text: 'sensor_id,time,freq_Hz\nZL1,2026-11-20T08:00:00+08:00,9000.5\n' })),
    (e: { code: string; message: string }) => e.code === 'implausible_reading' && e.message.startsWith('第 2 行：传感器 ZL1 的频率 9000.5 Hz 超出其可能范围 400–1600 Hz'),
  );
  assert.equal(solveEpoch(base({ format: 'vw_csv', text: 'sensor_id,time,freq_Hz\nZL1,2026-11-20T08:00:00+08:00,1600\n' })).status, 'accepted', 'the bound itself is possible');
  assert.throws(
    () => solveEpoch(base({ format: 'water_csv', text: 'well_id,time,depth_m\nSW1,2026-11-20T08:00:00+08:00,390\n' })),
    (e: { code: string; message: string }) => e.code === 'implausible_reading' && /第 2 行：水位孔 SW1 的水位埋深 390 m 不可能/.test(e.message),
  );
});

test('a future time is refused in Beijing time, not UTC', () => {
  assert.throws(
    () => solveEpoch(base({ text: loop(99.5, 99.6), observedAt: '2026-11-20T20:00:00+08:00' })),
    (e: { code: string; message: string }) => e.code === 'future_timestamp' && e.message.includes('2026-11-20 20:00（北京时间）') && e.message.includes('当前时间 2026-11-20 12:00') && !e.message.includes('Z'),
  );
});

test('water level and vibrating wire CSV', () => {
  const w = solveEpoch(base({ format: 'water_csv', text: 'well_id,time,depth_m\nSW1,2026-11-20T08:00:00+08:00,3.9\n' }));
  assert.ok(Math.abs(w.results[0].value + 900) < 1e-6); // 96.1 − 97 m = −900 mm → 90 % of 1000
  assert.equal(w.results[0].finalLevel, 'orange');
  const v = solveEpoch(base({ format: 'vw_csv', text: 'sensor_id,time,freq_Hz,temp_C\nZL1,2026-11-20T08:00:00+08:00,600,20\n' }));
  assert.ok(Math.abs(v.results[0].value - 0.05 * (600 ** 2 - 800 ** 2)) < 1e-9); // −14000 kN: compression
  assert.equal(v.results[0].finalLevel, 'red');
  assert.throws(() => solveEpoch(base({ format: 'water_csv', text: 'well_id,time,depth_m\nSW1,yesterday,abc\n' })), (e: { code: string; message: string }) => e.code === 'water_csv_error' && /line 2/.test(e.message));
});

test('a rate over less than half a day is reported but not judged (and does not reset the consecutive count)', () => {
  const first = solveEpoch(base({ text: loop(99.5 - 0.002, 99.6), observedAt: '2026-11-20T06:00:00+08:00', previous: { ZQS1: { value: 0, timeMs: Date.parse('2026-11-19T06:00:00+08:00'), consecutive: 2 } } }));
  const z = first.results.find((r) => r.point === 'ZQS1')!;
  const prev = { ZQS1: { value: z.value, timeMs: first.observedAtMs, consecutive: z.consecutive } };
  const soon = solveEpoch(base({ text: loop(99.5 - 0.004, 99.6, 0, 9), observedAt: '2026-11-20T09:00:00+08:00', previous: prev })); // 2 mm in 3 h
  const r = soon.results.find((x) => x.point === 'ZQS1')!;
  assert.ok(r.rate! < -10, 'the raw rate is still reported');
  assert.equal(r.rateLevel, 'normal');
  assert.equal(r.rateRatio, null);
  assert.equal(r.consecutive, z.consecutive);
  // …and says so explicitly: 未判定 with the reason, never a level ('normal' above is only "no rate alarm").
  assert.deepEqual(rateVerdict(r), { rateJudged: false, rateLevel: null, rateNotJudged: 'interval_too_short', rateNote: '未判定：距上次观测 3 小时，间隔不足半天' });
  assert.deepEqual(rateVerdict(z), { rateJudged: true, rateLevel: z.rateLevel, rateNotJudged: null, rateNote: null });
});

test('rateVerdict: judged only with a previous epoch, a rate control and at least MIN_RATE_JUDGE_DAYS between them', () => {
  assert.equal(MIN_RATE_JUDGE_DAYS, 0.5);
  const second = 1 / 86_400;
  assert.equal(rateVerdict({ rate: 3_672_000, rateControl: 2, rateRatio: null, rateLevel: 'normal', intervalDays: second }).rateNote, '未判定：距上次观测 1 分钟，间隔不足半天');
  assert.equal(rateVerdict({ rate: null, rateControl: 2, rateRatio: null }).rateNotJudged, 'no_previous');
  assert.equal(rateVerdict({ rate: 0.4, rateControl: null, rateRatio: null, intervalDays: 1 }).rateNote, '未判定：该测点未设速率控制值');
  assert.equal(rateVerdict({ rate: 5, rateControl: 2, rateRatio: null }).rateNote, '未判定：间隔不足半天', 'an alarm stores no interval');
  assert.deepEqual(rateVerdict({ rate: 1.8, rateControl: 2, rateRatio: 0.9, rateLevel: 'orange', intervalDays: 1 }), { rateJudged: true, rateLevel: 'orange', rateNotJudged: null, rateNote: null });
});
