import type { Hono } from 'hono';
import { forbidden } from '@cityloop/shared/errors';
import { holdsRoleFor, scopeFilter } from '@cityloop/shared/policy/can';
import { facilityEditBody, facilityListQuery, facilityRetireBody, type AdminFacility } from '@cityloop/shared/city/city-admin.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { listFacilities } from './facility.repository';
import { editFacility, retireFacility } from './edit-facility';

export function facilityAdminRoutes(app: Hono<AppEnv>) {
  /** 设施管理: the facilities the caller may edit (their city or town), by grid or name. */
  app.get('/api/admin/facilities', async (c) => {
    const actor = requireActor(c);
    if (!holdsRoleFor(actor, 'facility.edit')) throw forbidden('设施管理仅向平台管理员和监管部门开放');
    const q = query(c, facilityListQuery);
    const filter = scopeFilter(actor, 'facility.edit');
    // the city narrows the policy's filter (never replaces it: `{...filter, cityId}` would open another city)
    const rows = filter ? await listFacilities(c.get('deps').db, q.cityId ? { $and: [filter, { 'scope.cityId': q.cityId }] } : filter, { gridId: q.gridId, q: q.q, limit: 200 }) : [];
    return ok(
      c,
      rows.map((f): AdminFacility => ({ id: f._id, name: f.name, classCode: f.classCode, componentId: f.componentId, gridId: f.scope.gridId ?? null, townId: f.scope.townId ?? null, location: f.location, retired: !!f.retired, version: f.version })),
    );
  });

  app.patch('/api/admin/facilities/:id', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, facilityEditBody);
    return ok(c, await editFacility(c.get('deps'), actor, c.req.param('id'), body, { requestId: c.get('requestId'), ip: c.get('ip') }));
  });

  app.post('/api/admin/facilities/:id/retire', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, facilityRetireBody);
    return ok(c, await retireFacility(c.get('deps'), actor, c.req.param('id'), body, { requestId: c.get('requestId'), ip: c.get('ip') }));
  });
}
