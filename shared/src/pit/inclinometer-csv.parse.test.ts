import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInclinometerCsv } from './inclinometer-csv.parse';
import { solveInclinometer } from './inclinometer.solve';
import { assertClose, assertThrowsCode } from './pit.testing';

const INCLINOMETER_CSV_SAMPLE = `# hole=CX1; probe=SN1234; L=0.5; unit=mm_per_interval; time=2024-05-10T09:00:00+08:00; bottom_fixed=true
depth_m,A0,A180,B0,B180
0.5,0.44,-0.16,0.10,0.06
1.0,0.40,-0.10,0.08,0.05
`;

test('the canonical CSV of docs/domain/pit.md §3.3 parses, and feeds the solver directly', () => {
  const s = parseInclinometerCsv(INCLINOMETER_CSV_SAMPLE);
  assert.equal(s.hole, 'CX1');
  assert.equal(s.probe, 'SN1234');
  assert.equal(s.interval_m, 0.5);
  assert.equal(s.unit, 'mm_per_interval');
  assert.equal(s.time, '2024-05-10T09:00:00+08:00');
  assert.equal(s.bottom_fixed, true);
  assert.deepEqual(s.depths_m, [0.5, 1.0]);
  assert.deepEqual(s.A0, [0.44, 0.4]);
  assert.deepEqual(s.A180, [-0.16, -0.1]);
  assert.deepEqual(s.B0, [0.1, 0.08]);
  assert.deepEqual(s.B180, [0.06, 0.05]);
  const r = solveInclinometer({ kind: 'inclinometer', interval_m: s.interval_m, depths_m: s.depths_m, current: s });
  assertClose(r.profile_mm[0], 0.3 + 0.25, 1e-12);
});

test('unit conversions, aliases, CRLF, comments and blank lines', () => {
  const sin = parseInclinometerCsv('\uFEFF# hole=CX2; L=0.5; unit=sin; time=2024-05-10T09:00\r\n\r\nDepth,A+,A-\r\n# comment\r\n0.5,0.001,-0.0005\r\n');
  assertClose(sin.A0[0], 0.5, 1e-12);
  assertClose(sin.A180[0], -0.25, 1e-12);
  assert.equal(sin.B0, undefined);
  assert.equal(sin.bottom_fixed, null);
  const digits = parseInclinometerCsv('# hole=CX3; L=0.5; unit=digits; factor=0.02; time=2024-05-10\ndepth_m,A0,A180\n0.5,22,-8\n');
  assertClose(digits.A0[0], 0.44, 1e-12);
  assertClose(digits.A180[0], -0.16, 1e-12);
});

test('single-face or pre-averaged uploads are refused (single_face)', () => {
  const head = '# hole=CX1; L=0.5; unit=mm_per_interval; time=2024-05-10T09:00:00+08:00\n';
  const cases: [string, string][] = [
    [`${head}depth_m,A0\n0.5,0.44\n`, 'line 2: column A180 is missing; both faces (A0 and A180) are required'],
    [`${head}depth_m,A,B\n0.5,0.3,0.1\n`, 'line 2: pre-averaged data'],
    [`${head}depth_m,A0,A180\n0.5,0.44,\n1.0,0.40,\n`, 'column A180 is empty in every row: single-face data'],
    [`${head}depth_m,A0,A180,B0\n0.5,0.44,-0.16,0.1\n`, 'column B180 is missing'],
  ];
  for (const [text, message] of cases) assertThrowsCode(() => parseInclinometerCsv(text), 'single_face', message);
});

test('other CSV problems are inclinometer_csv_error, one message per line', () => {
  const head = '# hole=CX1; L=0.5; unit=mm_per_interval; time=2024-05-10T09:00:00+08:00\n';
  const cases: [string, string][] = [
    ['depth_m,A0,A180\n0.5,1,2\n', "line 1: expected the header line '# hole=...; L=...; unit=...; time=...'"],
    ['# hole=CX1; unit=mm; time=2024-05-10\ndepth_m,A0,A180\n0.5,1,2\n', 'line 1: header: L is required'],
    ['# hole=CX1; L=-1; unit=mm; time=2024-05-10\ndepth_m,A0,A180\n0.5,1,2\n', 'header: L must be a positive number'],
    ['# hole=CX1; L=0.5; unit=furlong; time=2024-05-10\ndepth_m,A0,A180\n0.5,1,2\n', "header: unknown unit 'furlong'"],
    ['# hole=CX1; L=0.5; unit=digits; time=2024-05-10\ndepth_m,A0,A180\n0.5,1,2\n', 'unit=digits needs factor'],
    ['# hole=CX1; L=0.5; unit=mm; time=yesterday\ndepth_m,A0,A180\n0.5,1,2\n', "header: time 'yesterday' is not ISO 8601"],
    [`${head}depth_m,A0,A180\n0.5,0.44,-0.16\n1.0,0.4x,-0.1\n1.5,0.3\n`, "line 4: column A0: expected number, got '0.4x'; line 5: expected 3 columns, got 2"],
    [`${head}depth_m,A0,A180\n0.5,0.44,-0.16\n0.5,0.4,-0.1\n`, 'line 4: column depth_m: duplicate depth 0.5'],
    [`${head}depth_m,A0,A180\n`, 'no data rows'],
    [`${head}A0,A180\n0.4,0.2\n`, 'column depth_m is missing'],
    [`${head}`, 'the column header line'],
  ];
  for (const [text, message] of cases) assertThrowsCode(() => parseInclinometerCsv(text, 'file'), 'inclinometer_csv_error', message);
});
