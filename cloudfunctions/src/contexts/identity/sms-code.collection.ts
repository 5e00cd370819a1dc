import type { SmsPurpose } from '@cityloop/shared/identity/sms-code.limits';
import type { CollectionIndexes } from '../../platform/context-module';

/**
 * One document per mobile number: the one code it may use now and its limits. Every limit is a condition of
 * a single update on this document (docs/domain/identity.md §2), so concurrent requests cannot count past it:
 *   send    versioned update (`version` as read) that also requires the last send ≥ 60 s ago → one SMS
 *   wrong   `$inc: {failures: 1}` guarded by `failures < 5` → the 5th wrong try locks, never a 6th
 *   right   the code hash is `$unset` by the update that matches it → a code works once
 */
export type SmsCodeSlot = {
  _id: string; // the 11-digit mobile number
  version: number;
  /** HMAC-SHA256 (server secret) of `purpose:phone:code`; absent once used or never sent */
  codeHash?: string;
  purpose?: SmsPurpose;
  sentAt?: Date;
  expiresAt?: Date;
  /** wrong tries since the last right one (reset after LOCK minutes without a wrong try) */
  failures: number;
  lastFailAt?: Date;
  usedAt?: Date;
  updatedAt: Date;
};

export const SMS_CODES = 'sms_codes';
export const SMS_CODE_INDEXES: CollectionIndexes[] = [{ collection: SMS_CODES, indexes: [{ key: { updatedAt: 1 } }] }];
