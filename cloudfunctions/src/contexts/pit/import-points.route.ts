import type { Hono } from 'hono';
import { pointImportRequest } from '@cityloop/shared/pit/onboard.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { importPoints } from './import-points';

/** 测点导入 lives in the ingest function: a spreadsheet may be larger than the api's 1 MB body limit. */
export function importPointsRoute(app: Hono<AppEnv>) {
  app.post('/api/ingest/pit/projects/:id/points/import', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, pointImportRequest);
    const r = await importPoints(c.get('deps'), actor, c.req.param('id'), body, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, r, { status: 201 });
  });
}
