import { conflict, invalid, unauthenticated } from '@cityloop/shared/errors';
import type { Db } from 'mongodb';
import type { Deps } from '../../platform/deps';
import { issueToken } from '../../platform/auth/jwt';
import type { User } from '../../platform/auth/users';
import { findUser, findUserByPhone, insertUser, markMerged, markPhoneVerified, parkOpenid, setPhoneIf, takeOpenid, unparkOpenid } from '../../platform/auth/users.repository';
import { newId } from '../../platform/ids';
import { isDuplicateKeyError } from '../../platform/db/duplicate-key';
import { toMainlandMobile } from '../../platform/sms/phone-number';

export type ClaimDeps = Pick<Deps, 'db' | 'config' | 'now'>;

const TAKEN = () => conflict('该手机号已绑定其他微信账号', 'phone_taken');
const BUSY = () => conflict('手机号正在绑定中，请稍后重试', 'phone_busy');
const isDuplicateKey = isDuplicateKeyError;

/** Why `current` may not take over `holder` (the account holding the proved phone), as the error to throw. */
function refuseMerge(current: User, holder: User): void {
  if (holder.openid || holder.movingOpenid) throw TAKEN();
  if (!current.openid) throw conflict('当前账号未绑定微信，无法认领该手机号', 'no_openid');
  if (current.roles.length > 0) throw conflict('当前微信账号已有岗位，不能再认领该手机号的账号，请联系管理员', 'account_has_roles');
}

/** Throws what `claimVerifiedPhone` would refuse with, writing nothing (checked before using up a one-time code). */
export async function checkClaimable(db: Db, currentUserId: string, rawPhone: string): Promise<void> {
  const phone = toMainlandMobile(rawPhone);
  if (!phone) throw invalid('手机号格式不正确，请填写11位手机号', 'invalid_phone');
  const [current, holder] = await Promise.all([findUser(db, currentUserId), findUserByPhone(db, phone)]);
  if (current && holder && holder._id !== current._id) refuseMerge(current, holder);
}

/**
 * The person proved `phone` (a WeChat getPhoneNumber code, an SMS code, an invitation code sent to it).
 * Rules (docs/domain/identity.md §2):
 * - the account already holding the phone is kept (its id is referenced elsewhere): a contact account (no openid)
 *   takes the current WeChat account's openid, and the current account — fresh and role-less — is marked
 *   `mergedInto` it (its tokens answer 401 账号已合并，请重新登录); the session continues as the contact account;
 * - the phone's account has another openid → 409 该手机号已绑定其他微信账号;
 * - nobody holds the phone → the current account gets it (replacing an older phone); with no current account
 *   (an SMS login) a new account is created for it.
 * Race-safe without transactions: the unique phone and openid indexes and one conditional update decide each race
 * (of 20 accounts claiming one phone, exactly one holds it after; the others get 409); a merge interrupted by a
 * crash is settled by the next WeChat login of that openid (`settleMovingOpenid`).
 * Returns the account the session continues as, with a new token.
 */
export async function claimVerifiedPhone(deps: ClaimDeps, currentUserId: string | null, rawPhone: string): Promise<{ user: User; token: string }> {
  const phone = toMainlandMobile(rawPhone);
  if (!phone) throw invalid('手机号格式不正确，请填写11位手机号', 'invalid_phone');
  const session = async (user: User) => {
    const at = deps.now();
    await markPhoneVerified(deps.db, user._id, at);
    return { user: { ...user, phoneVerifiedAt: at }, token: await issueToken(deps.config.jwtSecret, user._id, deps.config.jwtTtlSec, at) };
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    const current = currentUserId ? await findUser(deps.db, currentUserId) : null;
    if (currentUserId && (!current || current.mergedInto)) throw unauthenticated('账号已合并，请重新登录', 'account_merged');
    if (current?.movingOpenid) throw BUSY(); // a claim of this account is under way (or was cut off: the next login settles it)
    const holder = await findUserByPhone(deps.db, phone);

    if (!current) {
      // An SMS login: the phone's account, or a new one for it.
      if (holder) return session(holder);
      const fresh: User = { _id: newId('u', deps.now().getTime()), name: `用户${phone.slice(-4)}`, phone, roles: [], roleKeys: [], createdAt: deps.now(), version: 1 };
      try {
        await insertUser(deps.db, fresh);
        return session(fresh);
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        continue; // created meanwhile: sign in as that one
      }
    }

    if (holder?._id === current._id) return session(current);

    if (!holder) {
      try {
        const updated = await setPhoneIf(deps.db, current._id, current.phone, phone);
        if (updated) return session(updated);
        continue; // the account changed meanwhile: look again
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        continue; // another account took the phone meanwhile: the rules below decide
      }
    }

    refuseMerge(current, holder);

    const openid = current.openid!;
    if (!(await parkOpenid(deps.db, current._id, openid))) continue; // changed meanwhile (a parallel claim by the same account)
    const kept = await takeOpenid(deps.db, holder._id, phone, openid).catch(async (e: unknown) => {
      await unparkOpenid(deps.db, current._id, openid);
      throw isDuplicateKey(e) ? BUSY() : e;
    });
    if (!kept) {
      await unparkOpenid(deps.db, current._id, openid);
      throw TAKEN(); // another WeChat account won the race for this contact account
    }
    await markMerged(deps.db, current._id, kept._id);
    return session(kept);
  }
  throw BUSY();
}
