import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback, readBody, sendJson } from '../standin-http';
import type { StandinLog, StandinService } from '../standin-log';
import { deriveOpenid, personaOfCode } from './wechat-openid';
import { parseJsonObject, wxError, type WxReply } from './wechat-reply';
import { handleGetPhoneNumber, mintPhoneCode, type PhoneState } from './wechat-phone.handler';
import { handleSubscribeSend, type SubscribeState, type WechatTemplateSpec } from './wechat-subscribe.handler';
import { createTokenStore } from './wechat-tokens';
import { handleGetVerifyId, handleQueryVerifyInfo, type FaceState } from './wechat-face.handler';

export type WechatStandinOptions = {
  appId: string;
  appSecret: string;
  now: () => number;
  log: StandinLog;
  templates: WechatTemplateSpec[];
  pages?: string[];
  port?: number;
};

/** Test hooks on the WeChat stand-in. */
export type WechatStandinControl = {
  /** The openid code2Session will return for `persona` (does not register it). */
  openidFor(persona: string): string;
  /** Registers the persona's openid as a known user, as if it had logged in, and returns it. */
  issueOpenid(persona: string): string;
  addTemplate(id: string, keys?: readonly string[]): void;
  /** The user refused this template (or used up the one-time subscription): sends answer 43101. */
  refuse(openid: string, templateId: string): void;
  /** Every access token issued so far becomes invalid (40001). */
  revokeTokens(): void;
  /** Every access token issued so far has expired (42001). */
  expireTokens(): void;
  /** A getPhoneNumber code proving `phone`, minted now (or `agoMs` earlier), as the mini-program's button would get it. */
  phoneCode(phone: string, agoMs?: number): string;
  /** The next getuserphonenumber calls answer these errcodes (-1 system busy, 45011 quota), one each. */
  failPhoneCalls(...errcodes: number[]): void;
  /**
   * The person finished wx.requestFacialVerify for this verify_id: queryverifyinfo answers `verifyRet` (10000 =
   * passed; 9xxxx = failed or cancelled). Returns false for an unknown verify_id.
   */
  completeFacialVerify(verifyId: string, verifyRet?: number): boolean;
};

/** Endpoints whose success reply says `errcode: 0, errmsg: 'ok'` (the others omit them). */
const KEEPS_ERRCODE = new Set(['subscribeMessage.send', 'getPhoneNumber', 'getVerifyId', 'queryVerifyInfo']);

type Route = { method: 'GET' | 'POST'; kind: string; handle: (url: URL, body: Buffer) => { reply: WxReply; to?: string; payload: unknown; raw?: string } };

/** The WeChat server API (api.weixin.qq.com) on a loopback port: HTTP 200 with errcode, like the real one. */
export async function startWechatStandin(opts: WechatStandinOptions) {
  const service: StandinService = 'wechat';
  const tokens = createTokenStore(opts.now);
  const usedCodes = new Set<string>();
  let msgSeq = 0n;
  const state: SubscribeState = {
    checkToken: tokens.check,
    issuedOpenids: new Set(),
    templates: new Map(opts.templates.map((t) => [t.id, t])),
    refused: new Set(),
    pages: opts.pages ? new Set(opts.pages.map((p) => p.replace(/^\//, ''))) : undefined,
    // Real msgids are 64-bit integers above 2^53: clients that JSON.parse them lose digits.
    nextMsgid: () => String(BigInt(opts.now()) * 1_000_000n + ++msgSeq),
  };
  const phone: PhoneState = { checkToken: tokens.check, appId: opts.appId, now: opts.now, usedCodes: new Set(), failures: [] };
  let phoneSeq = 0;
  const face: FaceState = { checkToken: tokens.check, issuedOpenids: state.issuedOpenids, now: opts.now, sessions: new Map(), usedOutSeqNos: new Set() };
  const credentialsOk = (appid: unknown, secret: unknown) => appid === opts.appId && secret === opts.appSecret;

  const routes: Record<string, Route> = {
    '/sns/jscode2session': {
      method: 'GET',
      kind: 'code2Session',
      handle: (url) => {
        const q = url.searchParams;
        const code = q.get('js_code') ?? '';
        const payload = { js_code: code };
        if (!q.get('appid')) return { reply: wxError(41002, 'appid missing'), payload };
        if (!q.get('secret')) return { reply: wxError(41004, 'appsecret missing'), payload };
        if (!credentialsOk(q.get('appid'), q.get('secret'))) return { reply: wxError(40125, 'invalid appsecret'), payload };
        if (q.get('grant_type') !== 'authorization_code') return { reply: wxError(40002, 'invalid grant_type'), payload };
        if (!code) return { reply: wxError(41008, 'missing code'), payload };
        const persona = personaOfCode(code);
        if (!persona) return { reply: wxError(40029, 'invalid code'), payload };
        if (usedCodes.has(code)) return { reply: wxError(40163, 'code been used'), payload };
        usedCodes.add(code);
        const openid = deriveOpenid(opts.appId, persona);
        state.issuedOpenids.add(openid);
        return { reply: { errcode: 0, errmsg: 'ok', session_key: randomBytes(16).toString('base64'), openid }, to: openid, payload: { ...payload, persona } };
      },
    },
    '/cgi-bin/stable_token': {
      method: 'POST',
      kind: 'stable_token',
      handle: (_url, raw) => {
        const body = parseJsonObject(raw);
        if (!body) return { reply: wxError(47001, 'data format error'), payload: raw.toString('utf8') };
        const payload = { appid: body.appid, force_refresh: body.force_refresh ?? false };
        if (body.grant_type !== 'client_credential') return { reply: wxError(40002, 'invalid grant_type'), payload };
        if (!credentialsOk(body.appid, body.secret)) return { reply: wxError(40125, 'invalid appsecret'), payload };
        return { reply: { errcode: 0, errmsg: 'ok', ...tokens.get(body.force_refresh === true) }, payload };
      },
    },
    '/wxa/business/getuserphonenumber': {
      method: 'POST',
      kind: 'getPhoneNumber',
      handle: (url, raw) => {
        const body = parseJsonObject(raw);
        const reply = handleGetPhoneNumber(phone, url.searchParams.get('access_token'), body);
        const info = reply.phone_info as { purePhoneNumber?: string } | undefined;
        return { reply, ...(info?.purePhoneNumber ? { to: info.purePhoneNumber } : {}), payload: { code: body?.code } };
      },
    },
    // WeChat face verification 2.0 (wechat-face.handler.ts); the ID number never enters the log
    '/cityservice/face/identify/getverifyid': {
      method: 'POST',
      kind: 'getVerifyId',
      handle: (url, raw) => {
        const body = parseJsonObject(raw);
        const reply = handleGetVerifyId(face, url.searchParams.get('access_token'), body);
        const to = typeof body?.openid === 'string' ? body.openid : undefined;
        return { reply, to, payload: { out_seq_no: body?.out_seq_no, verify_id: reply.verify_id } };
      },
    },
    '/cityservice/face/identify/queryverifyinfo': {
      method: 'POST',
      kind: 'queryVerifyInfo',
      handle: (url, raw) => {
        const body = parseJsonObject(raw);
        const reply = handleQueryVerifyInfo(face, url.searchParams.get('access_token'), body);
        const to = typeof body?.openid === 'string' ? body.openid : undefined;
        return { reply, to, payload: { verify_id: body?.verify_id, verify_ret: reply.verify_ret } };
      },
    },
    '/cgi-bin/message/subscribe/send': {
      method: 'POST',
      kind: 'subscribeMessage.send',
      handle: (url, raw) => {
        const body = parseJsonObject(raw);
        const reply = handleSubscribeSend(state, url.searchParams.get('access_token'), body);
        const to = typeof body?.touser === 'string' ? body.touser : undefined;
        const payload = body ?? raw.toString('utf8');
        if (reply.errcode !== 0) return { reply, to, payload };
        // Written by hand so the 64-bit msgid stays an unquoted JSON number, as WeChat sends it.
        return { reply, to, payload: { ...body, msgid: reply.msgid }, raw: `{"errcode":0,"errmsg":"ok","msgid":${reply.msgid}}` };
      },
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__log' && req.method === 'GET') {
      const svc = url.searchParams.get('service');
      return sendJson(res, 200, svc ? opts.log.entries.filter((e) => e.service === svc) : opts.log.entries);
    }
    const route = routes[url.pathname];
    if (!route) {
      // WeChat paths are case-sensitive: /sns/jscode2Session is not /sns/jscode2session.
      const known = Object.keys(routes).some((p) => p === url.pathname.toLowerCase());
      if (known) opts.log.record({ service, kind: 'invalid_url', ok: false, payload: { path: url.pathname }, error: '40066 invalid url' });
      return known ? sendJson(res, 200, wxError(40066, 'invalid url')) : sendJson(res, 404, wxError(40066, 'invalid url'));
    }
    const body = await readBody(req, 1024 * 1024);
    if (req.method !== route.method) {
      const reply = route.method === 'POST' ? wxError(43002, 'require POST method') : wxError(43001, 'require GET method');
      opts.log.record({ service, kind: route.kind, ok: false, payload: { method: req.method }, error: `${reply.errcode} ${reply.errmsg}` });
      return sendJson(res, 200, reply);
    }
    const { reply, to, payload, raw } = route.handle(url, body);
    const ok = reply.errcode === 0;
    opts.log.record({ service, kind: route.kind, ok, ...(to ? { to } : {}), payload, ...(ok ? {} : { error: `${reply.errcode} ${reply.errmsg}` }) });
    // Success replies carry no errcode on most endpoints; code2Session's real answer has none either.
    const { errcode, errmsg, ...rest } = reply;
    return sendJson(res, 200, ok && !KEEPS_ERRCODE.has(route.kind) ? rest : { errcode, errmsg, ...rest }, raw);
  }

  const { server, port } = await listenLoopback(handle, opts.port);
  const control: WechatStandinControl = {
    openidFor: (persona) => deriveOpenid(opts.appId, persona),
    issueOpenid(persona) {
      const openid = deriveOpenid(opts.appId, persona);
      state.issuedOpenids.add(openid);
      return openid;
    },
    addTemplate: (id, keys) => void state.templates.set(id, { id, keys }),
    refuse: (openid, templateId) => void state.refused.add(`${openid}|${templateId}`),
    revokeTokens: tokens.revokeAll,
    expireTokens: tokens.expireAll,
    phoneCode: (p, agoMs = 0) => mintPhoneCode(p, opts.now() - agoMs, `t${++phoneSeq}`),
    failPhoneCalls: (...codes) => void phone.failures.push(...codes),
    completeFacialVerify(verifyId, verifyRet = 10000) {
      const s = face.sessions.get(verifyId);
      if (!s) return false;
      s.verifyRet = verifyRet;
      return true;
    },
  };
  return { server, port, control };
}
