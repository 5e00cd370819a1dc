const CN_MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Normalises a phone number to E.164 as SendSms wants it: mainland mobiles (11 digits, `86…`,
 * `+86…`, with spaces or dashes) become `+8613711112222`; other E.164 numbers pass through; anything
 * else (including a malformed +86 number) is null.
 */
export function toE164(raw: string): string | null {
  const s = raw.replace(/[\s\-()]/g, '');
  const cn = CN_MOBILE.exec(s);
  if (cn) return `+86${cn[1]}`;
  if (s.startsWith('+86') || s.startsWith('0086')) return null;
  return E164.test(s) ? s : null;
}

/**
 * The 11-digit mainland mobile a person is stored under (`users.phone`): `+86 137-1111-2222` → `13711112222`;
 * null for anything else (landlines and foreign numbers cannot hold an account).
 * @example toMainlandMobile('+86 137 1111 2222') // '13711112222'
 */
export function toMainlandMobile(raw: string): string | null {
  return CN_MOBILE.exec(raw.replace(/[\s\-()]/g, ''))?.[1] ?? null;
}
