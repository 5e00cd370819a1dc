import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { verifyCode } from '../../platform/codes/signed-code';
import { codeResolvers } from '../../platform/codes/code-resolvers';

export function codesRoutes(app: Hono<AppEnv>) {
  /** Resolve a scanned code: signature first, then whatever the code points at. Public. */
  app.get('/api/codes/:token', async (c) => {
    const { config, db } = c.get('deps');
    const { id, prefix } = verifyCode(config.codeSecret, c.req.param('token'));
    const resolved = await codeResolvers.get(prefix)?.(db, id);
    if (!resolved) throw notFound('该码对应的设施已撤销或不存在', 'code_target_not_found');
    return ok(c, resolved);
  });
}
