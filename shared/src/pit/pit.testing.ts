import assert from 'node:assert/strict';
import { DomainError } from '../errors';

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

export const assertThrowsCode = (fn: () => unknown, code: string, ...messageParts: string[]): DomainError => {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DomainError, `expected a DomainError ${code}, got ${caught === undefined ? 'no error' : String(caught)}`);
  const err = caught as DomainError;
  assert.equal(err.code, code, `code of: ${err.message}`);
  for (const part of messageParts) assert.ok(err.message.includes(part), `message ${JSON.stringify(err.message)} should include ${JSON.stringify(part)}`);
  return err;
};
