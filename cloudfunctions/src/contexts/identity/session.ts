import type { Context } from 'hono';
import type { AuthResult } from '@cityloop/shared/identity/identity.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { issueToken } from '../../platform/auth/jwt';
import type { User } from '../../platform/auth/users';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { presentUser } from './present-user';

/** A new session for `user` (the account may have changed: a claimed contact account). */
export async function sessionFor(c: Context<AppEnv>, user: User, action: string): Promise<AuthResult> {
  const { config, db, now } = c.get('deps');
  const at = now();
  await appendAudit(db, { _id: newId('ev'), at, actorId: user._id, action, target: { collection: 'users', id: user._id }, requestId: c.get('requestId'), ip: c.get('ip') });
  return { token: await issueToken(config.jwtSecret, user._id, config.jwtTtlSec, at), user: presentUser(user) };
}
