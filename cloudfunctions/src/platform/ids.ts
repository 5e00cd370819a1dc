import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijkmnpqrstuvwxyz'; // no l/o: readable over the phone

// One randomBytes call per id is a system call per request; ids draw from a pooled buffer instead.
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;
function pooledRandom(n: number): Buffer {
  if (n > 64) return randomBytes(n);
  if (poolAt + n > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  poolAt += n;
  return POOL.subarray(poolAt - n, poolAt);
}

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
  const bytes = pooledRandom(randomChars);
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
