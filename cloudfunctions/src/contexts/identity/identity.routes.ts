import type { Hono } from 'hono';
import { forbidden, gone, invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import { ROLE_LABELS, roleKeysOf } from '@cityloop/shared/identity/roles';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { issueToken } from '../../platform/auth/jwt';
import { maskPhone, type User } from '../../platform/auth/users';
import { bindRole, findUser, findUserByOpenid, insertUser } from '../../platform/auth/users.repository';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId, randomCode } from '../../platform/ids';
import { INVITATIONS, type Invitation } from './invitation.collection';
import { claimInvitation, findInvitation, insertInvitation } from './invitation.repository';
import { issueInvitationBody, redeemBody, wxLoginBody, type SessionUser } from '@cityloop/shared/identity/identity.contract';
import { subscriptionRoutes } from './subscription.routes';

/** What the client may know about a user (phone masked). */
export const presentUser = (u: User) => ({
  id: u._id,
  name: u.name,
  phone: maskPhone(u.phone),
  roles: u.roles.map(({ invitationId: _i, ...b }) => ({ ...b, label: ROLE_LABELS[b.role] })),
}) satisfies SessionUser;

export function identityRoutes(app: Hono<AppEnv>) {
  app.post('/api/auth/wx-login', async (c) => {
    const { code } = await jsonBody(c, wxLoginBody);
    const { db, config, wechatLogin, now } = c.get('deps');
    const { openid } = await wechatLogin.code2Session(code);
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

  app.post('/api/invitations', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, issueInvitationBody);
    const d = can(actor, 'invitation.issue', { kind: 'invitation', scope: { cityId: body.binding.cityId, townId: body.binding.townId } });
    if (!d.allow) throw forbidden('只有平台管理员可以签发邀请码');
    const { db, now } = c.get('deps');
    const t = now();
    const inv: Invitation = {
      _id: randomCode(10),
      binding: body.binding,
      note: body.note,
      issuedBy: actor.userId,
      createdAt: t,
      expiresAt: new Date(t.getTime() + body.expiresInDays * 86400_000),
    };
    await insertInvitation(db, inv);
    await appendAudit(db, { _id: newId('ev'), at: t, actorId: actor.userId, action: 'invitation.issue', target: { collection: INVITATIONS, id: inv._id }, requestId: c.get('requestId'), ip: c.get('ip'), scope: { cityId: inv.binding.cityId, townId: inv.binding.townId } });
    return ok(c, { code: inv._id, expiresAt: inv.expiresAt.toISOString(), binding: inv.binding }, { status: 201 });
  });

  app.post('/api/auth/redeem-invitation', async (c) => {
    const actor = requireActor(c);
    const { code } = await jsonBody(c, redeemBody);
    const { db, now } = c.get('deps');
    const t = now();
    // Claim first, atomically: of two people racing for one code, exactly one wins.
    const claimed = await claimInvitation(db, code, actor.userId, t);
    const inv = claimed ?? (await findInvitation(db, code));
    if (!inv) throw invalid('邀请码不存在', 'invitation_not_found');
    if (!claimed && inv.usedBy !== actor.userId) {
      if (inv.usedBy) throw gone('邀请码已被使用', 'invitation_used');
      throw gone('邀请码已过期', 'invitation_expired');
    }
    // Bind idempotently (a retry after a crash between the two writes finishes the job).
    await bindRole(db, actor.userId, { ...inv.binding, invitationId: inv._id }, roleKeysOf([inv.binding]));
    await appendAudit(db, { _id: `redeem:${inv._id}`, at: t, actorId: actor.userId, action: 'invitation.redeem', target: { collection: INVITATIONS, id: inv._id }, requestId: c.get('requestId'), ip: c.get('ip'), scope: { cityId: inv.binding.cityId, townId: inv.binding.townId } });
    const user = await findUser(db, actor.userId);
    return ok(c, presentUser(user!));
  });
}
