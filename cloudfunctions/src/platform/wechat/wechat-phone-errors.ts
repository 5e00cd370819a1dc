import { DomainError, invalid, rateLimited } from '@cityloop/shared/errors';
import { WechatApiError } from './wechat-api-error';

/**
 * Turns a getuserphonenumber error into what the user should see (docs/domain/identity.md §1). 40029 covers a
 * malformed, expired (5 minutes) or already used code; misconfiguration (40013 bad appid, 41001 …) stays a
 * WechatApiError, so the error boundary logs it and answers internal_error.
 */
export function phoneNumberError(errcode: number, errmsg: string): Error {
  if (errcode === 40029) return invalid('手机号授权已失效，请重新点击“绑定手机号”', 'wx_phone_code_invalid', { errcode });
  if (errcode === 45011) return rateLimited('获取手机号过于频繁，请稍后再试', 'wx_phone_rate_limited');
  if (errcode === -1) return new DomainError('wx_unavailable', 503, '微信服务繁忙，请稍后再试', { errcode });
  return new WechatApiError(errcode, errmsg, 'getPhoneNumber');
}
