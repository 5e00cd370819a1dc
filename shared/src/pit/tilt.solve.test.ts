import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClose, assertThrowsCode } from './pit.testing';
import { solveTilt } from './tilt.solve';

const levels = { yellow: 0.7, orange: 0.85, red: 1 };

test('tilt i = |S_a − S_b| / L judged against the control (2/1000)', () => {
  const cases: [Record<string, number>, number, number, number, string][] = [
    [{ A: -12, B: -2 }, 10, 10, 0.001, 'normal'],
    [{ A: -2, B: -12 }, 10, 10, 0.001, 'normal'],
    [{ J1: -30, J2: -2 }, 20, 28, 0.0014, 'yellow'],
    [{ J1: -20, J2: -3 }, 10, 17, 0.0017, 'orange'],
    [{ '1': 5, '2': -15 }, 10, 20, 0.002, 'red'],
  ];
  for (const [settlements_mm, distance_m, diff, tilt, level] of cases) {
    const r = solveTilt({ kind: 'tilt', settlements_mm, distance_m, control: 0.002, levels });
    assertClose(r.differential_mm, diff, 1e-12);
    assertClose(r.tilt, tilt, 1e-15);
    assertClose(r.ratio, tilt / 0.002, 1e-12);
    assert.equal(r.level, level, JSON.stringify(settlements_mm));
  }
});

test('invalid tilt requests', () => {
  const ok = { kind: 'tilt', settlements_mm: { A: 1, B: 2 }, distance_m: 10, control: 0.002, levels };
  const cases: [unknown, string][] = [
    [{ ...ok, settlements_mm: { A: 1 } }, 'settlements_mm: expected exactly two points, got 1'],
    [{ ...ok, settlements_mm: { A: 1, B: 2, C: 3 } }, 'settlements_mm: expected exactly two points, got 3'],
    [{ ...ok, settlements_mm: { A: 1, B: 'x' } }, 'settlements_mm.B: expected number'],
    [{ ...ok, distance_m: 0 }, 'distance_m: Too small'],
    [{ ...ok, control: -1 }, 'control: Too small'],
    [{ ...ok, levels: undefined }, 'levels: required'],
  ];
  for (const [req, message] of cases) assertThrowsCode(() => solveTilt(req), 'invalid_request', message);
});
