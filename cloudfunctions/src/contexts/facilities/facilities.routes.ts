import type { Hono } from 'hono';
import { z } from 'zod';
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
    const body = await jsonBody(
      c,
      z.object({
        format: z.enum(['csv', 'geojson'], { message: '文件格式应为 csv 或 geojson' }),
        text: z.string().min(1, '文件内容为空'),
        cityId: z.string().trim().min(1, '请指定城市').max(60),
        countyCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').optional(),
      }),
    );
    const r = await importFacilities(c.get('deps'), actor, body, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, r, { status: 201 });
  });
}
