import assert from 'node:assert/strict';
import { test } from 'node:test';
import { solveDisplacement } from './displacement.solve';
import { assertClose, assertThrowsCode } from './pit.testing';

test('displacement normal to the wall: d⊥ = ΔN·cos β + ΔE·sin β (positive toward the pit)', () => {
  // ΔE = +3 mm, ΔN = +4 mm; |d| = 5 mm.
  const cases: [number, number, number][] = [
    [0, 4, -3],
    [90, 3, 4],
    [180, -4, 3],
    [270, -3, -4],
    [45, 7 / Math.SQRT2, 1 / Math.SQRT2],
    [-90, -3, -4],
  ];
  for (const [beta, toward, along] of cases) {
    const r = solveDisplacement({ kind: 'displacement', initial: { E: 512345.123, N: 2512345.456 }, current: { E: 512345.126, N: 2512345.46 }, normal_azimuth_deg: beta });
    assertClose(r.toward_pit_mm, toward, 1e-6, `β=${beta} toward`);
    assertClose(r.along_wall_mm, along, 1e-6, `β=${beta} along`);
    assertClose(r.total_mm, 5, 1e-6);
    assertClose(r.dE_mm, 3, 1e-6);
    assertClose(r.dN_mm, 4, 1e-6);
  }
});

test('no movement is exactly zero', () => {
  const r = solveDisplacement({ kind: 'displacement', initial: { E: 1, N: 2 }, current: { E: 1, N: 2 }, normal_azimuth_deg: 33 });
  assert.deepEqual([r.toward_pit_mm, r.along_wall_mm, r.total_mm], [0, 0, 0]);
});

test('invalid displacement requests', () => {
  assertThrowsCode(() => solveDisplacement({ kind: 'displacement', initial: { E: 1 }, current: { E: 1, N: 2 }, normal_azimuth_deg: 0 }), 'invalid_request', 'initial.N: required');
  assertThrowsCode(() => solveDisplacement({ kind: 'displacement', initial: { E: 1, N: 2 }, current: { E: 1, N: 2 }, normal_azimuth_deg: '90' }), 'invalid_request', 'normal_azimuth_deg: expected number');
});
