import { conflict, unauthenticated } from '@cityloop/shared/errors';
import type { Deps } from '../../platform/deps';
import type { User } from '../../platform/auth/users';
import { findUser, findUserByPhone, giveOpenid, insertUserUnlessTaken, markPhoneVerified, restoreFreshAccount, retireFreshAccount, setVerifiedPhone } from '../../platform/auth/users.repository';
import { newId } from '../../platform/ids';

const takenByWechat = () => conflict('该手机号已绑定其他微信账号', 'phone_bound_to_other_wechat');
const takenByAccount = () => conflict('该手机号已登记在其他账号下，请用该手机号登录', 'phone_taken');

/** A WeChat account nobody has given anything yet: no role, no phone of its own. */
const isFresh = (u: User) => !!u.openid && u.roles.length === 0 && !u.phone && !u.mergedInto;

/**
 * Someone proved `phone` (11 digits: an SMS code, or WeChat's phone number). Answers the account the session
 * continues as (the caller issues a new token for it):
 * - nobody signed in: the account holding the phone, or a new one with it;
 * - signed in, and the phone is free: it is bound to the caller's account;
 * - signed in, and a contact account (no openid) holds it: that account is kept (others refer to its id); the
 *   caller's fresh WeChat account gives it its openid and is marked `mergedInto` (its tokens stop working);
 * - the phone's account has another openid: 409 该手机号已绑定其他微信账号.
 * Race-safe: the openid moves by two conditional updates (retire, then give, undone if the give loses), and
 * the phone lands on an account only through the unique phone index.
 */
export async function claimVerifiedPhone(deps: Deps, currentUserId: string | null, phone: string): Promise<User> {
  const { db } = deps;
  for (let attempt = 0; attempt < 3; attempt++) {
    const at = deps.now();
    const holder = await findUserByPhone(db, phone);
    if (!currentUserId) {
      if (holder) {
        await markPhoneVerified(db, holder._id, at);
        return { ...holder, phoneVerifiedAt: at };
      }
      const fresh: User = { _id: newId('u', at.getTime()), name: `用户${phone.slice(-4)}`, phone, phoneVerifiedAt: at, roles: [], roleKeys: [], createdAt: at, version: 1 };
      if (await insertUserUnlessTaken(db, fresh)) return fresh;
      continue; // someone else registered the phone meanwhile: sign in as them
    }

    const me = await findUser(db, currentUserId);
    if (!me || me.mergedInto) throw unauthenticated('账号不存在，请重新登录', 'invalid_token');
    if (holder?._id === me._id) {
      await markPhoneVerified(db, me._id, at);
      return { ...me, phoneVerifiedAt: at };
    }
    if (!holder) {
      if (await setVerifiedPhone(db, me._id, phone, at)) return { ...me, phone, phoneVerifiedAt: at };
      continue;
    }
    if (holder.openid) throw takenByWechat();
    if (!isFresh(me)) throw takenByAccount();
    // the contact account is the person: the WeChat identity moves onto it
    if (!(await retireFreshAccount(db, me._id, me.openid!, holder._id))) throw conflict('账号状态已变化，请重试', 'claim_conflict');
    if (!(await giveOpenid(db, holder._id, me.openid!, at))) {
      await restoreFreshAccount(db, me._id, me.openid!);
      throw takenByWechat();
    }
    deps.log.info('contact account claimed by a verified phone', { userId: holder._id, mergedFrom: me._id });
    return { ...holder, openid: me.openid, phoneVerifiedAt: at };
  }
  throw conflict('手机号正被同时登记，请重试', 'claim_conflict');
}
