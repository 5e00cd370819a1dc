import type { Hono } from 'hono';
import { can } from '@cityloop/shared/policy/can';
import { notFound } from '@cityloop/shared/errors';
import { verifyCheckinChain } from '@cityloop/shared/checkin/chain';
import { checkinListQuery, type CheckinListView } from '@cityloop/shared/checkin/checkin.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { resolveSite } from './checkin-sites';
import { listCheckins } from './list-checkins';
import { presentCheckin } from './checkin-view';

export function checkinRoutes(app: Hono<AppEnv>) {
  /** A site's check-ins: for the people who have a role at it, and the regulators of its area. */
  app.get('/api/checkins', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const q = query(c, checkinListQuery);
    const site = await resolveSite(deps, q.siteKind, q.siteId, actor);
    const scope = { cityId: site.cityId, townId: site.townId };
    if (!site.role && !can(actor, 'checkin.read', { kind: 'checkin_site', scope }).allow) throw notFound('签到场所不存在', 'site_not_found');
    const records = await listCheckins(deps, q);
    const data: CheckinListView = {
      site: { kind: site.kind, siteId: site.siteId, name: site.name, role: site.role },
      checkins: records.map((r) => ({ ...presentCheckin(r, site.name), userName: r.userName, seq: r.seq })),
      chainIntact: verifyCheckinChain(records) === null,
    };
    return ok(c, data);
  });
}
