/**
 * Typed API client, free of `@tarojs/taro`: the platform bits (HTTP, token storage, navigation)
 * come in through `ApiDeps`, so this file runs unchanged under node:test.
 * The app's wired-up instance is `client.ts`.
 */
import type { Envelope } from '@cityloop/shared/platform/envelope';
import { DomainError } from '@cityloop/shared/errors';
import type { ResolvedCode } from '@cityloop/shared/codes/code.contract';
import type { InboxRead } from '@cityloop/shared/notify/inbox.contract';
import type { AuthResult, InboxPage, Profile, PublicConfig, RedeemResult, SessionUser } from './types';
import type { SmsCodeSent } from '@cityloop/shared/identity/sms-code.contract';
import type { BindingStarted } from '@cityloop/shared/plaques/shop-admin.contract';

/** A failed API call. `message` is Chinese and meant for the user; `code` is stable for logic. */
export class ApiError extends DomainError {
  constructor(
    code: string,
    status: number,
    message: string,
    readonly requestId?: string,
    data?: unknown,
  ) {
    super(code, status, message, data);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR = 'network_error';
export const BAD_RESPONSE = 'bad_response';
export const UNAUTHENTICATED = 'unauthenticated';

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/**
 * A write refused because the record moved on meanwhile (someone else acted): the version sent is stale, or
 * the transition no longer applies. `anyConflict` also counts every HTTP 409 (the plaque complaint routes).
 * The page then reloads the record and keeps what the user typed.
 */
export function isConflict(e: unknown, { anyConflict = false }: { anyConflict?: boolean } = {}): boolean {
  return isApiError(e) && (e.code === 'stale_version' || e.code === 'invalid_transition' || (anyConflict && e.status === 409));
}

/** The user-facing text for anything a call can throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof DomainError && e.message) return e.message;
  return '操作失败，请稍后重试';
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or null/undefined when the body was not JSON. */
  body: unknown;
}

/** Performs one HTTP exchange; rejects only when no response arrived at all. */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

export interface ApiDeps {
  /** '' for same-origin (H5), else e.g. `http://127.0.0.1:8080` (no trailing slash needed). */
  baseUrl: string;
  transport: Transport;
  /** wait before the one automatic retry of a write whose answer was lost (ms; tests pass 0) */
  retryDelayMs?: number;
  getToken: () => string | null;
  /** Called on any 401: the session is over (clear the token, go to login). */
  onUnauthorized?: (e: ApiError) => void;
}

function isEnvelope(body: unknown): body is Envelope<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** Data plus the envelope's `policies` (what the caller may do with it; the server decides). */
export interface WithPolicies<T> {
  data: T;
  policies: Record<string, boolean>;
}

/** Turns one HTTP exchange into data or an ApiError (pure; exported for tests). */
export function unwrap<T>(res: HttpResponse): T {
  return unwrapWithPolicies<T>(res).data;
}

/** As `unwrap`, keeping the envelope's `policies` (an absent map is empty: show no actions). */
export function unwrapWithPolicies<T>(res: HttpResponse): WithPolicies<T> {
  const { status, body } = res;
  if (isEnvelope(body)) {
    if (body.ok) return { data: body.data as T, policies: body.policies ?? {} };
    const code = body.error || (status === 401 ? UNAUTHENTICATED : 'error');
    throw new ApiError(code, status, body.message || '操作失败，请稍后重试', body.requestId, body.data);
  }
  if (status === 401) throw new ApiError(UNAUTHENTICATED, 401, '登录已过期，请重新登录');
  throw new ApiError(BAD_RESPONSE, status, `服务暂不可用（HTTP ${status}），请稍后重试`);
}

/** 20 random base-36 characters: unique per user action (not a secret; the server scopes it to the caller). */
export function newRequestKey(): string {
  let s = '';
  while (s.length < 20) s += Math.random().toString(36).slice(2);
  return `rk-${s.slice(0, 20)}`;
}

export function createApi(deps: ApiDeps) {
  /** `quiet401`: the caller handles an expired session itself (no redirect to login). */
  async function call<T>(method: HttpMethod, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
    return (await callWithPolicies<T>(method, path, body, opts)).data;
  }

  async function callWithPolicies<T>(method: HttpMethod, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<WithPolicies<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = deps.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    // A write carries a key of its own; if its answer is lost (network, 503) it is sent once more with the same
    // key, and the server answers the first result instead of doing it twice.
    if (method !== 'GET') headers['Idempotency-Key'] = newRequestKey();

    let res: HttpResponse | null = null;
    for (let attempt = 0; ; attempt++) {
      try {
        res = await deps.transport({ method, url: joinUrl(deps.baseUrl, path), headers, body });
      } catch (cause) {
        if (method === 'GET' || attempt > 0) throw new ApiError(NETWORK_ERROR, 0, '网络连接失败，请检查网络后重试', undefined, { cause: String(cause) });
        res = null;
      }
      if (method === 'GET' || attempt > 0 || (res && res.status !== 503)) break;
      await new Promise((r) => setTimeout(r, deps.retryDelayMs ?? 1000));
    }
    if (!res) throw new ApiError(NETWORK_ERROR, 0, '网络连接失败，请检查网络后重试');
    try {
      return unwrapWithPolicies<T>(res);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && !opts.quiet401) deps.onUnauthorized?.(e);
      throw e;
    }
  }

  const seg = encodeURIComponent;

  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown = {}) => call<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown = {}) => call<T>('PATCH', path, body),
    del: <T>(path: string) => call<T>('DELETE', path),
    /** For pages whose buttons follow the server's `policies` (e.g. an alarm's allowed actions). */
    getWithPolicies: <T>(path: string) => callWithPolicies<T>('GET', path),
    postWithPolicies: <T>(path: string, body: unknown = {}) => callWithPolicies<T>('POST', path, body),

    config: () => call<PublicConfig>('GET', '/api/config'),
    wxLogin: (code: string) => call<AuthResult>('POST', '/api/auth/wx-login', { code }),
    devLogin: (persona: string) => call<AuthResult>('POST', '/api/auth/dev-login', { persona }),
    /** The signed-in user, fresh from the server; a 401 here does not redirect. */
    me: () => call<SessionUser>('GET', '/api/me', undefined, { quiet401: true }),
    redeemInvitation: (code: string) => call<RedeemResult>('POST', '/api/auth/redeem-invitation', { code }),
    profile: () => call<Profile>('GET', '/api/me/profile'),
    updateName: (name: string) => call<Profile>('PATCH', '/api/me', { name }),
    /** A getPhoneNumber code (weapp button; the stand-in's dev code on H5): the session may continue as another account. */
    bindWechatPhone: (code: string) => call<AuthResult>('POST', '/api/me/phone/wechat', { code }),
    /** SMS verification codes: send one (login, or bind a phone to the signed-in account), sign in with one. */
    smsCode: (phone: string, purpose: 'login' | 'bind') => call<SmsCodeSent>('POST', '/api/auth/sms-code', { phone, purpose }),
    smsLogin: (phone: string, code: string) => call<AuthResult>('POST', '/api/auth/sms-login', { phone, code }),
    /** Shop owners: the plaque kit's 绑定码 → an SMS code to the phone on file → the owner's session. */
    shopBindingStart: (bindingCode: string) => call<BindingStarted>('POST', '/api/shop-binding/sms', { bindingCode }),
    shopBindingFinish: (bindingCode: string, code: string) => call<AuthResult & { shopId: string }>('POST', '/api/shop-binding', { bindingCode, code }),

    code: (token: string) => call<ResolvedCode>('GET', `/api/codes/${seg(token)}`),

    inbox: (cursor?: string | null) =>
      call<InboxPage>('GET', cursor ? `/api/inbox?cursor=${seg(cursor)}` : '/api/inbox'),
    markRead: (id: string) => call<InboxRead>('POST', `/api/inbox/${seg(id)}/read`, {}),
  };
}

export type Api = ReturnType<typeof createApi>;
