import { invalid } from '@cityloop/shared/errors';
import { validateTemplateData, type TemplateData } from '@cityloop/shared/notify/wechat-fields';
import { rootLogger } from '../log';
import { isWechatApiError, WechatApiError } from './wechat-api-error';
import { callWechat, errcodeOf, errmsgOf, type FetchLike } from './wechat-http';
import { loginError } from './wechat-login-errors';
import { phoneNumberError } from './wechat-phone-errors';
import { createTokenCache } from './wechat-token-cache';

export type WechatClientOptions = {
  /** https://api.weixin.qq.com in production; the stand-in's URL in dev and tests. */
  baseUrl?: string;
  appId: string;
  appSecret: string;
  fetch?: FetchLike;
  /** Clock in epoch ms, for the token cache. */
  now?: () => number;
  timeoutMs?: number;
};

export type SubscribeMessage = {
  touser: string;
  template_id: string;
  page?: string;
  data: TemplateData;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
};

/** `msgid` is a decimal string: WeChat sends a 64-bit integer that JSON.parse would round. */
export type SubscribeResult = { ok: true; msgid: string } | { ok: false; errcode: number; errmsg: string };

/** What getuserphonenumber proves: the number without country code, and the country code ('86'). */
export type VerifiedPhone = { purePhoneNumber: string; countryCode: string };

export type WechatClient = {
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  /** Exchanges a `<Button openType="getPhoneNumber">` code for the user's phone; throws DomainErrors users can read. */
  getPhoneNumber(code: string): Promise<VerifiedPhone>;
  getAccessToken(): Promise<string>;
  sendSubscribeMessage(msg: SubscribeMessage): Promise<SubscribeResult>;
};

const TOKEN_REJECTED = new Set([40001, 42001]);
const log = rootLogger.child({ component: 'wechat' });

/**
 * The WeChat server API the functions use: login (code2Session), the stable access token, and
 * subscription messages. `sendSubscribeMessage` never throws for WeChat-level failures; it returns
 * them as data for the outbox.
 */
export function createWechatClient(opts: WechatClientOptions): WechatClient {
  const base = (opts.baseUrl ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
  const fetchFn: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 10_000;

  const tokens = createTokenCache(async () => {
    const { body } = await callWechat(fetchFn, 'stable_token', `${base}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret, force_refresh: false }),
    }, timeoutMs);
    if (errcodeOf(body) !== 0 || typeof body.access_token !== 'string') {
      throw new WechatApiError(errcodeOf(body) || -1, errmsgOf(body) || 'no access_token in reply', 'stable_token');
    }
    return { token: body.access_token, expiresInSec: Number(body.expires_in ?? 0) };
  }, now);

  async function postMessage(token: string, msg: SubscribeMessage): Promise<SubscribeResult> {
    const url = `${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`;
    const { body, text } = await callWechat(fetchFn, 'subscribeMessage.send', url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(msg),
    }, timeoutMs);
    const errcode = errcodeOf(body);
    if (errcode !== 0) return { ok: false, errcode, errmsg: errmsgOf(body) };
    const msgid = /"msgid"\s*:\s*"?(\d+)/.exec(text)?.[1] ?? String(body.msgid ?? '');
    return { ok: true, msgid };
  }

  async function postPhoneCode(token: string, code: string): Promise<Record<string, unknown>> {
    const url = `${base}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`;
    const { body } = await callWechat(fetchFn, 'getPhoneNumber', url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }, timeoutMs);
    return body;
  }

  return {
    async getPhoneNumber(code) {
      if (typeof code !== 'string' || code.trim() === '') throw phoneNumberError(40029, 'empty code');
      let body: Record<string, unknown>;
      try {
        let token = await tokens.get();
        body = await postPhoneCode(token, code);
        if (TOKEN_REJECTED.has(errcodeOf(body))) {
          log.warn('access token rejected, fetching a new one', { errcode: errcodeOf(body) });
          tokens.invalidate(token);
          token = await tokens.get();
          body = await postPhoneCode(token, code);
        }
      } catch (e) {
        throw isWechatApiError(e) ? phoneNumberError(e.errcode, e.errmsg) : e;
      }
      const errcode = errcodeOf(body);
      const info = body.phone_info as { purePhoneNumber?: unknown; countryCode?: unknown } | undefined;
      if (errcode !== 0 || typeof info?.purePhoneNumber !== 'string') {
        log.warn('getPhoneNumber failed', { errcode, errmsg: errmsgOf(body) });
        throw phoneNumberError(errcode || -1, errmsgOf(body) || 'no phone_info in reply');
      }
      return { purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode ?? '') };
    },

    async code2Session(code) {
      if (typeof code !== 'string' || code.trim() === '') {
        throw invalid('登录凭证无效或已过期，请重新登录', 'wx_login_failed');
      }
      const q = new URLSearchParams({ appid: opts.appId, secret: opts.appSecret, js_code: code, grant_type: 'authorization_code' });
      let body: Record<string, unknown>;
      try {
        ({ body } = await callWechat(fetchFn, 'code2Session', `${base}/sns/jscode2session?${q}`, { method: 'GET' }, timeoutMs));
      } catch (e) {
        throw isWechatApiError(e) ? loginError(e.errcode, e.errmsg) : e;
      }
      const errcode = errcodeOf(body);
      if (errcode !== 0 || typeof body.openid !== 'string') {
        log.warn('code2Session failed', { errcode, errmsg: errmsgOf(body) });
        throw loginError(errcode || -1, errmsgOf(body) || 'no openid in reply');
      }
      return typeof body.unionid === 'string' ? { openid: body.openid, unionid: body.unionid } : { openid: body.openid };
    },

    getAccessToken: () => tokens.get(),

    async sendSubscribeMessage(msg) {
      const check = validateTemplateData(msg.data);
      if (!check.ok) {
        return { ok: false, errcode: 47003, errmsg: `argument invalid! data.${check.field}.value invalid (checked locally: ${check.reason})` };
      }
      try {
        let token = await tokens.get();
        let result = await postMessage(token, msg);
        if (!result.ok && TOKEN_REJECTED.has(result.errcode)) {
          log.warn('access token rejected, fetching a new one', { errcode: result.errcode });
          tokens.invalidate(token);
          token = await tokens.get();
          result = await postMessage(token, msg);
        }
        return result;
      } catch (e) {
        if (isWechatApiError(e)) return { ok: false, errcode: e.errcode, errmsg: e.message };
        throw e;
      }
    },
  };
}
