import assert from 'node:assert/strict';

/**
 * Test helpers for the pit solver tests.
 *
 * @example
 *   assertClose(result.misclosure_mm, 0.7, 1e-9);
 *   assertThrowsCode(() => solve({ kind: 'nope' }), 'unknown_kind', 'kind:');
 */
export const assertClose = (actual: number | null | undefined, expected: number, eps = 1e-9, label = ''): void => {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= eps, `${label}${label ? ': ' : ''}${actual} ≉ ${expected} (±${eps})`);
};

export { assertThrowsCode } from '../errors.testing';
