import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DNA03_GSI16_SAMPLE } from '@cityloop/shared/pit/pit.fixtures';
import { runPitSolve } from './pit-solve.command';

const parse = (stdout: string) => {
  assert.ok(stdout.endsWith('\n'));
  assert.equal(stdout.trimEnd().split('\n').length, 1, 'one JSON line');
  return JSON.parse(stdout);
};

test('the DNA03 GSI excerpt (docs/domain/pit.md §3.1): exit 0 and H(1) = 0.219065', () => {
  const out = runPitSolve(JSON.stringify({ kind: 'leveling', benchmarks: { G: 0 }, start: 'G', k_mm: 0.3, raw: { format: 'gsi', text: DNA03_GSI16_SAMPLE } }));
  assert.equal(out.exitCode, 0);
  const r = parse(out.stdout);
  assert.equal(r.kind, 'leveling');
  assert.ok(Math.abs(r.elevations_m['1'] - 0.219065) < 1e-12);
  assert.equal(r.checked, false);
});

test('a rejected leveling epoch is a result: exit 0, accepted false, elevations {}', () => {
  const out = runPitSolve(JSON.stringify({ kind: 'leveling', benchmarks: { BM1: 10 }, start: 'BM1', end: 'BM1', k_mm: 0.1, sections: [{ from: 'BM1', to: 'P1', stations: 2, dh_m: 0.5 }, { from: 'P1', to: 'BM1', stations: 2, dh_m: -0.499 }] }));
  assert.equal(out.exitCode, 0);
  const r = parse(out.stdout);
  assert.equal(r.accepted, false);
  assert.deepEqual(r.elevations_m, {});
  assert.match(r.reason, /misclosure 1\.00 mm exceeds/);
});

test('invalid JSON and invalid input: exit 2 with {"error": {code, message}} naming the field', () => {
  const cases: [string, string, string][] = [
    ['{"kind":', 'invalid_json', 'request: invalid JSON'],
    ['', 'invalid_json', 'request: invalid JSON'],
    ['[1,2]', 'invalid_request', 'request: expected a JSON object, received array'],
    ['{"kind":"nope"}', 'unknown_kind', 'kind: unknown kind "nope"'],
    [JSON.stringify({ kind: 'judge', levels: { yellow: 0.7, orange: 0.85, red: 1 }, control_value: 3, values: [1, 'x'] }), 'invalid_request', 'values[1]: expected number, received string'],
    [JSON.stringify({ kind: 'leveling', benchmarks: { G: 0 }, start: 'G', k_mm: 1, raw: { format: 'gsi', text: DNA03_GSI16_SAMPLE.replace('331.08', '331.02') } }), 'gsi_parse_error', "raw.text: line 3: word 3 '331.02+0000000000159977': back staff reading (WI 331) in gon"],
  ];
  for (const [text, code, message] of cases) {
    const out = runPitSolve(text);
    assert.equal(out.exitCode, 2, text);
    const body = parse(out.stdout);
    assert.deepEqual(Object.keys(body), ['error']);
    assert.equal(body.error.code, code);
    assert.ok(body.error.message.startsWith(message), body.error.message);
  }
});

test('--pretty indents; a BOM is tolerated', () => {
  const out = runPitSolve('\uFEFF{"kind":"vibrating_wire","K":0.001,"f0_Hz":1000,"f_Hz":1100}', { pretty: true });
  assert.equal(out.exitCode, 0);
  assert.ok(out.stdout.includes('\n  "force_kN": '));
  assert.ok(Math.abs(JSON.parse(out.stdout).force_kN - 210) < 1e-9);
});

test('judge with rates alone (§6): no control_value required; the answer carries rates but no control_value or values', () => {
  const out = runPitSolve(JSON.stringify({ kind: 'judge', levels: { yellow: 0.7, orange: 0.85, red: 1 }, rates: [1.5, 1.5, 1.5, 2.2], rate_control: 2, consecutive: { n: 3, fraction: 0.7 } }));
  assert.equal(out.exitCode, 0, out.stdout);
  const r = parse(out.stdout);
  assert.equal('control_value' in r, false);
  assert.equal('values' in r, false);
  // 1.5/2 = 75 % yellow (strictly above 70 %: counted); the third in a row fires red; 2.2/2 = 110 % red
  assert.deepEqual(r.rates.map((x: { level: string; consecutive_count: number; consecutive_triggered: boolean; final_level: string }) => [x.level, x.consecutive_count, x.consecutive_triggered, x.final_level]), [
    ['yellow', 1, false, 'yellow'],
    ['yellow', 2, false, 'yellow'],
    ['yellow', 3, true, 'red'],
    ['red', 4, true, 'red'],
  ]);
  assert.equal(r.rates[0].ratio, 0.75);
  // values without a control still name the missing field
  const bad = runPitSolve(JSON.stringify({ kind: 'judge', levels: { yellow: 0.7, orange: 0.85, red: 1 }, values: [1], rates: [1], rate_control: 2 }));
  assert.equal(bad.exitCode, 2);
  assert.match(parse(bad.stdout).error.message, /^control_value: required/);
});
