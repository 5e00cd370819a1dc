import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 31 letters and digits without 0/O, 1/I/L: read off paper and typed on a phone. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 10; // 31^10 ≈ 2^49

/**
 * A shop's one-time 绑定码, derived from its binding nonce with the server's code secret: the kit can be
 * printed again with the same code, and a database read alone does not reveal it (only its sha256 is stored).
 * Printed as two groups of five: `ABCDE-FGHJK`.
 */
export function bindingCodeOf(secret: string, shopId: string, nonce: string): string {
  const mac = createHmac('sha256', secret).update(`owner-binding:${shopId}:${nonce}`).digest();
  let s = '';
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[mac[i] % ALPHABET.length];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** What a person typed, as the printed form (case, spaces and the dash do not matter), or null. */
export function normalizeBindingCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s-]+/g, '');
  if (s.length !== LENGTH || [...s].some((ch) => !ALPHABET.includes(ch))) return null;
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export const hashBindingCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** A new, unused binding for a shop. */
export function newOwnerBinding(secret: string, shopId: string): { nonce: string; codeHash: string } {
  const nonce = randomBytes(12).toString('base64url');
  return { nonce, codeHash: hashBindingCode(bindingCodeOf(secret, shopId, nonce)) };
}
