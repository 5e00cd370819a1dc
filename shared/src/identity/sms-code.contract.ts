/**
 * SMS verification codes (`POST /api/auth/sms-code`, `/api/auth/sms-login`, `/api/me/phone/sms`): request schemas
 * the routes parse with and the `data` they answer. Limits and the phone rule are in sms-code.limits.ts.
 */
import * as z from 'zod';
import { CODE_FORMAT_MESSAGE, PHONE_FORMAT_MESSAGE, SMS_CODE_LENGTH, mainlandMobile } from './sms-code.limits';

/** An 11-digit mainland mobile, normalised (spaces, dashes, +86 dropped). */
export const mobileSchema = z
  .string({ message: PHONE_FORMAT_MESSAGE })
  .transform((s, ctx) => {
    const m = mainlandMobile(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: PHONE_FORMAT_MESSAGE });
      return z.NEVER;
    }
    return m;
  });

export const smsCodeSchema = z.string({ message: CODE_FORMAT_MESSAGE }).trim().regex(new RegExp(`^\\d{${SMS_CODE_LENGTH}}$`), CODE_FORMAT_MESSAGE);

/** POST /api/auth/sms-code: send a code (`login`: sign in; `bind`: add the phone to the signed-in account). */
export const sendSmsCodeBody = z.object({ phone: mobileSchema, purpose: z.enum(['login', 'bind'], { message: '用途应为 login 或 bind' }) });
/** POST /api/auth/sms-login and POST /api/me/phone/sms. */
export const smsVerifyBody = z.object({ phone: mobileSchema, code: smsCodeSchema });

/** What a sent code answers: the masked number it went to and when another may be asked for. */
export interface SmsCodeSent {
  phone: string;
  resendAfterSec: number;
  expiresInSec: number;
}
