import type { Context, Hono } from 'hono';
import { metricsQuery } from '@cityloop/shared/city/case.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { metricsReport } from './metrics-report';
import { metricsFileName, metricsWorkbook } from './metrics-xlsx';
import { shopGrades } from './shop-grades';
import { shopGradesWorkbook } from './shop-grades-xlsx';
import { pitAlarmStats, pitAlarmWorkbook } from './pit-alarm-stats';
import { forbidden } from '@cityloop/shared/errors';

/**
 * The regulators' statistics (issue 17): case metrics over a period with their trend and xlsx export, and the shops
 * by grade. Served by the `trades` function (platform/http/function-routing.ts), where there is room for them.
 */
export function statisticsRoutes(app: Hono<AppEnv>) {
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

  /** 责任户等级总览 for regulators and admins: shops by grade, by town, the worst first (optionally one town). */
  const overview = async (c: Context<AppEnv>) => {
    const r = await shopGrades(c.get('deps'), requireActor(c), c.req.query('townId') || undefined);
    if (!r) throw forbidden('只有监管部门和平台管理员可以查看商户等级总览');
    return r;
  };
  app.get('/api/shop-grades', async (c) => ok(c, await overview(c)));
  /** The same overview as a workbook, dated with the Beijing day it was taken (grades are a current standing). */
  app.get('/api/shop-grades/export', async (c) => {
    const r = await overview(c);
    const day = new Date(c.get('deps').now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    return c.body(new Uint8Array(await shopGradesWorkbook(r, day)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="shop-grades-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`商户等级总览-${day}.xlsx`)}`,
    });
  });

  /** 基坑报警统计 over a period (the same period query as the case metrics), and as an xlsx workbook. */
  const pitStats = async (c: Context<AppEnv>) => {
    const r = await pitAlarmStats(c.get('deps'), requireActor(c), query(c, metricsQuery));
    if (!r) throw forbidden('只有监管部门和平台管理员可以查看基坑报警统计');
    return r;
  };
  app.get('/api/pit-alarm-stats', async (c) => ok(c, await pitStats(c)));
  app.get('/api/pit-alarm-stats/export', async (c) => {
    const r = await pitStats(c);
    const span = r.period.from ? `${r.period.from}至${r.period.to}` : '全部';
    return c.body(new Uint8Array(await pitAlarmWorkbook(r)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="pit-alarms-${r.period.from ?? 'all'}.xlsx"; filename*=UTF-8''${encodeURIComponent(`基坑报警统计-${span}.xlsx`)}`,
    });
  });
}
