import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { DomainError, invalid, rateLimited } from '@cityloop/shared/errors';
import { SMS_TEMPLATES } from '@cityloop/shared/notify/templates';
import { SMS_CODE_LENGTH, SMS_CODE_TTL_MIN, SMS_LOCK_MIN, SMS_MAX_TRIES, SMS_RESEND_SEC, type SmsPurpose } from '@cityloop/shared/identity/sms-code.limits';
import type { SmsCodeSent } from '@cityloop/shared/identity/sms-code.contract';
import type { Deps } from '../../platform/deps';
import { smsFailureZh } from '../../platform/sms/sms-errors';
import { maskPhone } from '../../platform/auth/users';
import type { SmsCodeSlot } from './sms-code.collection';
import { claimSend, consumeCode, countFailure, findSlot, forgetStaleFailures, releaseSend, slotOf } from './sms-code.repository';

const LOCK_MS = SMS_LOCK_MIN * 60_000;
const RESEND_MS = SMS_RESEND_SEC * 1000;

/** Only a keyed hash is stored: a database read does not reveal a live code (and 10^6 codes are no secret unkeyed). */
const hashCode = (secret: string, purpose: SmsPurpose, phone: string, code: string) => createHmac('sha256', secret).update(`${purpose}:${phone}:${code}`).digest('hex');

const lockedUntil = (s: SmsCodeSlot, at: Date): number | null => {
  if (s.failures < SMS_MAX_TRIES || !s.lastFailAt) return null;
  const until = s.lastFailAt.getTime() + LOCK_MS;
  return until > at.getTime() ? until : null;
};

const lockedError = (until: number, at: Date) => rateLimited(`尝试次数过多，请${Math.max(1, Math.ceil((until - at.getTime()) / 60_000))}分钟后再试`, 'sms_locked');
const tooSoon = (s: SmsCodeSlot, at: Date) => {
  const wait = s.sentAt ? s.sentAt.getTime() + RESEND_MS - at.getTime() : 0;
  return wait > 0 ? rateLimited(`发送过于频繁，请${Math.ceil(wait / 1000)}秒后再试`, 'sms_too_frequent') : null;
};

/**
 * Sends a fresh 6-digit code to `phone` (11 digits) for `purpose`: at most one per 60 s per phone, none while
 * the phone is locked. The slot is claimed before the SMS goes out (one conditional update), so of 40 concurrent
 * requests exactly one sends; if the provider refuses, the slot is given back.
 */
export async function sendSmsCode(deps: Deps, phone: string, purpose: SmsPurpose): Promise<SmsCodeSent> {
  const { db } = deps;
  const at = deps.now();
  await forgetStaleFailures(db, phone, new Date(at.getTime() - LOCK_MS));
  const slot = await slotOf(db, phone, at);
  const until = lockedUntil(slot, at);
  if (until) throw lockedError(until, at);
  const soon = tooSoon(slot, at);
  if (soon) throw soon;

  const code = String(randomInt(0, 10 ** SMS_CODE_LENGTH)).padStart(SMS_CODE_LENGTH, '0');
  const claimed = await claimSend(db, phone, slot.version, {
    codeHash: hashCode(deps.config.jwtSecret, purpose, phone, code),
    purpose,
    sentAt: at,
    expiresAt: new Date(at.getTime() + SMS_CODE_TTL_MIN * 60_000),
    failures: slot.failures,
    updatedAt: at,
  });
  if (!claimed) {
    // another request changed the slot between our read and our write: it sent (or locked) first
    const now = (await findSlot(db, phone))!;
    const u = lockedUntil(now, at);
    throw u ? lockedError(u, at) : (tooSoon(now, at) ?? rateLimited('发送过于频繁，请稍后再试', 'sms_too_frequent'));
  }

  const [r] = await deps.sms.send({ phones: [phone], templateId: SMS_TEMPLATES.verifyCode.id, params: [code, String(SMS_CODE_TTL_MIN)] });
  if (!r?.ok) {
    await releaseSend(db, phone, slot.version + 1, slot.sentAt, deps.now());
    deps.log.warn('verification SMS refused', { phone: maskPhone(phone), code: r?.code, message: r?.message });
    const why = smsFailureZh(r?.code);
    if (r?.code?.startsWith('LimitExceeded')) throw rateLimited(`验证码发送失败：${why}`, 'sms_provider_limit');
    throw new DomainError('sms_send_failed', 502, `验证码发送失败：${why}，请稍后重试`);
  }
  return { phone: maskPhone(phone)!, resendAfterSec: SMS_RESEND_SEC, expiresInSec: SMS_CODE_TTL_MIN * 60 };
}

/**
 * Checks `code` for `phone` and `purpose`, using it up when right. Wrong → 400 with the tries left; the 5th
 * wrong try locks the phone for 15 minutes (429); expired or used → 400. A code sent to another number or
 * for another purpose is simply wrong. Every count is one conditional update (see sms-code.collection.ts).
 */
export async function verifySmsCode(deps: Deps, phone: string, purpose: SmsPurpose, code: string): Promise<void> {
  const { db } = deps;
  const at = deps.now();
  await forgetStaleFailures(db, phone, new Date(at.getTime() - LOCK_MS));
  const slot = await findSlot(db, phone);
  if (!slot?.sentAt) throw invalid('请先获取验证码', 'sms_code_missing');
  const until = lockedUntil(slot, at);
  if (until) throw lockedError(until, at);
  if (!slot.codeHash || !slot.expiresAt || slot.expiresAt <= at) throw invalid('验证码已过期，请重新获取', 'sms_code_expired');

  const hash = hashCode(deps.config.jwtSecret, purpose, phone, code);
  if (timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(slot.codeHash, 'hex'))) {
    if (await consumeCode(db, phone, hash, SMS_MAX_TRIES, at)) return;
    // a concurrent request used it, or wrong tries locked the phone in between
    const now = await findSlot(db, phone);
    const u = now && lockedUntil(now, at);
    if (u) throw lockedError(u, at);
    throw invalid('验证码已过期，请重新获取', 'sms_code_expired');
  }
  const after = await countFailure(db, phone, SMS_MAX_TRIES, at);
  if (!after || after.failures >= SMS_MAX_TRIES) throw lockedError(at.getTime() + LOCK_MS, at);
  throw invalid(`验证码错误（还可尝试${SMS_MAX_TRIES - after.failures}次）`, 'sms_code_wrong');
}
