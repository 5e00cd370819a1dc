/**
 * Where a phone-number code comes from. In WeChat: the `<Button openType="getPhoneNumber">` event's `detail.code`
 * (single use, 5 minutes; the server exchanges it). In the H5 dev build (persona login on), there is no such button:
 * the page mints a code the local WeChat stand-in accepts — `<phone>.<epoch ms>.<nonce>`, the way dev logins send
 * `persona.nonce` — which the real WeChat would refuse, so this path proves nothing outside development.
 */

/** The code of a getPhoneNumber event, or null when the user declined (or WeChat sent none). */
export function phoneCodeOf(e: { detail?: { code?: string; errMsg?: string } }): string | null {
  const code = e.detail?.code;
  return typeof code === 'string' && code !== '' ? code : null;
}

/** A stand-in code for `phone` (H5 dev build only). */
export function devPhoneCode(phone: string): string {
  return `${phone}.${Date.now()}.h5${Math.random().toString(36).slice(2, 8)}`;
}
