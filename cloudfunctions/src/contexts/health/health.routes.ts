import type { Hono } from 'hono';
import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import type { Persona, PublicConfig } from '@cityloop/shared/identity/identity.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { personaUsers } from '../../platform/auth/users.repository';

export function healthRoutes(app: Hono<AppEnv>) {
  /** 200 only when the database answers. */
  app.get('/api/health', async (c) => {
    await c.get('deps').db.command({ ping: 1 });
    return ok(c, { status: 'ok' });
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
