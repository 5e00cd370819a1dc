import type { Hono } from 'hono';
import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { dueTasks, inWindow, periodOf } from '@cityloop/shared/city/patrol';
import { withinCheckInRadius } from '@cityloop/shared/city/geo';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { verifyCode } from '../../platform/codes/signed-code';
import { createdAggregate } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { facilityIdsInGrid, facilityPlaces, findActiveFacility } from '../facilities/public';
import { CASES, cityOfTown, createCase, findRegion } from '../cases/public';
import { checkRuleTargets } from './rule-targets';
import { cityPatrolDefaults } from './patrol-defaults';
import { completePatrolTask, openTasksAt } from './patrol.repository';
import { findShopPlace, shopPlaces } from '../plaques/public';
import { PATROL_RULES, type PatrolCheckDoc, type PatrolRuleDoc } from './patrol.collections';
import { activePatrolRules, checksOfFacilities, checksOfPatrollerSince, findPatrollerRuleFor, insertPatrolCheck, insertPatrolRule, missedPatrolsSince, rulesOfPatroller } from './patrol.repository';
import { coverageQuery, patrolCheckRequest, patrolRuleRequest } from '@cityloop/shared/city/patrol.contract';


export function patrolRoutes(app: Hono<AppEnv>) {
  /** An area chief sets a rule for facilities (or whole grids) of their grid, and assigns patrollers. */
  app.post('/api/patrol/rules', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, patrolRuleRequest);
    const { db, now } = c.get('deps');
    const grid = await findRegion(db, b.gridId, 'grid');
    if (!grid) throw notFound('网格不存在');
    // the grid's city: its town's parent (grid → town → city)
    const cityId = grid.parentId ? await cityOfTown(db, grid.parentId) : null;
    if (!cityId) throw notFound('网格所属的镇街不存在');
    const scope = { cityId, townId: grid.parentId as string, gridId: grid._id };
    if (!can(actor, 'patrol.manage', { kind: 'patrol', scope }).allow) throw forbidden('只有该网格的片长可以设置巡查规则');
    const facilities = b.wholeGrid
      ? await facilityIdsInGrid(db, grid._id)
      : b.facilityIds;
    await checkRuleTargets(db, grid._id, facilities, b.patrollerIds);
    // what the page left out comes from the city's defaults (data per city)
    const defaults = await cityPatrolDefaults(db, cityId);
    const t = now();
    const id = newId('pr');
    const event = { id: newId('ev'), action: 'patrol.rule_create', at: t, actorId: actor.userId, role: 'areaChief' };
    const doc: PatrolRuleDoc = { ...createdAggregate(PATROL_RULES, id, event, [], { requestId: c.get('requestId'), ip: c.get('ip'), scope }), name: b.name, facilityIds: facilities, gridIds: b.wholeGrid ? [grid._id] : [], per: b.per ?? defaults.per, times: b.times ?? defaults.times, window: b.window ?? defaults.window, patrollerIds: b.patrollerIds, active: true, source: 'manual', scope, createdBy: actor.userId, createdAt: t };
    await insertPatrolRule(db, doc);
    touched(c, PATROL_RULES, id);
    return ok(c, { id, facilities: facilities.length }, { status: 201 });
  });

  /** The patroller's day list: what is due now, with facility names and locations. */
  app.get('/api/patrol/today', async (c) => {
    const actor = requireActor(c);
    const { db, now } = c.get('deps');
    const rules = await rulesOfPatroller(db, actor.userId);
    const monthStart = periodOf('month', now()).start;
    const checks = await checksOfPatrollerSince(db, actor.userId, new Date(Math.min(monthStart.getTime(), now().getTime() - 7 * 86_400_000)));
    const due = dueTasks(rules.map((r) => ({ ...r, id: r._id })), checks, actor.userId, now());
    const ids = [...new Set(due.map((d) => d.facilityId))];
    const targets = [
      ...(await facilityPlaces(db, ids.filter((i) => !i.startsWith('pq_')))),
      // shops on a plaque-grade rule
      ...(await shopPlaces(db, ids.filter((i) => i.startsWith('pq_')))),
    ];
    const names = new Map(targets.map((f) => [f._id, f]));
    // `kind`: a shop's plaque (责任户) or a facility — the page names each for what it is
    return ok(c, due.map((d) => ({ ...d, kind: d.facilityId.startsWith('pq_') ? 'shop' : 'facility', periodStart: d.periodStart.toISOString(), periodEnd: d.periodEnd.toISOString(), facilityName: names.get(d.facilityId)?.name, location: names.get(d.facilityId)?.location })));
  });

  /** Scan on site: the code must be genuine and the patroller within reach (default 50 m, accuracy considered). */
  app.post('/api/patrol/checks', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, patrolCheckRequest);
    const deps = c.get('deps');
    const { id, prefix } = verifyCode(deps.config.codeSecret, b.code);
    // a facility's service code, or a shop's responsibility plaque (patrolled by grade)
    const f = prefix === 'pq'
      ? await findShopPlace(deps.db, id)
      : await findActiveFacility(deps.db, id);
    if (!f) throw notFound('该码对应的设施已撤销或不存在', 'code_target_not_found');
    if (!can(actor, 'patrol.check', { kind: 'patrol', scope: f.scope }).allow) throw forbidden('该设施不在您负责的巡查网格内');
    const where = withinCheckInRadius(f.location, b.location);
    if (!where.ok) throw invalid(where.reason, where.code === 'imprecise' ? 'location_imprecise' : 'too_far_from_facility', { distanceM: Math.round(where.distance) });
    if (b.condition === 'problem' && (!b.problem || b.photos.length === 0)) throw invalid('发现问题请选择类别、描述问题并拍照', 'problem_details_required');
    const t = deps.now();
    const rule = await findPatrollerRuleFor(deps.db, actor.userId, f._id);
    let caseId: string | undefined;
    if (b.condition === 'problem') {
      const r = await createCase(deps, actor.userId, { facilityId: prefix === 'fc' ? f._id : undefined, location: prefix === 'fc' ? undefined : b.location, kind: b.problem!.kind, classCode: b.problem!.classCode, description: b.problem!.description, photos: b.photos, source: 'patrol', follow: true }, { requestId: c.get('requestId'), ip: c.get('ip') });
      caseId = r.case._id;
      if (!r.followed) touched(c, CASES, caseId);
    }
    const check: PatrolCheckDoc = { _id: newId('pc'), ruleId: rule?._id, facilityId: f._id, patrollerId: actor.userId, at: t, location: b.location, distanceM: Math.round(where.distance), condition: b.condition, note: b.note, photos: b.photos, caseId, scope: f.scope };
    await insertPatrolCheck(deps.db, check);
    // a visit the actor owed here (片长走访) is done by this check-in
    let visited = 0;
    for (const task of await openTasksAt(deps.db, f._id, actor.userId)) visited += (await completePatrolTask(deps.db, task._id, check._id, t)).modifiedCount;
    // what this check did for the patroller's task here: counted (or outside the rule's hours), done so far this period
    let progress: { per: PatrolRuleDoc['per']; times: number; done: number; counted: boolean; window: PatrolRuleDoc['window'] } | undefined;
    if (rule) {
      const since = periodOf(rule.per, t).start;
      const mine = (await checksOfPatrollerSince(deps.db, actor.userId, since)).filter((x) => x.facilityId === f._id);
      const [task] = dueTasks([{ ...rule, id: rule._id, active: true }], mine, actor.userId, t);
      progress = { per: rule.per, times: rule.times, done: task?.done ?? 0, counted: inWindow(rule, t), window: rule.window };
    }
    return ok(c, { id: check._id, facility: f.name, kind: prefix === 'pq' ? 'shop' : 'facility', distanceM: check.distanceM, condition: check.condition, caseId, visitsDone: visited, progress }, { status: 201 });
  });

  /** Coverage for area chiefs: due / done / missed per patroller and grid over a period. */
  app.get('/api/patrol/coverage', async (c) => {
    const actor = requireActor(c);
    const q = query(c, coverageQuery);
    const filter = scopeFilter(actor, 'patrol.manage');
    if (!filter) throw forbidden('只有片长可以查看巡查覆盖情况');
    const { db, now } = c.get('deps');
    const rules = await activePatrolRules(db, filter);
    const { start } = periodOf(q.per, now());
    const checks = await checksOfFacilities(db, rules.flatMap((r) => r.facilityIds), new Date(start.getTime() - 31 * 86_400_000));
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
    const missed = await missedPatrolsSince(db, filter, start);
    for (const m of missed) {
      for (const p of m.patrollerIds) {
        const row = rows.get(`${p}|${m.gridId}`);
        if (row) row.missed += m.missed;
      }
    }
    return ok(c, [...rows.values()]);
  });
}
