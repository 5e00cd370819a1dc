import { randomBytes } from 'node:crypto';

export const TOKEN_TTL_SEC = 7200;
/** Stable tokens renew this long before expiry; old and new overlap meanwhile (docs/domain/platform.md §2). */
const RENEW_BEFORE_SEC = 300;

type Token = { expiresAt: number; revoked: boolean };
export type TokenCheck = 'ok' | 'invalid' | 'expired';

/** getStableAccessToken semantics: the same token until 5 minutes before expiry; force_refresh revokes it. */
export function createTokenStore(now: () => number) {
  const tokens = new Map<string, Token>();
  let current: string | null = null;

  const issue = (at: number) => {
    const token = randomBytes(96).toString('base64url');
    tokens.set(token, { expiresAt: at + TOKEN_TTL_SEC * 1000, revoked: false });
    current = token;
    return token;
  };

  return {
    get(forceRefresh: boolean): { access_token: string; expires_in: number } {
      // one clock read per request: a new token says exactly 7200 s even when the clock ticks meanwhile
      const at = now();
      const cur = current ? tokens.get(current) : undefined;
      if (forceRefresh && current && cur) cur.revoked = true;
      const fresh = !forceRefresh && cur && !cur.revoked && at < cur.expiresAt - RENEW_BEFORE_SEC * 1000;
      const token = fresh && current ? current : issue(at);
      const t = tokens.get(token)!;
      return { access_token: token, expires_in: Math.floor((t.expiresAt - at) / 1000) };
    },
    check(token: string): TokenCheck {
      const t = tokens.get(token);
      if (!t || t.revoked) return 'invalid';
      return now() < t.expiresAt ? 'ok' : 'expired';
    },
    /** Test hook: every token issued so far becomes invalid (40001), as after a force_refresh elsewhere. */
    revokeAll(): void {
      for (const t of tokens.values()) t.revoked = true;
      current = null;
    },
    /** Test hook: every token issued so far is past its expiry (42001). */
    expireAll(): void {
      for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, now() - 1);
      current = null;
    },
  };
}
