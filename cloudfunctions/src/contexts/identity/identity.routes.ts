import type { Hono } from 'hono';
import { forbidden, gone, invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import { roleKeysOf } from '@cityloop/shared/identity/roles';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { issueToken } from '../../platform/auth/jwt';
import type { User } from '../../platform/auth/users';
import { bindRole, findUser, findUserByOpenid, insertUser, settleMovingOpenid } from '../../platform/auth/users.repository';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { INVITATIONS } from './invitation.collection';
import { claimInvitation, findInvitation } from './invitation.repository';
import { issueInvitation } from './issue-invitation';
import { takeGridsOfInvitation } from './chief-invitation';
import { checkClaimable, claimVerifiedPhone } from './claim-phone';
import { issueInvitationBody, redeemBody, wxLoginBody, type AuthResult } from '@cityloop/shared/identity/identity.contract';
import { subscriptionRoutes } from './subscription.routes';
import { takeSlots, type Limit } from '../../platform/limits/limit-slots';
import { profileRoutes } from './profile.routes';
import { presentUser } from './present-user';

export { presentUser };

/** Invitation redemptions per account: a 10-letter code cannot be guessed at 10 tries an hour. */
export const REDEEM_LIMIT: Limit = { windows: [{ name: 'hour', ms: 3600_000, max: 10 }], message: '邀请码尝试次数过多，请一小时后再试' };

export function identityRoutes(app: Hono<AppEnv>) {
  app.post('/api/auth/wx-login', async (c) => {
    const { code } = await jsonBody(c, wxLoginBody);
    const { db, config, wechatLogin, now } = c.get('deps');
    const { openid } = await wechatLogin.code2Session(code);
    await settleMovingOpenid(db, openid); // a merge cut off by a crash: finish or undo it before looking the openid up
    let user = await findUserByOpenid(db, openid);
    if (!user) {
      const fresh: User = { _id: newId('u'), openid, name: '微信用户', roles: [], createdAt: now(), version: 1 };
      try {
        await insertUser(db, fresh);
        user = fresh;
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e;
        user = await findUserByOpenid(db, openid); // a parallel login created it first
      }
    }
    if (!user) throw notFound('账号创建失败，请重试');
    const token = await issueToken(config.jwtSecret, user._id, config.jwtTtlSec, now());
    return ok(c, { token, user: presentUser(user) });
  });

  app.get('/api/me', async (c) => {
    requireActor(c);
    return ok(c, presentUser(c.get('user')!));
  });
  subscriptionRoutes(app); // /api/me/subscriptions
  profileRoutes(app); // /api/me/profile, PATCH /api/me, /api/me/phone/wechat

  /**
   * An invitation names its person: their contact account (found by phone, or created) holds the binding at once,
   * and the code goes to that phone by SMS (through the invitation's outbox, in the same insert).
   */
  app.post('/api/invitations', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, issueInvitationBody);
    const scope = { cityId: body.binding.cityId, ...(body.binding.townId ? { townId: body.binding.townId } : {}) };
    const d = can(actor, 'invitation.issue', { kind: 'invitation', scope });
    if (!d.allow) throw forbidden('只有平台管理员可以签发邀请码');
    const deps = c.get('deps');
    const inv = await issueInvitation(deps, actor.userId, { name: body.name, phone: body.phone, binding: body.binding, note: body.note, expiresAt: new Date(deps.now().getTime() + body.expiresInDays * 86400_000) }, { requestId: c.get('requestId'), ip: c.get('ip') });
    const contactId = inv.contactId;
    touched(c, INVITATIONS, inv._id);
    return ok(c, { code: inv._id, expiresAt: inv.expiresAt.toISOString(), binding: inv.binding, contactId }, { status: 201 });
  });

  /**
   * Redeeming proves the invited phone (the code was sent to it): the redeemer's WeChat account claims the invited
   * contact account by the same rules as a verified phone (claim-phone.ts), and the session continues as it.
   */
  app.post('/api/auth/redeem-invitation', async (c) => {
    const actor = requireActor(c);
    const { code } = await jsonBody(c, redeemBody);
    const deps = c.get('deps');
    const { db, now } = deps;
    const t = now();
    // Guessing codes is slow: 10 tries an hour per account, counted atomically (issue 13 §8).
    await takeSlots(db, `redeem:${actor.userId}`, REDEEM_LIMIT, t);
    // Refuse before using the code up when the invited phone already belongs to another WeChat account.
    const before = await findInvitation(db, code);
    if (before?.phone && !before.usedBy) await checkClaimable(db, actor.userId, before.phone);
    // Claim first, atomically: of two people racing for one code, exactly one wins.
    const claimed = await claimInvitation(db, code, actor.userId, t);
    const inv = claimed ?? before ?? (await findInvitation(db, code));
    if (!inv) throw invalid('邀请码不存在', 'invitation_not_found');
    // the redeemer's earlier account, merged into this one by that redemption, is the same person retrying
    const usedBySelf = inv.usedBy === actor.userId || (!!inv.usedBy && (await findUser(db, inv.usedBy))?.mergedInto === actor.userId);
    if (!claimed && !usedBySelf) {
      if (inv.usedBy) throw gone('邀请码已被使用', 'invitation_used');
      throw gone('邀请码已过期', 'invitation_expired');
    }
    // The person the code was sent to: the session continues as their account.
    const session = inv.phone ? await claimVerifiedPhone(deps, actor.userId, inv.phone) : null;
    const userId = session?.user._id ?? actor.userId;
    // Bind idempotently (a retry after a crash between the writes finishes the job).
    await bindRole(db, userId, { ...inv.binding, invitationId: inv._id }, roleKeysOf([inv.binding]));
    // a 片长 invitation for grids makes the redeemer those grids' 片长 (their open cases move to them)
    await takeGridsOfInvitation(deps, inv, userId, { requestId: c.get('requestId'), ip: c.get('ip') });
    await appendAudit(db, { _id: `redeem:${inv._id}`, at: t, actorId: actor.userId, action: 'invitation.redeem', target: { collection: INVITATIONS, id: inv._id }, requestId: c.get('requestId'), ip: c.get('ip'), scope: { cityId: inv.binding.cityId, townId: inv.binding.townId } });
    const user = (await findUser(db, userId))!;
    const token = session?.token ?? (await issueToken(deps.config.jwtSecret, userId, deps.config.jwtTtlSec, t));
    return ok(c, { token, user: presentUser(user) } satisfies AuthResult);
  });
}
