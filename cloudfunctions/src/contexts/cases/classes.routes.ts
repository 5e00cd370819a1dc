import type { Hono } from 'hono';
import { invalid, notFound } from '@cityloop/shared/errors';
import { classListQuery, type ClassTableView } from '@cityloop/shared/city/city-config.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok, query } from '../../platform/http/respond';
import { findActiveFacility } from '../facilities/public';
import { classTableOf } from '../cityconfig/public';
import { citiesWithTowns } from './directory.repository';

/**
 * The report form's class list: the classes of the city the report is in — the scanned facility's city, or the
 * city named (the only one when the deployment serves one). Public reference data, like a facility page.
 */
export function classesRoutes(app: Hono<AppEnv>) {
  app.get('/api/classes', async (c) => {
    const q = query(c, classListQuery);
    const { db } = c.get('deps');
    let cityId = q.cityId ?? null;
    if (q.facilityId) {
      const f = await findActiveFacility(db, q.facilityId);
      if (!f) throw notFound('设施不存在或已撤销', 'facility_not_found');
      cityId = f.scope.cityId;
    }
    if (!cityId) {
      const cities = await citiesWithTowns(db);
      if (cities.length !== 1) throw invalid('请指定城市（cityId）或设施（facilityId）', 'city_required');
      cityId = cities[0]!;
    }
    const t = await classTableOf(db, cityId);
    const view: ClassTableView = {
      cityId,
      version: t.version,
      stored: t.stored,
      updatedAt: t.updatedAt?.toISOString() ?? null,
      majors: t.table.majors.map((m) => ({ kind: m.kind, code: m.code, name: m.name })),
      classes: t.table.classes.map((x) => ({ kind: x.kind, code: x.code, name: x.name, majorCode: x.majorCode, fileCondition: x.fileCondition, closeCondition: x.closeCondition, sla: x.sla })),
    };
    return ok(c, view);
  });
}
