import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLAG_LABELS, flagLabel, flagNames, flagText, flagsText, heldReasonText, streamLabel, withFlagLabels } from './flag-labels';
import { checksumFlags, inclinometerFlags } from './inclinometer.flags';
import { solveInclinometer } from './inclinometer.solve';
import { solveLeveling } from './leveling.solve';
import type { PitFlag } from './leveling.types';
import { judgeEpoch, measureEpoch } from './domain/epoch.solve';

const SNAKE = /[a-z]+_[a-z_]+/;

test('every flag code raised anywhere in shared/src/pit has a Chinese label', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = new URL('.', import.meta.url).pathname;
  const files = [...readdirSync(dir).map((f) => join(dir, f)), ...readdirSync(join(dir, 'domain')).map((f) => join(dir, 'domain', f))].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('flag-labels.ts'));
  const codes = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/(?:flags\.push\(|PitFlag = )\{\s*code:\s*'([a-z_]+)'/g)) codes.add(m[1]);
  assert.ok(codes.size >= 9, `found the solvers' flag codes: ${[...codes].join(', ')}`);
  for (const code of codes) {
    assert.ok(code in FLAG_LABELS, `${code} has a label`);
    assert.match(flagLabel(code), /^[\u4e00-\u9fff]/, code);
    assert.doesNotMatch(flagText({ code }), SNAKE, `${code} reads without the code`);
  }
});

const cases: [PitFlag, string][] = [
  [{ code: 'identical_to_previous' }, '读数与上期完全相同'],
  [{ code: 'identical_to_initial' }, '读数与初测完全相同'],
  [{ code: 'checksum_outlier', depth_m: 3.5, checksum_mm: 2.91, median_mm: 0.3 }, '测斜校验和异常（深度 3.5 m：2.91 mm，中位数 0.30 mm）'],
  [{ code: 'checksum_jump', depth_m: 4, checksum_mm: 1.8, initial_checksum_mm: 0.2 }, '测斜校验和突变（深度 4 m：1.80 mm，初测 0.20 mm）'],
  [{ code: 'mirror_readings' }, '正反测读数镜像（各深度正反测之和均为 0，疑似人工编造）'],
  [{ code: 'station_difference_over_limit', station: 2, diff_mm: 0.62, limit_mm: 0.4, line: 14 }, '测站高差之差超限（第 3 站：0.62 mm，限差 0.40 mm）'],
  [{ code: 'instrument_mismatch', line: 7, word: 6, item: '83', point: 'ZQS1', instrument: 99.5, recomputed: 99.4995, diff_mm: 0.5, tolerance_mm: 0.01 }, '仪器记录值与重算不符（第 7 行 高程（WI 83） 点 ZQS1：相差 0.50 mm，容许 0.01 mm）'],
  [{ code: 'irregular_spacing', depth_m: 6, interval_m: 0.5 }, '测读深度间距不均（深度 6 m 处，测读间距应为 0.5 m）'],
  [{ code: 'benchmark_not_used', point: 'BM2' }, '基准点未参与平差（基准点 BM2）'],
];
for (const [flag, text] of cases) test(`flagText ${flag.code}`, () => assert.equal(flagText(flag), text));

test('an unknown (newer) code still reads as a QA finding, not as a bare code', () => {
  assert.equal(flagText({ code: 'gyro_drift' }), '其他质检提示（gyro_drift）');
});

test('flagsText groups a code flagged at many depths and keeps the first details', () => {
  const flags: PitFlag[] = [3, 3.5, 4, 4.5].map((d) => ({ code: 'checksum_outlier', depth_m: d, checksum_mm: 2, median_mm: 0.2 }));
  const text = flagsText([...flags, { code: 'checksum_jump', depth_m: 3, checksum_mm: 2, initial_checksum_mm: 0.2 }]);
  assert.equal(text, '测斜校验和异常（深度 3 m：2.00 mm，中位数 0.20 mm；深度 3.5 m：2.00 mm，中位数 0.20 mm 等 4 处）；测斜校验和突变（深度 3 m：2.00 mm，初测 0.20 mm）');
  assert.equal(flagNames(flags), '测斜校验和异常');
  assert.equal(heldReasonText([{ code: 'identical_to_previous' }]), '疑似数据异常：读数与上期完全相同');
});

test('a stored English reason reads in Chinese; streams are named in Chinese', () => {
  assert.equal(withFlagLabels('疑似数据异常：checksum_outlier, checksum_jump'), '疑似数据异常：测斜校验和异常、测斜校验和突变');
  assert.equal(withFlagLabels('闭合差 6.00 mm 超过限差'), '闭合差 6.00 mm 超过限差');
  assert.deepEqual(['leveling:BM1', 'inclinometer:CX1', 'water_level', 'vibrating_wire', '水位'].map(streamLabel), ['水准', '测斜孔 CX1', '水位', '轴力', '水位']);
  assert.deepEqual(['total_station:S1', 'total_station', 'tilt', 'crack'].map(streamLabel), ['全站仪测站 S1', '全站仪坐标', '倾斜', '裂缝']);
});

test('the flags the solvers really raise read in Chinese with their detail', () => {
  const mirror = inclinometerFlags([0.5, 1.0], [0.44, 0.4], [-0.44, -0.4]);
  assert.equal(flagsText(mirror), '正反测读数镜像（各深度正反测之和均为 0，疑似人工编造）');
  const outlier = checksumFlags([0.5, 1, 1.5], [0.3, 0.2, 2.9], 1.0);
  assert.match(flagsText(outlier), /^测斜校验和异常（深度 1\.5 m：2\.90 mm，中位数 0\.30 mm）$/);
  const depths = [0.5, 1, 1.5];
  const same = { time: '2026-05-01T09:00:00+08:00', A0: [0.4, 0.3, 0.2], A180: [-0.2, -0.1, 0.0] };
  const r = solveInclinometer({ kind: 'inclinometer', interval_m: 0.5, depths_m: depths, initial: same, current: { ...same, time: '2026-05-02T09:00:00+08:00' } });
  assert.ok(r.flags.some((f) => f.code === 'identical_to_initial'));
  assert.doesNotMatch(flagsText(r.flags), SNAKE);
});

test('a held leveling epoch (station difference over limit) reads in Chinese, where the stored reason does not', () => {
  const stations = [
    { back: 'BM1', fore: 'P1', back_m: 1.5, fore_m: 1.4, back2_m: 1.5, fore2_m: 1.399 },
    { back: 'P1', fore: 'BM1', back_m: 1.4, fore_m: 1.5, back2_m: 1.4, fore2_m: 1.5 },
  ];
  const r = solveLeveling({ kind: 'leveling', benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', k_mm: 10, stations, station_diff_limit_mm: 0.4 });
  const flag = r.flags.find((f) => f.code === 'station_difference_over_limit');
  assert.ok(flag, JSON.stringify(r.flags));
  assert.equal(flagText(flag), '测站高差之差超限（第 1 站：-1.00 mm，限差 0.40 mm）');
});

test('the ingest’s held reason is Chinese (heldReasonText of its flags); old stored reasons with codes read in Chinese too', () => {
  const project = { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: null };
  const depths_m = [0.5, 1, 1.5, 2, 2.5, 3];
  const A0 = [1, 1.2, 0.8, 1.1, 0.9, 1];
  const initialProfile = { time: '2026-04-01T09:00:00+08:00', depths_m, A0, A180: A0.map((a) => -a + 0.2) };
  const points = { CX1: { code: 'CX1', item: 'deepHorizontal' as const, control: { cumulative: 40, rate: 3 }, initialProfile } };
  // A180 the exact mirror of A0 at every depth: hand-made data
  const rows = depths_m.map((d, i) => `${d},${A0[i] + 0.1},${-(A0[i] + 0.1)},0,0`);
  const text = ['# hole=CX1; probe=SN1; L=0.5; unit=mm_per_interval; time=2026-05-01T09:00:00+08:00; bottom_fixed=true', 'depth_m,A0,A180,B0,B180', ...rows].join('\n');
  const m = measureEpoch({ format: 'inclinometer_csv', text, nowMs: Date.parse('2026-05-02T00:00:00Z'), project, points });
  const out = judgeEpoch(m, { project, points, previous: {} });
  assert.equal(out.status, 'held');
  assert.equal(out.reason, '疑似数据异常：正反测读数镜像（各深度正反测之和均为 0，疑似人工编造）');
  assert.equal(heldReasonText(out.flags), out.reason);
  assert.equal(withFlagLabels('疑似数据异常：mirror_readings'), '疑似数据异常：正反测读数镜像');
});
