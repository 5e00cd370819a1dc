import type { Hono } from 'hono';
import { invalid, unauthenticated } from '@cityloop/shared/errors';
import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import { updateProfileBody, wechatPhoneBody, type AuthResult, type Profile } from '@cityloop/shared/identity/identity.contract';
import type { Db } from 'mongodb';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { maskPhone, type User } from '../../platform/auth/users';
import { setUserName } from '../../platform/auth/users.repository';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { claimVerifiedPhone } from './claim-phone';
import { presentUser } from './present-user';
import { namesOf, projectNamesOf, projectsOf, scopeLabel } from './person-places';

/** The 我的 page: name, masked phone, organisations, roles with where they apply. */
async function presentProfile(db: Db, u: User): Promise<Profile> {
  const [names, projects] = await Promise.all([namesOf(db, u.roles), projectsOf(db, u.roles)]);
  const projectNames = await projectNamesOf(db, u.roles, projects);
  const orgIds = [...new Set(u.roles.map((b) => b.orgId).filter((x): x is string => !!x))];
  return {
    id: u._id,
    name: u.name,
    phone: maskPhone(u.phone),
    organisations: orgIds.map((id) => ({ id, name: names.org(id) ?? id })),
    roles: u.roles.map((b) => ({ role: b.role, label: ROLE_LABELS[b.role], scopeLabel: scopeLabel(b, names, projectNames) })),
  };
}

export function profileRoutes(app: Hono<AppEnv>) {
  app.get('/api/me/profile', async (c) => {
    requireActor(c);
    return ok(c, await presentProfile(c.get('deps').db, c.get('user')!));
  });

  app.patch('/api/me', async (c) => {
    const actor = requireActor(c);
    const { name } = await jsonBody(c, updateProfileBody);
    const { db } = c.get('deps');
    const user = await setUserName(db, actor.userId, name);
    if (!user) throw unauthenticated('账号不存在，请重新登录', 'invalid_token');
    return ok(c, await presentProfile(db, user));
  });

  /** 绑定手机号 with WeChat's getPhoneNumber button: the phone WeChat verified is claimed (claim-phone.ts). */
  app.post('/api/me/phone/wechat', async (c) => {
    const actor = requireActor(c);
    const { code } = await jsonBody(c, wechatPhoneBody);
    const deps = c.get('deps');
    const verified = await deps.wechatLogin.getPhoneNumber(code);
    if (verified.countryCode && verified.countryCode !== '86') throw invalid('暂只支持中国大陆手机号', 'phone_not_mainland');
    const { user, token } = await claimVerifiedPhone(deps, actor.userId, verified.purePhoneNumber);
    const t = deps.now();
    await appendAudit(deps.db, { _id: newId('ev', t.getTime()), at: t, actorId: actor.userId, action: 'user.phone.bind', target: { collection: 'users', id: user._id }, requestId: c.get('requestId'), ip: c.get('ip'), reason: user._id === actor.userId ? undefined : `merged ${actor.userId} into ${user._id}` });
    return ok(c, { token, user: presentUser(user) } satisfies AuthResult);
  });
}
