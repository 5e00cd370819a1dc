import { gone, invalid } from '@cityloop/shared/errors';
import type { BindingStarted } from '@cityloop/shared/plaques/shop-admin.contract';
import type { Deps } from '../../platform/deps';
import type { User } from '../../platform/auth/users';
import { findUser, grantRoleOnce } from '../../platform/auth/users.repository';
import { newId } from '../../platform/ids';
import { claimVerifiedPhone, sendSmsCode, verifySmsCode } from '../identity/public';
import type { Shop } from './plaque.collections';
import { claimOwnerBinding, findShopByBindingHash, isVisibleShop } from './shop.repository';
import { hashBindingCode, normalizeBindingCode } from './owner-binding';
import { reopenReferredComplaints } from './refer-complaint';

const wrongCode = () => invalid('绑定码不正确，请核对责任牌资料上的绑定码', 'binding_code_wrong');
const usedCode = () => gone('绑定码已使用', 'binding_code_used');

/** The shop a typed 绑定码 opens (visible, unused), with its hash; 400 wrong, 410 used. */
async function shopOfCode(deps: Deps, raw: string): Promise<{ shop: Shop; hash: string; phone: string }> {
  const code = normalizeBindingCode(raw);
  if (!code) throw wrongCode();
  const hash = hashBindingCode(code);
  const shop = await findShopByBindingHash(deps.db, hash);
  if (!shop || !(await isVisibleShop(deps.db, shop))) throw wrongCode();
  if (shop.ownerBinding?.boundAt) throw usedCode();
  // the phone lives on the owner's account (one place); the shop's copy only for shops registered before that
  const owner = await findUser(deps.db, shop.owner.userId);
  const phone = owner?.phone ?? shop.owner.phone;
  if (!phone) throw invalid('该商户没有登记负责人手机号，请联系片长', 'owner_phone_missing');
  return { shop, hash, phone };
}

/** Step 1: the 绑定码 is right → an SMS code goes to the owner's phone on file (the page shows it masked). */
export async function startOwnerBinding(deps: Deps, rawCode: string): Promise<BindingStarted> {
  const { shop, phone } = await shopOfCode(deps, rawCode);
  const sent = await sendSmsCode(deps, phone, 'shop');
  return { shopName: shop.name, ...sent };
}

/**
 * Step 2: the SMS code proves the owner's phone → the session becomes the owner's account (claimVerifiedPhone:
 * a fresh WeChat account hands it its openid), with the shopOwner role of the shop's grid; the code is used up
 * (a second use → 410 绑定码已使用); complaints that waited with the area chief go back to the shop.
 */
export async function finishOwnerBinding(deps: Deps, currentUser: User | null, rawCode: string, smsCode: string, ctx: { requestId?: string; ip?: string }): Promise<{ user: User; shopId: string }> {
  const { shop, hash, phone } = await shopOfCode(deps, rawCode);
  await verifySmsCode(deps, phone, 'shop', smsCode);
  const { user } = await claimVerifiedPhone(deps, currentUser?.openid ? currentUser._id : null, phone);
  const at = deps.now();
  const claimed = await claimOwnerBinding(deps.db, shop, hash, user._id, { id: newId('ev'), action: 'shop.bind_owner', at, actorId: user._id, role: 'shopOwner', reason: '商户用绑定码和短信验证码绑定账号' }, ctx);
  if (!claimed) throw usedCode();
  const { cityId, townId, gridId } = shop.scope;
  if (gridId) await grantRoleOnce(deps.db, user._id, `shopOwner:grid:${gridId}`, { role: 'shopOwner', cityId, townId, gridIds: [gridId] });
  await reopenReferredComplaints(deps, shop._id, user._id);
  return { user: (await findUser(deps.db, user._id))!, shopId: shop._id };
}
