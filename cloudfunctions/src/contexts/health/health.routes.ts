import type { Hono } from 'hono';
import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import type { Persona, PublicConfig } from '@cityloop/shared/identity/identity.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { personaUsers } from '../../platform/auth/users.repository';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../platform/db/unavailable';
import { listProjects } from '../pit/public';

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
    // a pit party says which project(s) it works on (issue 17: 李建设 is the owner of 元美花园二期…)
    const projectIds = [...new Set(users.flatMap((u) => u.roles.flatMap((b) => b.projectIds ?? [])))];
    const projects = new Map((projectIds.length ? await listProjects(db, { _id: { $in: projectIds } }) : []).map((p) => [p._id, p.name]));
    const personas = users.map((u): Persona => {
      const where = [...new Set(u.roles.flatMap((b) => b.projectIds ?? []))].map((id) => projects.get(id)).filter((n): n is string => !!n);
      return { key: u.persona!, name: u.name, roleLabel: ROLE_LABELS[u.roles[0]?.role ?? 'citizen'], ...(where.length ? { where: where.join('、') } : {}) };
    });
    return ok(c, { devLogin: true, personas } satisfies PublicConfig);
  });
}
