import { messagesFor } from '@cityloop/shared/notify/message';
import { wechatTime } from '@cityloop/shared/notify/templates';
import { addWorkingHours } from '@cityloop/shared/city/working-calendar';
import { REFERRAL_REASON_UNBOUND } from '@cityloop/shared/plaques/plaque.limits';
import type { Deps } from '../../platform/deps';
import { findUser, userIdsWithRoleKeys } from '../../platform/auth/users.repository';
import { cityCalendar } from '../cityconfig/public';
import type { PlaqueComplaint, Shop } from './plaque.collections';
import { complaintMessages } from './complaint-messages';
import { systemComplaintStep } from './escalate-complaint';
import { listReferredComplaints } from './complaint.repository';
import { PLAQUE_CLASSES } from './plaque-rules';

/**
 * Whether nobody can act for the shop yet: it has an unused 绑定码 and its owner's account has never signed in
 * (no WeChat, no verified phone). Shops registered before binding codes existed count as bound.
 */
export async function ownerUnbound(deps: Deps, shop: Shop): Promise<boolean> {
  if (!shop.ownerBinding || shop.ownerBinding.boundAt) return false;
  const owner = await findUser(deps.db, shop.owner.userId);
  return !owner?.openid && !owner?.phoneVerifiedAt;
}

/** The grid's area chiefs (片长); the town's regulators when the grid has none. */
async function chiefsOf(deps: Deps, shop: Shop): Promise<string[]> {
  const chiefs = shop.scope.gridId ? await userIdsWithRoleKeys(deps.db, [`areaChief:grid:${shop.scope.gridId}`]) : [];
  return chiefs.length ? chiefs : userIdsWithRoleKeys(deps.db, [`regulator:town:${shop.scope.cityId}:${shop.scope.townId}`]);
}

/**
 * A complaint against a shop whose owner has not bound an account goes to the grid's 片长 with the reason
 * 商户尚未绑定账号 (no deadline runs out on nobody; the chief visits the shop and hands over the binding kit).
 */
export async function referComplaint(deps: Deps, c: PlaqueComplaint, shop: Shop): Promise<PlaqueComplaint> {
  const chiefs = await chiefsOf(deps, shop);
  return systemComplaintStep(deps, c, 'refer', ({ at, eventId }) => ({
      set: { referralReason: REFERRAL_REASON_UNBOUND, updatedAt: at },
      messages: messagesFor(eventId, chiefs, at, {
        channels: ['inbox'],
        title: `门前三包投诉转片长：${shop.name}`,
        body: `${c.className}：${c.description.slice(0, 40)}。${REFERRAL_REASON_UNBOUND}，请上门督促整改，并请商户负责人${shop.owner.name}用责任牌资料中的绑定码绑定账号`,
        link: `/packages/plaque/pages/view/index?id=${shop._id}`,
      }),
      event: { reason: REFERRAL_REASON_UNBOUND, data: { to: chiefs } },
    }));
}

/** Once the owner has bound: the complaints waiting with the area chief go back to the shop with a fresh deadline. */
export async function reopenReferredComplaints(deps: Deps, shopId: string, ownerId: string): Promise<number> {
  let n = 0;
  for (const c of await listReferredComplaints(deps.db, shopId)) {
    const calendar = await cityCalendar(deps.db, c.scope.cityId);
    await systemComplaintStep(deps, c, 'reopen', ({ at, eventId }) => {
        const deadline = addWorkingHours(at, PLAQUE_CLASSES[c.classCode]?.fixWithinHours ?? 24, calendar);
        return {
          set: { deadline, updatedAt: at },
          messages: complaintMessages(eventId, c, [ownerId], '您有门前三包投诉待整改', `${c.className}：${c.description.slice(0, 30)}。请在 ${wechatTime(deadline)} 前整改并上传照片`, at, false, 'packages/shop/pages/complaint/index'),
          event: { reason: '商户已绑定账号' },
        };
      });
    n++;
  }
  return n;
}
