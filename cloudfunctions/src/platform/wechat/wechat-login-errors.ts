import { DomainError, forbidden, invalid, rateLimited } from '@cityloop/shared/errors';
import { WechatApiError } from './wechat-api-error';

/** code2Session errcodes that mean "this login code is no good": invalid, already used, missing. */
const BAD_CODE = new Set([40029, 40163, 41008]);

/**
 * Turns a code2Session error into what the citizen should see. Misconfiguration (bad appid/secret,
 * 40013/40125) stays a WechatApiError, so the error boundary logs it and answers internal_error.
 */
export function loginError(errcode: number, errmsg: string): Error {
  if (BAD_CODE.has(errcode)) return invalid('登录凭证无效或已过期，请重新登录', 'wx_login_failed', { errcode });
  if (errcode === 45011) return rateLimited('登录过于频繁，请稍后再试', 'wx_login_rate_limited');
  if (errcode === 40226) return forbidden('该微信账号存在安全风险，暂时无法登录', 'wx_login_blocked');
  if (errcode === -1) return new DomainError('wx_unavailable', 503, '微信服务繁忙，请稍后再试', { errcode });
  return new WechatApiError(errcode, errmsg, 'code2Session');
}
