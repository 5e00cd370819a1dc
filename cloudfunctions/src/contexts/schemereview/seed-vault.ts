import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The draw's secret seed is kept sealed on the review until the meeting is over (AES-256-GCM under a key
 * derived from the server's code secret), so nobody reading the database — or any API answer — learns the
 * order before the names are meant to be known. Revealed by the report (docs/domain/dangerous-works.md §5).
 */
const keyOf = (secret: string) => createHash('sha256').update(`dw-review-seed:${secret}`).digest();

/** A fresh seed: 32 random bytes as hex. */
export const freshSeed = () => randomBytes(32).toString('hex');

export function sealSeed(secret: string, seed: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([c.update(seed, 'utf8'), c.final()]);
  return [iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function unsealSeed(secret: string, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((s) => Buffer.from(s, 'base64url'));
  const d = createDecipheriv('aes-256-gcm', keyOf(secret), iv);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(body), d.final()]).toString('utf8');
}
