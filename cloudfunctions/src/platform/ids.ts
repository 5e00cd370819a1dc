import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijkmnpqrstuvwxyz'; // no l/o: readable over the phone

/**
 * Short, URL-safe, time-sortable ids: 8 chars of milliseconds (base-34) + `randomChars` random chars.
 * @example newId('cs') // 'cs_0k3m9x2a7fq4hw2n'
 */
export function newId(prefix: string, now = Date.now(), randomChars = 8): string {
  let t = now;
  let head = '';
  for (let i = 0; i < 8; i++) {
    head = ALPHABET[t % 34] + head;
    t = Math.floor(t / 34);
  }
  const bytes = randomBytes(randomChars);
  let tail = '';
  for (let i = 0; i < randomChars; i++) tail += ALPHABET[bytes[i] % 34];
  return `${prefix}_${head}${tail}`;
}

/** A random token for invitation codes and one-time secrets (uppercase, no ambiguous characters). */
export function randomCode(length = 10): string {
  const A = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let s = '';
  for (let i = 0; i < length; i++) s += A[bytes[i] % A.length];
  return s;
}
