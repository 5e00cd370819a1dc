import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { verifyCode } from '../../platform/codes/signed-code';
import { system } from '../../platform/system';
import { codeAnswers } from '../../platform/codes/code-answers';

export function codesRoutes(app: Hono<AppEnv>) {
  /** Resolve a scanned code: the signature on every request, then the (cached) answer for its target. Public. */
  app.get('/api/codes/:token', async (c) => {
    const { config, db } = c.get('deps');
    const { id, prefix } = verifyCode(config.codeSecret, c.req.param('token'));
    const resolver = system().codeResolvers.get(prefix);
    const log = c.get('log');
    const resolved = resolver
      ? await codeAnswers.get(id, () => resolver(db, id).catch((e) => { log.warn('code resolve failed', { id, error: (e as Error).message }); throw e; }))
      : null;
    if (!resolved) throw notFound('该码对应的设施已撤销或不存在', 'code_target_not_found');
    return ok(c, resolved);
  });
}
