import { validateTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { wxError, type WxReply } from './wechat-reply';
import type { TokenCheck } from './wechat-tokens';

export type WechatTemplateSpec = { id: string; keys?: readonly string[] };

export type SubscribeState = {
  checkToken(token: string): TokenCheck;
  issuedOpenids: Set<string>;
  templates: Map<string, WechatTemplateSpec>;
  /** `${openid}|${templateId}` pairs whose user refused (or used up a one-time subscription). */
  refused: Set<string>;
  /** When set, `page` must be one of these paths (else 41030, as for an unreleased page). */
  pages?: Set<string>;
  nextMsgid(): string;
};

const STATES = new Set(['developer', 'trial', 'formal']);
const LANGS = new Set(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']);

/**
 * subscribeMessage.send as WeChat validates it. Returns the reply and, on success, the msgid as a
 * decimal string (a 64-bit integer that the caller must write into the JSON text unquoted).
 */
export function handleSubscribeSend(state: SubscribeState, token: string | null, body: Record<string, unknown> | null): WxReply {
  if (!token) return wxError(41001, 'access_token missing');
  const tokenState = state.checkToken(token);
  if (tokenState === 'invalid') return wxError(40001, 'invalid credential, access_token is invalid or not latest');
  if (tokenState === 'expired') return wxError(42001, 'access_token expired');
  if (!body) return wxError(47001, 'data format error');

  const { touser, template_id: templateId, page, data, miniprogram_state: mpState, lang } = body;
  if (typeof touser !== 'string' || !state.issuedOpenids.has(touser)) return wxError(40003, 'invalid openid');
  const template = typeof templateId === 'string' ? state.templates.get(templateId) : undefined;
  if (!template) return wxError(40037, 'invalid template_id');
  if (page !== undefined && (typeof page !== 'string' || (state.pages && !state.pages.has(page.split('?')[0].replace(/^\//, ''))))) {
    return wxError(41030, 'invalid page');
  }
  if (mpState !== undefined && !STATES.has(String(mpState))) return wxError(47003, 'argument invalid! miniprogram_state invalid');
  if (lang !== undefined && !LANGS.has(String(lang))) return wxError(47003, 'argument invalid! lang invalid');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return wxError(47003, 'argument invalid! data is not an object');
  for (const key of template.keys ?? []) {
    if (!(key in data)) return wxError(47003, `argument invalid! data.${key}.value is empty`);
  }
  const check = validateTemplateData(data);
  if (!check.ok) return wxError(47003, `argument invalid! data.${check.field}.value invalid`);
  if (state.refused.has(`${touser}|${template.id}`)) return wxError(43101, 'user refuse to accept the msg');
  return { errcode: 0, errmsg: 'ok', msgid: state.nextMsgid() };
}
