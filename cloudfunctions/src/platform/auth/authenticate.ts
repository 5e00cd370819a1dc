import type { MiddlewareHandler, Context } from 'hono';
import { unauthenticated } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { AppEnv } from '../http/app-env';
import { verifyToken } from './jwt';
import { findUser } from './users.repository';

/**
 * Reads the Bearer token if present and loads the user; absent token = anonymous actor.
 * A present but bad token is an error (never silently anonymous).
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  if (!header) {
    c.set('actor', null);
    c.set('user', null);
    return next();
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthenticated('登录凭证格式错误', 'invalid_token');
  const { config, db, now } = c.get('deps');
  const userId = await verifyToken(config.jwtSecret, m[1], now());
  const user = await findUser(db, userId);
  if (!user) throw unauthenticated('账号不存在，请重新登录', 'invalid_token');
  // The account gave its WeChat identity to the account holding the phone its owner proved (contexts/identity/claim-phone.ts).
  if (user.mergedInto) throw unauthenticated('账号已合并，请重新登录', 'account_merged');
  c.set('user', user);
  // a binding with an end (a third-party patroller invited until a date) stops acting past it
  const t = now().getTime();
  c.set('actor', { userId: user._id, roles: user.roles.filter((b) => !b.until || Date.parse(b.until) > t) });
  return next();
};

/** The signed-in actor, or 401. */
export function requireActor(c: Context<AppEnv>): NonNullable<Actor> {
  const a = c.get('actor');
  if (!a) throw unauthenticated();
  return a;
}
