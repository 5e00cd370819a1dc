import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClose, assertThrowsCode } from './pit.testing';
import { solveVibratingWire } from './vibrating-wire.solve';

test('F = K·(f² − f₀²) + B·(T − T₀)', () => {
  const cases: [object, number][] = [
    [{ K: 0.0005, f0_Hz: 1500, f_Hz: 1400 }, 0.0005 * (1400 ** 2 - 1500 ** 2)],
    [{ K: 0.0005, f0_Hz: 1500, f_Hz: 1400, B: 0.2, T0_C: 20, T_C: 25 }, -145 + 1],
    [{ K: -0.0005, f0_Hz: 1500, f_Hz: 1400 }, 145],
    [{ K: 0.0005, f0_Hz: 1500, f_Hz: 1500, B: -0.3, T0_C: 18, T_C: 10 }, 2.4],
    [{ K: 0.001, f0_Hz: [1500, 1510, 1490], f_Hz: [1400, 1420, 1380] }, 0.001 * ((1400 ** 2 + 1420 ** 2 + 1380 ** 2) / 3 - (1500 ** 2 + 1510 ** 2 + 1490 ** 2) / 3)],
    [{ K: 0.001, f0_Hz: 1500, f_Hz: [1400, 1420] }, 0.001 * ((1400 ** 2 + 1420 ** 2) / 2 - 1500 ** 2)],
  ];
  for (const [req, force] of cases) assertClose(solveVibratingWire({ kind: 'vibrating_wire', ...req }).force_kN, force, 1e-9, JSON.stringify(req));
  assert.equal(solveVibratingWire({ kind: 'vibrating_wire', K: 1, f0_Hz: 1000, f_Hz: 1000, T_C: 30 }).force_kN, 0);
});

test('invalid vibrating-wire requests', () => {
  const ok = { kind: 'vibrating_wire', K: 0.0005, f0_Hz: 1500, f_Hz: 1400 };
  const cases: [unknown, string][] = [
    [{ ...ok, B: 0.2, T0_C: 20 }, 'T_C: required when B is given'],
    [{ ...ok, B: 0.2, T_C: 20 }, 'T0_C: required when B is given'],
    [{ ...ok, f_Hz: 0 }, 'f_Hz'],
    [{ ...ok, f_Hz: -1400 }, 'f_Hz'],
    [{ ...ok, K: '0.0005' }, 'K: expected number'],
    [{ ...ok, f0_Hz: [1500, 1500], f_Hz: [1400] }, 'f0_Hz: expected 1 values (one per string of f_Hz), got 2'],
    [{ ...ok, f0_Hz: undefined }, 'f0_Hz'],
  ];
  for (const [req, message] of cases) assertThrowsCode(() => solveVibratingWire(req), 'invalid_request', message);
});
