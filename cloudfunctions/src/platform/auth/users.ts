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
  /** when the person last proved this phone (an SMS code or WeChat's phone number): they can be reached and have signed in */
  phoneVerifiedAt?: Date;
  /** a fresh WeChat account whose openid moved to the contact account of its verified phone: its tokens stop working */
  mergedInto?: string;
  createdAt: Date;
  version: number;
};

export const USERS = 'users';
export const USER_INDEXES: CollectionIndexes[] = [
  { collection: USERS, indexes: [{ key: { openid: 1 }, unique: true, sparse: true }, { key: { phone: 1 }, unique: true, sparse: true }, { key: { persona: 1 }, sparse: true }, { key: { roleKeys: 1 } }] },
];

/** 13712345678 → 137****5678: personal data masked in every response that does not need it. */
export function maskPhone(phone?: string): string | undefined {
  if (!phone) return undefined;
  const d = phone.replace(/^\+?86/, '');
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : '****';
}
