/** The signed-in session and user preferences, over any key-value store (Taro storage in the app). */
import type { AuthResult, SessionUser } from './types';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

export const KEYS = {
  token: 'cl.token',
  user: 'cl.user',
  largeText: 'cl.largeText',
} as const;

function asUser(v: unknown): SessionUser | null {
  if (typeof v !== 'object' || v === null) return null;
  const u = v as Partial<SessionUser>;
  return typeof u.name === 'string' ? (u as SessionUser) : null;
}

export function createSession(store: KeyValueStore) {
  return {
    getToken(): string | null {
      const t = store.get(KEYS.token);
      return typeof t === 'string' && t ? t : null;
    },
    getUser(): SessionUser | null {
      return this.getToken() ? asUser(store.get(KEYS.user)) : null;
    },
    isLoggedIn(): boolean {
      return this.getToken() !== null;
    },
    save(auth: AuthResult): void {
      store.set(KEYS.token, auth.token);
      store.set(KEYS.user, auth.user);
    },
    setUser(user: SessionUser): void {
      store.set(KEYS.user, user);
    },
    clear(): void {
      store.remove(KEYS.token);
      store.remove(KEYS.user);
    },
    getLargeText(): boolean {
      return store.get(KEYS.largeText) === true;
    },
    setLargeText(on: boolean): void {
      store.set(KEYS.largeText, on);
    },
  };
}

export type Session = ReturnType<typeof createSession>;

/** An in-memory store (tests, and a fallback when storage is unavailable). */
export function memoryStore(): KeyValueStore {
  const m = new Map<string, unknown>();
  return {
    get: (k) => m.get(k),
    set: (k, v) => void m.set(k, v),
    remove: (k) => void m.delete(k),
  };
}
