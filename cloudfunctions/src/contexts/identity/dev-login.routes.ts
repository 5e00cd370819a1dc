import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { issueToken } from '../../platform/auth/jwt';
import { findUser, findUserByPersona } from '../../platform/auth/users.repository';
import { devLoginBody } from '@cityloop/shared/identity/identity.contract';
import { presentUser } from './present-user';

/**
 * Persona login for the local demo and end-to-end tests. Mounted only in dev builds (production bundles
 * drop this file) and answers only when CITYLOOP_DEV_LOGIN=1.
 */
export function devLoginRoutes(app: Hono<AppEnv>) {
  app.post('/api/auth/dev-login', async (c) => {
    const { config, db, now } = c.get('deps');
    if (!config.devLogin) throw notFound('接口不存在', 'route_not_found');
    const { persona } = await jsonBody(c, devLoginBody);
    let user = await findUserByPersona(db, persona);
    // a persona who claimed a contact account by its phone continues as that account
    for (let hops = 0; user?.mergedInto && hops < 5; hops++) user = await findUser(db, user.mergedInto);
    if (!user) throw notFound(`演示账号 ${persona} 不存在`, 'persona_not_found');
    const token = await issueToken(config.jwtSecret, user._id, config.jwtTtlSec, now());
    return ok(c, { token, user: presentUser(user) });
  });
}
