/** The app's wired-up services: the pure client and session bound to the Taro adapter. */
import { createApi, isApiError, type ApiError } from './api';
import { apiBaseFor } from './config';
import { LOGIN_PAGE, HOME_PAGE } from './links';
import { createSession } from './session';
import type { AuthResult, SessionUser } from './types';
import {
  currentRoute,
  emit,
  navigateBack,
  navigateTo,
  pageDepth,
  reLaunch,
  taroEnv,
  taroStore,
  taroTransport,
  toast,
} from './adapters/taro';

export const EVENTS = {
  session: 'cl:session',
  largeText: 'cl:largeText',
} as const;

export const session = createSession(taroStore);

let redirecting = false;

function onUnauthorized(e: ApiError) {
  session.clear();
  emit(EVENTS.session);
  if (redirecting || currentRoute() === LOGIN_PAGE.slice(1)) return;
  redirecting = true;
  toast(e.message || '请先登录');
  void navigateTo(LOGIN_PAGE)
    .catch(() => undefined)
    .finally(() => {
      redirecting = false;
    });
}

export const api = createApi({
  baseUrl: apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE),
  transport: taroTransport,
  getToken: () => session.getToken(),
  onUnauthorized,
});

/** Store a fresh login and leave the login page (back if we came from somewhere, else home). */
export async function completeLogin(auth: AuthResult, landing?: string) {
  session.save(auth);
  lastRefresh = Date.now();
  emit(EVENTS.session);
  toast(`欢迎，${auth.user.name}`, 'success');
  if (landing) await reLaunch(landing);
  else if (pageDepth() > 1) await navigateBack();
  else await reLaunch(HOME_PAGE);
}

/** A new token for the same person (their WeChat account was merged into the account of the phone they proved). */
export function replaceSession(auth: AuthResult) {
  session.save(auth);
  lastRefresh = Date.now();
  emit(EVENTS.session);
}

export function updateUser(user: SessionUser) {
  session.setUser(user);
  emit(EVENTS.session);
}

let lastRefresh = 0;

/**
 * Re-reads the signed-in user (roles change when an invitation is redeemed elsewhere).
 * An expired session just signs out here; offline keeps the cached profile. At most once a minute.
 */
export async function refreshUser(force = false) {
  if (!session.isLoggedIn()) return;
  const now = Date.now();
  if (!force && now - lastRefresh < 60_000) return;
  lastRefresh = now;
  try {
    updateUser(await api.me());
  } catch (e) {
    if (isApiError(e) && e.status === 401) logout();
  }
}

export function logout() {
  session.clear();
  emit(EVENTS.session);
}

export function setLargeText(on: boolean) {
  session.setLargeText(on);
  emit(EVENTS.largeText, on);
}
