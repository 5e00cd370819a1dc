/**
 * Limits of SMS verification codes (zod-free: the login page imports them too). Why these numbers:
 * docs/domain/identity.md §2.
 */

/** Digits in a code. */
export const SMS_CODE_LENGTH = 6;
/** A code is valid this long after it was sent. */
export const SMS_CODE_TTL_MIN = 5;
/** At most one code per phone in this many seconds (the page counts down the same). */
export const SMS_RESEND_SEC = 60;
/** Wrong codes in a row that lock the phone… */
export const SMS_MAX_TRIES = 5;
/** …for this long. */
export const SMS_LOCK_MIN = 15;

/** What a code is for: a code sent for one purpose never works for another. */
export const SMS_PURPOSES = ['login', 'bind', 'shop'] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * An 11-digit mainland mobile number with spaces, dashes and a +86/86 prefix dropped, or null.
 * @example mainlandMobile('+86 138-0000-0012') // '13800000012'
 */
export function mainlandMobile(raw: string): string | null {
  const d = raw.replace(/[\s-]+/g, '').replace(/^(\+?86|0086)(?=1\d{10}$)/, '');
  return MOBILE.test(d) ? d : null;
}

export const PHONE_FORMAT_MESSAGE = '请输入正确的 11 位手机号';
export const CODE_FORMAT_MESSAGE = `请输入 ${SMS_CODE_LENGTH} 位数字验证码`;

/** Whether `s` looks like a code (the page enables 登录 only then). */
export const isSmsCode = (s: string): boolean => new RegExp(`^\\d{${SMS_CODE_LENGTH}}$`).test(s.trim());

/** 13800000012 → 138****0012 (what a page may show of a number it did not type). */
export function maskMobile(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
