import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tooLarge, notFound } from '@cityloop/shared/errors';
import type { Deps } from '../deps';
import { newId } from '../ids';
import { authenticate } from '../auth/authenticate';
import { deliverNow } from '../outbox/deliver-now';
import { errorBoundary } from './error-boundary';
import { clientAddress } from './client-address';
import { idempotency } from './idempotency';
import type { AppEnv } from './app-env';

export type Mount = (app: Hono<AppEnv>) => void;

/**
 * The router every function uses, the same in SCF and in the local gateway:
 * request id → body limit → authenticate → route → error boundary; then the outbox the request wrote is
 * drained before the response goes out (the `notify` timer catches anything left).
 */
export function createApp(deps: Deps, mounts: Mount[], opts: { bodyLimitBytes: number; tooLargeMessage?: string | ((path: string) => string) }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    // Ours, never the client's: a client-sent x-request-id or a forged X-Forwarded-For does not reach the audit log.
    const trusted = c.env?.trusted;
    const requestId = trusted?.platformRequestId && /^[\w-]{1,64}$/.test(trusted.platformRequestId) ? trusted.platformRequestId : newId('rq');
    const ip = clientAddress(trusted, c.req.header('x-forwarded-for'), deps.config.trustedProxyHops);
    c.set('deps', deps);
    c.set('requestId', requestId);
    c.set('ip', ip);
    c.set('touched', []);
    c.set('log', deps.log.child({ requestId }));
    c.header('x-request-id', requestId); // before the response exists: set afterwards, Hono would copy the response
    await next();
    const touchedAggregates = c.get('touched');
    if (touchedAggregates.length > 0) {
      try {
        await deliverNow(deps, touchedAggregates, { log: c.get('log'), budgetMs: 3000 });
      } catch (e) {
        // The state change is committed; the notify timer will deliver. Never fail the user's request here.
        c.get('log').warn('post-request drain failed', { error: (e as Error).message });
      }
    }
  });
  const tooLargeText = (path: string) => (typeof opts.tooLargeMessage === 'function' ? opts.tooLargeMessage(path) : opts.tooLargeMessage) ?? `提交的内容超过 ${Math.round(opts.bodyLimitBytes / 1024)} KB 上限`;
  app.use('*', bodyLimit({ maxSize: opts.bodyLimitBytes, onError: (c) => { throw tooLarge(tooLargeText(c.req.path)); } }));
  app.use('/api/*', authenticate);
  app.use('/api/*', idempotency);
  for (const mount of mounts) mount(app);
  app.notFound(() => {
    throw notFound('接口不存在', 'route_not_found');
  });
  app.onError(errorBoundary);
  return app;
}
