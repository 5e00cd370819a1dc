import type { RoleBinding } from '@cityloop/shared/identity/roles';
import type { CollectionIndexes } from '../context-module';

export type User = {
  _id: string;
  openid?: string;
  name: string;
  phone?: string;
  roles: RoleBinding[];
  /** index of `roles` (shared/identity roleKeysOf), rewritten whenever roles change */
  roleKeys?: string[];
  /** dev persona key, only on seeded demo users */
  persona?: string;
  /** WeChat subscription templates the user accepted (long-term templates in 政务民生) */
  subscriptions?: string[];
  /**
   * Set when this (fresh, role-less) WeChat account gave its openid to the contact account holding the phone
   * its owner proved (contexts/identity/claim-phone.ts): its tokens stop working.
   */
  mergedInto?: string;
  /** when the person last proved this phone (an SMS code, WeChat's phone number, an invitation sent to it) */
  phoneVerifiedAt?: Date;
  /** The openid while it moves to another account (a claim in progress; settled by the next claim or login). */
  movingOpenid?: string;
  createdAt: Date;
  version: number;
};

export const USERS = 'users';
export const USER_INDEXES: CollectionIndexes[] = [
  { collection: USERS, indexes: [{ key: { openid: 1 }, unique: true, sparse: true }, { key: { phone: 1 }, unique: true, sparse: true }, { key: { movingOpenid: 1 }, sparse: true }, { key: { persona: 1 }, sparse: true }, { key: { roleKeys: 1 } }] },
];

/** 13712345678 → 137****5678: personal data masked in every response that does not need it. */
export function maskPhone(phone?: string): string | undefined {
  if (!phone) return undefined;
  const d = phone.replace(/^\+?86/, '');
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : '****';
}
