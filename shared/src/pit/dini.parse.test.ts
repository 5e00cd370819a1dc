import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDiniLeveling, tokenizeDini } from './dini.parse';
import { stationDh } from './level-route.build';
import { BF_LOOP_STATIONS, DINI_BF_LOOP, DINI_BFFB_LOOP, DINI_M5_LINE_SAMPLE } from './pit.fixtures';
import { assertClose, assertThrowsCode } from './pit.testing';

test('the published M5 line (docs/domain/pit.md §3.2): point 5-a, Rf 1.49585 m, HD 9.988 m, each value with its unit', () => {
  const { records, issues } = tokenizeDini(DINI_M5_LINE_SAMPLE);
  assert.deepEqual(issues, []);
  assert.equal(records.length, 1);
  const r = records[0];
  assert.equal(r.kind, 'point');
  if (r.kind !== 'point') return;
  assert.equal(r.point, '5-a');
  assert.equal(r.time, '15:49:151');
  assert.deepEqual(r.values.map((v) => [v.type, v.value, v.unit, v.value_m]), [['Rf', 1.49585, 'm', 1.49585], ['HD', 9.988, 'm', 9.988]]);
  assertClose(r.values[0].resolution_mm, 0.01, 1e-12);
});

test('lines that do not keep exact widths are parsed by | and tokens; German ids and other units', () => {
  const text = [
    'For M5|Adr   1|TO Start-Line            BF       10|                        |                       |                |',
    'For M5|Adr   2|KD1   BM757      1                10|                        |                       |Z   850.47 ft   |',
    'For M5|Adr   3|KD1   BM757      1            2   10|Lr        1500 mm       |E         23.42 m   |                |',
    'For M5|Adr   4|KD1       1      0            2   10|Lv       1.21 m        |HD         23.40 m   |                |',
  ].join('\n');
  const file = readDiniLeveling(text);
  assert.equal(file.method, 'BF');
  assert.equal(file.stations.length, 1);
  const s = file.stations[0];
  assert.deepEqual([s.back, s.fore], ['BM757', '1']);
  assertClose(s.back_m, 1.5, 1e-12);
  assertClose(s.back_dist_m, 23.42, 1e-12);
  assertClose(stationDh(s), 0.29, 1e-12);
});

test('BF loop as DiNi: stations, intermediate sight, Z / Sh / Db / Df cross-checks all consistent', () => {
  const file = readDiniLeveling(DINI_BF_LOOP);
  assert.equal(file.format, 'dini');
  assert.deepEqual(file.stations.map((s) => [s.back, s.fore, s.back_m, s.fore_m, s.back_dist_m, s.fore_dist_m]), BF_LOOP_STATIONS);
  assert.equal(file.intermediates.length, 1);
  assert.equal(file.intermediates[0].station, 1);
  assert.deepEqual(file.flags, []);
});

test('edited DiNi values are flagged: a Z, the Sh sum and the Db sum', () => {
  const cases: [string, string, string][] = [
    ['Z        99.41530', 'Z        99.41830', 'Z'],
    ['Sh        0.00070', 'Sh        0.00170', 'Sh'],
    ['Db         73.860', 'Db         74.860', 'Db'],
    ['Rz        2.10500', 'Rz        2.10900', 'Z'],
  ];
  for (const [from, to, item] of cases) {
    assert.ok(DINI_BF_LOOP.includes(from), from);
    const file = readDiniLeveling(DINI_BF_LOOP.replace(from, to));
    assert.ok(file.flags.some((f) => f.code === 'instrument_mismatch' && f.item === item), `${item}: ${JSON.stringify(file.flags)}`);
  }
});

test('BFFB as DiNi: order Rb Rf Rf Rb gives the same stations as the GSI file', () => {
  const file = readDiniLeveling(DINI_BFFB_LOOP);
  assert.equal(file.method, 'BFFB');
  assert.equal(file.stations.length, 2);
  assertClose(stationDh(file.stations[0]), 0.52122, 1e-12);
  assertClose(stationDh(file.stations[1]), -0.52096, 1e-12);
  assert.equal(file.stations[0].back2_m, 1.62351);
  assert.equal(file.stations[0].fore2_m, 1.10232);
  assert.deepEqual(file.flags, []);
});

test('"Measurement repeated" replaces the last reading; "Station repeated" drops the open station', () => {
  const lines = DINI_BF_LOOP.split('\r\n');
  const repeated = [...lines.slice(0, 5), 'For M5|Adr    50|TO  Measurement repeated       |                      |                      |                      |', lines[4].replace('1.21100', '1.21000'), ...lines.slice(5)];
  const a = readDiniLeveling(repeated.join('\n'));
  assert.equal(a.stations[0].fore_m, 1.21);
  assert.equal(a.stations.length, 3);
  const stationRepeated = [...lines.slice(0, 5), 'For M5|Adr    50|TO  Station repeated           |                      |                      |                      |', ...lines.slice(3)];
  const b = readDiniLeveling(stationRepeated.join('\n'));
  assert.equal(b.stations.length, 3);
  assert.deepEqual(b.stations.map((s) => s.back), ['BM1', 'TP1', 'P1']);
});

test('hostile DiNi: clear per-line errors', () => {
  const lines = DINI_BF_LOOP.split('\r\n');
  const cases: [string, string][] = [
    [lines.join('\n').replace('Rb        1.52300 m   ', 'Rb        1.52300 gon '), 'line 4: value block 1 \'Rb        1.52300 gon\': Rb in gon; expected a length unit'],
    [lines.join('\n').replace('Rf        1.21100 m   ', 'Rf        1.2x100 m   '), "line 5: value block 1 'Rf        1.2x100 m': garbled number '1.2x100'"],
    [lines.join('\n').replace('HD         25.340 m   ', 'HD         25.340     '), 'line 4: value block 2 \'HD         25.340\': HD has no unit'],
    [lines.join('\n').replace('HD         25.340 m   ', 'HD         25.340 yd  '), "unknown unit 'yd'"],
    [[lines[0], 'This is not M5', ...lines.slice(1)].join('\n'), "line 2: not an M5 record"],
    [lines.slice(2).join('\n'), "line 2: staff reading before any 'Start-Line <method>' record"],
    [lines.join('\n').replace('Start-Line         BF     1', 'Start-Line         XY     1'), "line 2: unknown leveling method 'XY'"],
    [lines.slice(0, 4).join('\n'), 'station incomplete: missing first Rf'],
    [lines.join('\n').replace('KD1      TP1      08:02:051', 'KD1               08:02:051'), 'line 5: staff reading without a point id'],
    [lines.join('\n').replace('|KD1      BM1      08:01:121', '|XX1      BM1      08:01:121'), "unknown information block 'XX1'"],
  ];
  for (const [text, message] of cases) assertThrowsCode(() => readDiniLeveling(text, 'raw.text'), 'dini_parse_error', message);
});
