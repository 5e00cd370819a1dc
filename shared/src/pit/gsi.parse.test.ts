import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerMethod, parseGsi, tokenizeGsi, wordOf } from './gsi.parse';
import { AUTODESK_TPS_GSI8, DNA03_GSI16_SAMPLE } from './pit.fixtures';
import { assertClose, assertThrowsCode } from './pit.testing';

test('GSI-8 TPS sample (docs/domain/pit.md §3.1): Hz 197.23700 gon → degrees, V 100 gon, SD 45.179 m', () => {
  const [block] = parseGsi(AUTODESK_TPS_GSI8);
  assert.equal(block.format, 8);
  assert.equal(wordOf(block, 11)?.text, '130021');
  assert.equal(wordOf(block, 11)?.info, '0002');
  assertClose(wordOf(block, 21)?.value, 197.237 * 0.9, 1e-12, 'Hz');
  assert.equal(wordOf(block, 21)?.value, 177.5133);
  assert.equal(wordOf(block, 22)?.value, 90);
  assert.equal(wordOf(block, 31)?.value, 45.179);
  assert.equal(wordOf(block, 51)?.text, '0000+000');
});

test('DNA03 GSI-16 excerpt decodes readings, distances and instrument values in m', () => {
  const blocks = parseGsi(DNA03_GSI16_SAMPLE);
  assert.equal(blocks.length, 7);
  assert.equal(headerMethod(blocks[0]), 2);
  assert.equal(blocks[1].format, 16);
  assert.equal(wordOf(blocks[1], 11)?.text, 'G');
  assert.equal(wordOf(blocks[1], 83)?.value, 0);
  assert.equal(wordOf(blocks[2], 331)?.value, 1.59977);
  assert.equal(wordOf(blocks[2], 32)?.value, 18.24936);
  assert.equal(wordOf(blocks[2], 390)?.value, 2);
  const r = blocks[6];
  assert.equal(wordOf(r, 11)?.text, '1');
  assert.equal(wordOf(r, 571)?.value, -0.00005);
  assert.equal(wordOf(r, 573)?.value, -1.09339);
  assert.equal(wordOf(r, 574)?.value, 37.59663);
  assert.equal(wordOf(r, 83)?.value, 0.21906);
  assert.equal(wordOf(r, 83)?.index, 6);
  assert.equal(wordOf(r, 83)?.resolution_mm, 0.01);
});

test('unit codes at position 6 (0–8) decode to m or degrees', () => {
  const cases: [string, number][] = [
    ['32...0+00012345', 12.345],
    ['32...1+00012345', 12.345 * 0.3048],
    ['21..12+20000000', 180],
    ['21..13+18000000', 180],
    ['21..14+27952530', 279 + 52 / 60 + 53 / 3600],
    ['21..15+32000000', 180],
    ['32...6+00123456', 12.3456],
    ['32...7+00123456', 12.3456 * 0.3048],
    ['32...8+00123456', 1.23456],
    ['33..08-00123456', -1.23456],
  ];
  for (const [word, expected] of cases) {
    const [block] = parseGsi(`110001+00000001 ${word}`);
    assertClose(block.words[1].value, expected, 1e-9, word);
  }
});

test('GSI-16 block with 16-character data and a line header', () => {
  const blocks = parseGsi('*410001+00000000?......2\n*110002+00000000000000A1 83..08+0000000025052122');
  assert.equal(headerMethod(blocks[0]), 2);
  assert.equal(wordOf(blocks[1], 11)?.text, 'A1');
  assert.equal(wordOf(blocks[1], 83)?.value, 250.52122);
});

test('header method codes 1–4 and code blocks that are not headers', () => {
  assert.equal(headerMethod(parseGsi('410001+?......1')[0]), 1);
  assert.equal(headerMethod(parseGsi('410001+?......3')[0]), 3);
  assert.equal(headerMethod(parseGsi('*410001+?..............4')[0]), 4);
  assert.equal(headerMethod(parseGsi('410025+00000099 42....+00020692')[0]), null);
  assert.equal(headerMethod(parseGsi('110002+00000001 83..08+00021906')[0]), null);
});

test('hostile GSI: one clear message per bad word with line and word numbers', () => {
  const cases: [string, string][] = [
    ['110002+00000001 32...8+0000000', "line 1: word 2 '32...8+0000000': truncated (14 of 15 characters for GSI-8)"],
    ['110002+00000001 33..xx+00001234', "line 1: word 2 '33..xx+00001234': garbled info field (positions 3–6 '..xx')"],
    ['110002+00000001 331.02+00159977', "line 1: word 2 '331.02+00159977': back staff reading (WI 331) in gon; expected a length unit"],
    ['110002+00000001 21.100+19723700', "line 1: word 2 '21.100+19723700': horizontal angle (WI 21) in m (last digit mm); expected an angle unit"],
    ['110002+00000001 331.08+0015x977', "line 1: word 2 '331.08+0015x977': garbled data '0015x977'"],
    ['110002+00000001 331.08*00159977', "line 1: word 2 '331.08*00159977': garbled sign '*'"],
    ['110002+00000001 331.09+00159977', "has no valid unit code '9'"],
    ['110002+00000001 21..14+27975530', 'minutes/seconds out of range'],
    ['110002+00000001 21..12+40000000', 'outside [0, 360)'],
    ['11000a+00000001', "garbled info field (positions 3–6 '000a')"],
    ['11.002+00000001', "garbled block number '.002'"],
    ['x10002+00000001', 'garbled word index'],
    ['110002+00000001 32...8+0000000001824936', "GSI-16 word in a line without the leading '*'"],
    ['*110002+0000000000000001 32...8+00001234', 'truncated (15 of 23 characters for GSI-16)'],
  ];
  for (const [text, message] of cases) assertThrowsCode(() => parseGsi(text), 'gsi_parse_error', message);
});

test('all bad lines are reported, not just the first, with the field prefix', () => {
  const text = ['110001+00000001 32...8+00001234', '110002+00000001 33..xx+00001234', '110003+00000001 32...8+00001234', '110004+00000001 32...8+000012'].join('\n');
  const { issues } = tokenizeGsi(text);
  assert.deepEqual(issues.map((i) => [i.line, i.word]), [[2, 2], [4, 2]]);
  const err = assertThrowsCode(() => parseGsi(text, 'raw.text'), 'gsi_parse_error', 'raw.text: line 2: word 2', '; line 4: word 2');
  assert.equal((err.data as { issues: unknown[] }).issues.length, 2);
});

test('blank lines, CRLF, BOM and trailing blanks are tolerated; line numbers stay physical', () => {
  const blocks = parseGsi('\uFEFF110001+00000001 83..08+00000100  \r\n\r\n110003+00000002 83..08+00000200\r\n');
  assert.deepEqual(blocks.map((b) => b.line), [1, 3]);
  assert.equal(wordOf(blocks[1], 11)?.text, '2');
});
