import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readGsiLeveling } from './gsi-level.read';
import { stationDh } from './level-route.build';
import { BF_LOOP_STATIONS, GSI16_BFFB_LOOP, GSI8_BF_LOOP, DNA03_GSI16_SAMPLE } from './pit.fixtures';
import { assertClose, assertThrowsCode } from './pit.testing';

test('the DNA03 excerpt (docs/domain/pit.md §3.1): BFFB station, Δh = 0.219065 m, station difference −0.05 mm, 573 = −1.09339', () => {
  const file = readGsiLeveling(DNA03_GSI16_SAMPLE);
  assert.equal(file.method, 'BFFB');
  assert.equal(file.stations.length, 1);
  const s = file.stations[0];
  assert.deepEqual(
    { back: s.back, fore: s.fore, back_m: s.back_m, fore_m: s.fore_m, back2_m: s.back2_m, fore2_m: s.fore2_m },
    { back: 'G', fore: '1', back_m: 1.59977, fore_m: 1.38073, back2_m: 1.5998, fore2_m: 1.38071 },
  );
  assertClose(stationDh(s), 0.219065, 1e-12, 'Δh');
  assertClose((s.back_m - s.fore_m - (s.back2_m! - s.fore2_m!)) * 1000, -0.05, 1e-9, 'station difference');
  assertClose(s.back_dist_m, 18.25162, 1e-9, 'mean back distance');
  assertClose(s.fore_dist_m, 19.34501, 1e-9, 'mean fore distance');
  assertClose(s.back_dist_m! - s.fore_dist_m!, -1.09339, 1e-9, '573 recomputed');
  assertClose(s.back_dist_m! + s.fore_dist_m!, 37.59663, 1e-9, '574 recomputed');
  // The instrument's 571/572/573/574/83 agree with recomputation within 0.01 mm: no flags.
  assert.deepEqual(file.flags, []);
});

test('instrument values that disagree with the raw readings are forensic flags with line and word', () => {
  const cases: [string, string, string, number][] = [
    ['83..08+0000000000021906', '83..08+0000000000021936', '83', 6],
    ['571.08-0000000000000005', '571.08-0000000000000025', '571', 2],
    ['572.08-0000000000000005', '572.08+0000000000000005', '572', 3],
    ['573..8-0000000000109339', '573..8-0000000000109939', '573', 4],
    ['574..8+0000000003759663', '574..8+0000000003759963', '574', 5],
  ];
  for (const [from, to, item, word] of cases) {
    const file = readGsiLeveling(DNA03_GSI16_SAMPLE.replace(from, to));
    assert.equal(file.flags.length, 1, item);
    assert.equal(file.flags[0].code, 'instrument_mismatch');
    assert.equal(file.flags[0].item, item);
    assert.equal(file.flags[0].line, 7);
    assert.equal(file.flags[0].word, word);
  }
  // An edited staff reading shows up against every instrument value of that station.
  const edited = readGsiLeveling(DNA03_GSI16_SAMPLE.replace('332.08+0000000000138073', '332.08+0000000000137073'));
  assert.deepEqual(edited.flags.map((f) => f.item).sort(), ['571', '572', '83']);
  // A value within 0.01 mm rounding is not flagged.
  assert.deepEqual(readGsiLeveling(DNA03_GSI16_SAMPLE.replace('83..08+0000000000021906', '83..08+0000000000021907')).flags, []);
});

test('BFFB GSI-16 loop: two stations, running 572/573/574 restart per line, no flags', () => {
  const file = readGsiLeveling(GSI16_BFFB_LOOP);
  assert.deepEqual(file.stations.map((s) => [s.back, s.fore]), [['BM10', 'A1'], ['A1', 'BM10']]);
  assertClose(stationDh(file.stations[0]), 0.52122, 1e-12);
  assertClose(stationDh(file.stations[1]), -0.52096, 1e-12);
  assert.deepEqual(file.flags, []);
  // A second line block restarts the running sums: the same stations again stay consistent.
  const again = readGsiLeveling(GSI16_BFFB_LOOP + GSI16_BFFB_LOOP);
  assert.equal(again.stations.length, 4);
  assert.deepEqual(again.flags, []);
  // Without the typed-in start height the second line continues from the instrument's 250.00026.
  const continued = readGsiLeveling(GSI16_BFFB_LOOP + GSI16_BFFB_LOOP.split('\n').filter((l) => !l.includes('83..58')).join('\n'));
  assert.deepEqual(continued.flags.map((f) => [f.item, f.line]), [['83', 18]]);
  assertClose(continued.flags[0].diff_mm as number, -0.26, 1e-6);
});

test('BF GSI-8 loop with an intermediate sight and its instrument height', () => {
  const file = readGsiLeveling(GSI8_BF_LOOP);
  assert.equal(file.method, 'BF');
  assert.deepEqual(file.stations.map((s) => [s.back, s.fore, s.back_m, s.fore_m, s.back_dist_m, s.fore_dist_m]), BF_LOOP_STATIONS);
  assert.deepEqual(file.intermediates, [{ point: 'IS1', station: 1, reading_m: 2.105, dist_m: 12.3, line: 9 }]);
  assert.deepEqual(file.flags, []);
  const tampered = readGsiLeveling(GSI8_BF_LOOP.replace('83..06+00991945', '83..06+00991995'));
  assert.equal(tampered.flags.length, 1);
  assert.equal(tampered.flags[0].point, 'IS1');
  assert.equal(tampered.flags[0].line, 10);
});

test('an intermediate sight taken in the middle of a station', () => {
  const lines = GSI8_BF_LOOP.split('\n');
  // Move IS1 (lines 9–10) between the TP1 back reading (line 6) and the P1 fore reading (line 7).
  const text = [...lines.slice(0, 6), lines[8], lines[9], ...lines.slice(6, 8), ...lines.slice(10)].join('\n');
  const file = readGsiLeveling(text);
  assert.equal(file.stations.length, 3);
  assert.deepEqual(file.intermediates.map((i) => [i.point, i.station, i.line]), [['IS1', 1, 7]]);
  assert.deepEqual(file.flags, []);
});

test('hostile leveling GSI: structural errors per line', () => {
  const lines = DNA03_GSI16_SAMPLE.split('\n');
  const cases: [string, string][] = [
    // The second fore reading is missing: BFFB station incomplete.
    [lines.filter((_, i) => i !== 4).join('\n'), 'line 3: station incomplete: second back reading 335 without second fore reading 336'],
    // Staff reading without a point id.
    ['410001+?......1\n32...6+00253400 331.06+00015230', 'line 2: 331 staff reading without a point id (WI 11)'],
    // Unknown method code.
    ['410001+?......7\n110002+00000BM1 32...6+00253400 331.06+00015230\n110003+00000TP1 32...6+00253400 332.06+00015230', 'line 1: unknown leveling method code 7'],
    // Two readings in one block.
    ['110002+00000BM1 331.06+00015230 332.06+00015230', 'more than one staff reading'],
    // Only a back reading: incomplete.
    ['110002+00000BM1 331.06+00015230', 'station incomplete: missing fore reading 332'],
    // Second back reading to a different point.
    [DNA03_GSI16_SAMPLE.replace('*110006+000000000000000G', '*110006+000000000000000H'), "second back reading 335 is to 'H' but back reading 331 to 'G'"],
    // BFFB header but BF data.
    ['410001+?......2\n110002+00000BM1 331.06+00015230\n110003+00000TP1 332.06+00015230', 'method BFFB needs second back reading 335'],
    // Not a level file at all.
    ['110002+00130021 21.102+19723700 22.102+10000000 31..00+00045179', 'no leveling stations'],
    // Wrong unit on a staff reading.
    [DNA03_GSI16_SAMPLE.replace('331.08+0000000000159977', '331.02+0000000000159977'), "line 3: word 3 '331.02+0000000000159977': back staff reading (WI 331) in gon"],
  ];
  for (const [text, message] of cases) assertThrowsCode(() => readGsiLeveling(text, 'raw.text'), 'gsi_parse_error', 'raw.text: ', message);
});
