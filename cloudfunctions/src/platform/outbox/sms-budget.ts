import type { Db } from 'mongodb';
import { isDomainError } from '@cityloop/shared/errors';
import { takeSlots, type Limit, type Taken } from '../limits/limit-slots';

/**
 * Tencent Cloud refuses more than a few SMS a day to one phone (by default 10 a day, 5 an hour, 1 per 30 s for
 * the same content: `LimitExceeded.PhoneNumber*Limit`). So that a red or danger alarm is never the one refused,
 * routine SMS to a phone stop at 5 a day and the rest of the day's quota is kept for critical ones; a routine
 * message past its budget still reaches the person by WeChat and the inbox.
 */
export const ROUTINE_SMS_PER_PHONE: Limit = { windows: [{ name: 'day', ms: 86_400_000, max: 5 }], message: 'routine SMS budget of this phone used up today' };

/** A slot of the phone's routine budget, or null when it is used up (the caller skips the SMS). */
export async function takeRoutineSms(db: Db, phone: string, now: Date): Promise<Taken | null> {
  try {
    return await takeSlots(db, `sms:${phone}`, ROUTINE_SMS_PER_PHONE, now);
  } catch (e) {
    if (isDomainError(e) && e.status === 429) return null;
    throw e;
  }
}
