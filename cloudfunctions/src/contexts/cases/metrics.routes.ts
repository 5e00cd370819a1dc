import type { Hono } from 'hono';
import { metricsQuery } from '@cityloop/shared/city/case.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { metricsReport } from './metrics-report';
import { metricsFileName, metricsWorkbook } from './metrics-xlsx';

export function metricsRoutes(app: Hono<AppEnv>) {
  /** 结案率, 按期结案率, 返工率, average handling time, satisfaction — definitions in the README; with the trend. */
  app.get('/api/cases-metrics', async (c) => ok(c, await metricsReport(c.get('deps'), requireActor(c), query(c, metricsQuery))));

  /** The same numbers as an Excel workbook (groups, trend, formulas) for the caller to keep or forward. */
  app.get('/api/cases-metrics/export', async (c) => {
    const r = await metricsReport(c.get('deps'), requireActor(c), query(c, metricsQuery));
    const name = metricsFileName(r);
    return c.body(new Uint8Array(await metricsWorkbook(r)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`,
    });
  });
}
