import type { Hono } from 'hono';
import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { dueTasks, periodOf } from '@cityloop/shared/city/patrol';
import { withinCheckInRadius } from '@cityloop/shared/city/geo';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { verifyCode } from '../../platform/codes/signed-code';
import { createdAggregate } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { FACILITIES, findActiveFacility, type Facility } from '../facilities/facility.collection';
import { createCase } from '../cases/create-case';
import { CASES } from '../cases/case.collection';
import { coverageQuery, patrolCheckRequest, patrolRuleRequest } from '@cityloop/shared/city/patrol.contract';
import { PATROL_CHECKS, PATROL_MISSED, PATROL_RULES, type PatrolCheckDoc, type PatrolRuleDoc } from './patrol.collections';


export function patrolRoutes(app: Hono<AppEnv>) {
  /** An area chief sets a rule for facilities (or whole grids) of their grid, and assigns patrollers. */
  app.post('/api/patrol/rules', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, patrolRuleRequest);
    const { db, now } = c.get('deps');
    const grid = await db.collection<{ _id: string; parentId: string }>('regions').findOne({ _id: b.gridId, kind: 'grid' } as never);
    if (!grid) throw notFound('网格不存在');
    const scope = { cityId: 'dongguan', townId: grid.parentId, gridId: grid._id };
    if (!can(actor, 'patrol.manage', { kind: 'patrol', scope }).allow) throw forbidden('只有该网格的片长可以设置巡查规则');
    const facilities = b.wholeGrid
      ? (await db.collection<Facility>(FACILITIES).find({ 'scope.gridId': grid._id }, { projection: { _id: 1 } }).toArray()).map((f) => f._id)
      : b.facilityIds;
    if (!facilities.length) throw invalid('请选择设施或整个网格', 'facilities_required');
    const inGrid = await db.collection<Facility>(FACILITIES).countDocuments({ _id: { $in: facilities }, 'scope.gridId': grid._id });
    if (inGrid !== new Set(facilities).size) throw invalid('有设施不在该网格内', 'facility_outside_grid');
    const patrollers = await db.collection('users').countDocuments({ _id: { $in: b.patrollerIds } as never, roleKeys: `patroller:grid:${grid._id}` });
    if (patrollers !== new Set(b.patrollerIds).size) throw invalid('巡查人员须为该网格的巡查员（含第三方）', 'patroller_not_in_grid');
    const t = now();
    const id = newId('pr');
    const event = { id: newId('ev'), action: 'patrol.rule_create', at: t, actorId: actor.userId, role: 'areaChief' };
    const doc: PatrolRuleDoc = { ...createdAggregate(PATROL_RULES, id, event, [], { requestId: c.get('requestId'), ip: c.get('ip'), scope }), name: b.name, facilityIds: facilities, gridIds: b.wholeGrid ? [grid._id] : [], per: b.per, times: b.times, window: b.window, patrollerIds: b.patrollerIds, active: true, source: 'manual', scope, createdBy: actor.userId, createdAt: t };
    await db.collection<PatrolRuleDoc>(PATROL_RULES).insertOne(doc);
    touched(c, PATROL_RULES, id);
    return ok(c, { id, facilities: facilities.length }, { status: 201 });
  });

  /** The patroller's day list: what is due now, with facility names and locations. */
  app.get('/api/patrol/today', async (c) => {
    const actor = requireActor(c);
    const { db, now } = c.get('deps');
    const rules = await db.collection<PatrolRuleDoc>(PATROL_RULES).find({ patrollerIds: actor.userId, active: true }).toArray();
    const monthStart = periodOf('month', now()).start;
    const checks = await db.collection<PatrolCheckDoc>(PATROL_CHECKS).find({ patrollerId: actor.userId, at: { $gte: new Date(Math.min(monthStart.getTime(), now().getTime() - 7 * 86_400_000)) } }).toArray();
    const due = dueTasks(rules.map((r) => ({ ...r, id: r._id })), checks, actor.userId, now());
    const ids = [...new Set(due.map((d) => d.facilityId))];
    const targets = [
      ...(await db.collection<Facility>(FACILITIES).find({ _id: { $in: ids.filter((i) => !i.startsWith('pq_')) } }, { projection: { name: 1, location: 1 } }).toArray()),
      // shops on a plaque-grade rule
      ...(await db.collection<Pick<Facility, '_id' | 'name' | 'location'>>('shops').find({ _id: { $in: ids.filter((i) => i.startsWith('pq_')) } }, { projection: { name: 1, location: 1 } }).toArray()),
    ];
    const names = new Map(targets.map((f) => [f._id, f]));
    return ok(c, due.map((d) => ({ ...d, periodStart: d.periodStart.toISOString(), periodEnd: d.periodEnd.toISOString(), facilityName: names.get(d.facilityId)?.name, location: names.get(d.facilityId)?.location })));
  });

  /** Scan on site: the code must be genuine and the patroller within reach (default 50 m, accuracy considered). */
  app.post('/api/patrol/checks', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, patrolCheckRequest);
    const deps = c.get('deps');
    const { id, prefix } = verifyCode(deps.config.codeSecret, b.code);
    // a facility's service code, or a shop's responsibility plaque (patrolled by grade)
    const f = prefix === 'pq'
      ? await deps.db.collection<Pick<Facility, '_id' | 'name' | 'location' | 'scope'>>('shops').findOne({ _id: id }, { projection: { name: 1, location: 1, scope: 1 } })
      : await findActiveFacility(deps.db, id);
    if (!f) throw notFound('该码对应的设施已撤销或不存在', 'code_target_not_found');
    if (!can(actor, 'patrol.check', { kind: 'patrol', scope: f.scope }).allow) throw forbidden('该设施不在您负责的巡查网格内');
    const where = withinCheckInRadius(f.location, b.location);
    if (!where.ok) throw invalid(where.reason, where.code === 'imprecise' ? 'location_imprecise' : 'too_far_from_facility', { distanceM: Math.round(where.distance) });
    if (b.condition === 'problem' && (!b.problem || b.photos.length === 0)) throw invalid('发现问题请选择类别、描述问题并拍照', 'problem_details_required');
    const t = deps.now();
    const rule = await deps.db.collection<PatrolRuleDoc>(PATROL_RULES).findOne({ patrollerIds: actor.userId, facilityIds: f._id, active: true });
    let caseId: string | undefined;
    if (b.condition === 'problem') {
      const r = await createCase(deps, actor.userId, { facilityId: prefix === 'fc' ? f._id : undefined, location: prefix === 'fc' ? undefined : b.location, kind: b.problem!.kind, classCode: b.problem!.classCode, description: b.problem!.description, photos: b.photos, source: 'patrol', follow: true }, { requestId: c.get('requestId'), ip: c.get('ip') });
      caseId = r.case._id;
      if (!r.followed) touched(c, CASES, caseId);
    }
    const check: PatrolCheckDoc = { _id: newId('pc'), ruleId: rule?._id, facilityId: f._id, patrollerId: actor.userId, at: t, location: b.location, distanceM: Math.round(where.distance), condition: b.condition, note: b.note, photos: b.photos, caseId, scope: f.scope };
    await deps.db.collection<PatrolCheckDoc>(PATROL_CHECKS).insertOne(check);
    return ok(c, { id: check._id, facility: f.name, distanceM: check.distanceM, condition: check.condition, caseId }, { status: 201 });
  });

  /** Coverage for area chiefs: due / done / missed per patroller and grid over a period. */
  app.get('/api/patrol/coverage', async (c) => {
    const actor = requireActor(c);
    const q = query(c, coverageQuery);
    const filter = scopeFilter(actor, 'patrol.manage');
    if (!filter) throw forbidden('只有片长可以查看巡查覆盖情况');
    const { db, now } = c.get('deps');
    const rules = await db.collection<PatrolRuleDoc>(PATROL_RULES).find({ ...filter, active: true }).toArray();
    const { start } = periodOf(q.per, now());
    const checks = await db.collection<PatrolCheckDoc>(PATROL_CHECKS).find({ facilityId: { $in: rules.flatMap((r) => r.facilityIds) }, at: { $gte: new Date(start.getTime() - 31 * 86_400_000) } }).toArray();
    const rows = new Map<string, { patrollerId: string; gridId: string; due: number; done: number; missed: number }>();
    for (const r of rules) {
      for (const d of dueTasks([{ ...r, id: r._id }], checks, null, now())) {
        for (const p of r.patrollerIds) {
          const key = `${p}|${r.scope.gridId}`;
          const row = rows.get(key) ?? { patrollerId: p, gridId: r.scope.gridId ?? '', due: 0, done: 0, missed: 0 };
          row.due += d.times;
          row.done += Math.min(d.times, checks.filter((x) => x.facilityId === d.facilityId && x.patrollerId === p && x.at >= d.periodStart && x.at < d.periodEnd).length);
          rows.set(key, row);
        }
      }
    }
    const missed = await db.collection<{ patrollerIds: string[]; gridId: string; missed: number }>(PATROL_MISSED).find({ ...filter, periodStart: { $gte: start } }).toArray();
    for (const m of missed) {
      for (const p of m.patrollerIds) {
        const row = rows.get(`${p}|${m.gridId}`);
        if (row) row.missed += m.missed;
      }
    }
    return ok(c, [...rows.values()]);
  });
}
