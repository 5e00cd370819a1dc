import type { Hono } from 'hono';
import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import type { Persona, PublicConfig } from '@cityloop/shared/identity/identity.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { personaUsers } from '../../platform/auth/users.repository';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../platform/db/unavailable';

export function healthRoutes(app: Hono<AppEnv>) {
  /** 200 only when the database answers; 503 with the reason while it does not (a load balancer's probe). */
  app.get('/api/health', async (c) => {
    try {
      await c.get('deps').db.command({ ping: 1 });
    } catch (e) {
      c.header('retry-after', '5');
      return c.json({ ok: false, error: 'database_unavailable', message: DATABASE_UNAVAILABLE_MESSAGE, data: { status: 'degraded', database: 'unreachable', reason: (e as Error).message.slice(0, 200) }, requestId: c.get('requestId') }, 503);
    }
    return ok(c, { status: 'ok', database: 'ok' });
  });

  /** What the client needs before login: whether persona login is on, and the personas. */
  app.get('/api/config', async (c) => {
    const { config, db } = c.get('deps');
    if (!config.devLogin) return ok(c, { devLogin: false, personas: [] } satisfies PublicConfig);
    const users = await personaUsers(db);
    const personas = users.map((u): Persona => ({ key: u.persona!, name: u.name, roleLabel: ROLE_LABELS[u.roles[0]?.role ?? 'citizen'] }));
    return ok(c, { devLogin: true, personas } satisfies PublicConfig);
  });
}
