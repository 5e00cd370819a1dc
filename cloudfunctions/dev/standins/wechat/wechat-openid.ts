import { createHash } from 'node:crypto';

/**
 * The openid the stand-in gives a persona: stable per (appId, persona), 28 characters like real ones.
 * @example deriveOpenid('wxdev0000000000000', 'citizen1') // 'o' + 27 base64url characters
 */
export function deriveOpenid(appId: string, persona: string): string {
  return 'o' + createHash('sha256').update(`${appId}:${persona}`).digest('base64url').slice(0, 27);
}

const CODE = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127}$/;

/**
 * The persona a login code stands for: the part before the first '.', so `citizen1.x7f` and
 * `citizen1.k2p` are two logins of the same person. Null for an empty or malformed code.
 */
export function personaOfCode(code: string): string | null {
  if (!CODE.test(code)) return null;
  return code.split('.')[0] || null;
}
