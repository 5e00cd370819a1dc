/**
 * What SendSms failure codes mean for us (docs/domain/platform.md §3.1): whether retrying can help, and the Chinese a
 * regulator reads in a trail ("短信未送达：已达当日发送上限").
 */

/**
 * Failures that retrying cannot fix in useful time: a bad number, signature or template, a blacklisted
 * number, and the delivery limits (a phone's daily or hourly quota does not come back within an alarm's
 * life). Only the 30-second same-content limit clears by itself, with the first backoff.
 */
const PERMANENT = /^(InvalidParameterValue|InvalidParameter|MissingParameter|FailedOperation|UnsupportedOperation|UnauthorizedOperation|LimitExceeded\.(?!PhoneNumberThirtySecondLimit))/;

export const isPermanentSmsFailure = (code: string): boolean => PERMANENT.test(code);

const REASONS: [RegExp, string][] = [
  [/^LimitExceeded\.PhoneNumberDailyLimit$/, '已达当日发送上限'],
  [/^LimitExceeded\.PhoneNumberOneHourLimit$/, '已达每小时发送上限'],
  [/^LimitExceeded\.PhoneNumberThirtySecondLimit$/, '30 秒内重复发送相同内容被拦截'],
  [/^LimitExceeded\.(DeliveryFrequencyLimit|PhoneNumberSameContentDailyLimit)$/, '超过发送频率限制'],
  [/^LimitExceeded\.(AppDailyLimit|DailyLimit|AppGlobalDailyLimit|AppMainlandChinaDailyLimit)$/, '已达平台当日短信总量上限'],
  [/^LimitExceeded\./, '超过短信发送限制'],
  [/^FailedOperation\.PhoneNumberInBlacklist$/, '号码已退订或在黑名单中'],
  [/^InvalidParameterValue\.IncorrectPhoneNumber$/, '手机号码格式不正确'],
  [/^FailedOperation\.Signature/, '短信签名未审核通过'],
  [/^FailedOperation\.TemplateParamSetNotMatchApprovedTemplate$/, '短信内容与审核通过的模板不符'],
  [/^FailedOperation\.Template/, '短信模板未审核通过'],
  [/^FailedOperation\.InsufficientBalance/, '短信套餐余量不足'],
  [/^FailedOperation\.ContainSensitiveWord$/, '短信内容含敏感词'],
  [/^NoPhone$/, '未登记手机号'],
  [/^(AuthFailure|UnauthorizedOperation)/, '短信平台鉴权失败'],
];

/**
 * The Chinese reason for a SendSms failure code.
 * @example smsFailureZh('LimitExceeded.PhoneNumberDailyLimit') // '已达当日发送上限'
 */
export function smsFailureZh(code: string | undefined): string {
  if (!code) return '短信平台未返回结果';
  for (const [re, zh] of REASONS) if (re.test(code)) return zh;
  return `短信平台返回错误（${code}）`;
}
