/** Refresh this long before WeChat's expiry: stable tokens overlap for 5 minutes (docs/domain/platform.md §2). */
export const TOKEN_EARLY_REFRESH_SEC = 300;

export type FetchedToken = { token: string; expiresInSec: number };

/**
 * Caches one access token until `now + expires_in − 300 s`. Concurrent callers share one fetch.
 * `invalidate(token)` drops the cached token only if it is still the one that failed, so a token
 * fetched meanwhile by another caller survives.
 */
export function createTokenCache(fetchToken: () => Promise<FetchedToken>, now: () => number) {
  let cached: { token: string; validUntil: number } | null = null;
  let inflight: Promise<string> | null = null;

  const refresh = async (): Promise<string> => {
    const { token, expiresInSec } = await fetchToken();
    cached = { token, validUntil: now() + Math.max(0, expiresInSec - TOKEN_EARLY_REFRESH_SEC) * 1000 };
    return token;
  };

  return {
    async get(): Promise<string> {
      if (cached && now() < cached.validUntil) return cached.token;
      inflight ??= refresh().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    invalidate(token: string): void {
      if (cached?.token === token) cached = null;
    },
  };
}
