import type { Hono } from 'hono';
import { facilityImportRequest } from '@cityloop/shared/city/facility-import.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { importFacilities } from './import-facilities';
import './facility.collection';

export function facilitiesRoutes(app: Hono<AppEnv>) {
  /**
   * 设施导入 (admin): CSV or GeoJSON text → all rows imported, or none with a per-row error list
   * (400 `import_rejected`, `data.errors: [{row, field, message}]`).
   */
  app.post('/api/facilities/import', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, facilityImportRequest);
    const r = await importFacilities(c.get('deps'), actor, body, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, r, { status: 201 });
  });
}
