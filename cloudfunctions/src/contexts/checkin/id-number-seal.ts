import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedIdNumber } from './checkin.collections';

/**
 * ID numbers at rest: AES-256-GCM with the key from configuration (`CHECKIN_IDCARD_KEY`, 64 hex characters), a
 * random 96-bit IV per sealing, and the owner's user id as associated data — a ciphertext copied onto another
 * person's record does not open. Only the masked form is ever answered (docs/domain/platform.md §4.4).
 */
export function sealIdNumber(keyHex: string, userId: string, idNumber: string): SealedIdNumber {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv);
  c.setAAD(Buffer.from(userId, 'utf8'));
  const data = Buffer.concat([c.update(idNumber, 'utf8'), c.final()]);
  return { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The ID number back; throws when the key, the owner or the ciphertext is not the one it was sealed with. */
export function openIdNumber(keyHex: string, userId: string, sealed: SealedIdNumber): string {
  const d = createDecipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), Buffer.from(sealed.iv, 'base64'));
  d.setAAD(Buffer.from(userId, 'utf8'));
  d.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(sealed.data, 'base64')), d.final()]).toString('utf8');
}

/**
 * The first 4 and last 4 characters, the rest starred.
 * @example maskIdNumber('441900199001011234') // '4419**********1234'
 */
export function maskIdNumber(id: string): string {
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
