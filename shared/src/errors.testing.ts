import assert from 'node:assert/strict';
import { DomainError } from './errors';

/**
 * Test helper: runs `fn`, asserts it throws a DomainError with `code` whose message contains every part.
 * @example assertThrowsCode(() => classByCode('event', '0999'), 'unknown_class', '0999');
 */
export const assertThrowsCode = (fn: () => unknown, code: string, ...messageParts: string[]): DomainError => {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DomainError, `expected a DomainError ${code}, got ${caught === undefined ? 'no error' : String(caught)}`);
  assert.equal(caught.code, code, `code of: ${caught.message}`);
  for (const part of messageParts) assert.ok(caught.message.includes(part), `message ${JSON.stringify(caught.message)} should include ${JSON.stringify(part)}`);
  return caught;
};
