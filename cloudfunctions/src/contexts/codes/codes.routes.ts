import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { verifyCode } from '../../platform/codes/signed-code';
import { codeResolvers, type ResolvedCode } from '../../platform/codes/code-resolvers';

/**
 * What a scan shows changes slowly (a facility, its open problems), and a busy street is scanned by many
 * people at once: each warm instance keeps answers for a few seconds. The signature is checked every time.
 */
const TTL_MS = 3_000;
const MAX_ENTRIES = 20_000;
const cache = new Map<string, { at: number; value: ResolvedCode }>();

export function codesRoutes(app: Hono<AppEnv>) {
  /** Resolve a scanned code: signature first, then whatever the code points at. Public. */
  app.get('/api/codes/:token', async (c) => {
    const { config, db } = c.get('deps');
    const { id, prefix } = verifyCode(config.codeSecret, c.req.param('token'));
    const hit = cache.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return ok(c, hit.value);
    const resolved = await codeResolvers.get(prefix)?.(db, id);
    if (!resolved) throw notFound('该码对应的设施已撤销或不存在', 'code_target_not_found');
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(id, { at: Date.now(), value: resolved });
    return ok(c, resolved);
  });
}
