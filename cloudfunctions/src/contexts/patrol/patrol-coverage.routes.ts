import type { Hono } from 'hono';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { dueTasks, periodOf } from '@cityloop/shared/city/patrol';
import { coverageChecksQuery, gridMapQuery, patrollerInvitationRequest, type CoverageCheck, type GridMap, type GridMapFacility, type GridMapStatus } from '@cityloop/shared/city/patrol.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { INVITATIONS } from '../identity/public';
import { requireActor } from '../../platform/auth/authenticate';
import { OPEN_STATES, cityOfTown, findRegion, listCaseSummaries } from '../cases/public';
import { facilitiesOfGrid, facilityPlaces } from '../facilities/public';
import { listLiveComplaints, shopPlaces } from '../plaques/public';
import { activePatrolRules, checksOfFacilities, checksSince, listPatrolTasks, missedPatrolsSince } from './patrol.repository';
import { invitePatroller } from './invite-patroller';

const and = (a: Record<string, unknown>, b: Record<string, unknown>) => ({ $and: [a, b] });

/** Names and places of patrol targets: facilities (`fc_`) and shops on a grade rule (`pq_`). */
async function targetPlaces(db: Parameters<typeof facilityPlaces>[0], ids: string[]) {
  const list = [...(await facilityPlaces(db, ids.filter((i) => !i.startsWith('pq_')))), ...(await shopPlaces(db, ids.filter((i) => i.startsWith('pq_'))))];
  return new Map(list.map((x) => [x._id, x]));
}

/** The area chief's view of the work: check-ins with their evidence, the grid map, visit tasks, and inviting patrollers. */
export function patrolCoverageRoutes(app: Hono<AppEnv>) {
  app.post('/api/patrol/invitations', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, patrollerInvitationRequest);
    const r = await invitePatroller(c.get('deps'), actor, b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, INVITATIONS, r.code); // the SMS leaves within the request
    return ok(c, r, { status: 201 });
  });

  /** Each check-in of the period in the chief's grids: when, how far, how precise, the photos (through /api/blobs). */
  app.get('/api/patrol/coverage/checks', async (c) => {
    const actor = requireActor(c);
    const q = query(c, coverageChecksQuery);
    const filter = scopeFilter(actor, 'patrol.manage');
    if (!filter) throw forbidden('只有片长可以查看巡查覆盖情况');
    const { db, now } = c.get('deps');
    const since = periodOf(q.per, now()).start;
    const rows = await checksSince(db, q.gridId ? and(filter, { 'scope.gridId': q.gridId }) : filter, since);
    const names = await targetPlaces(db, [...new Set(rows.map((r) => r.facilityId))]);
    return ok(
      c,
      rows.map((r): CoverageCheck => ({ id: r._id, at: r.at.toISOString(), patrollerId: r.patrollerId, facilityId: r.facilityId, facilityName: names.get(r.facilityId)?.name, gridId: r.scope.gridId, distanceM: r.distanceM, accuracyM: Math.round(r.location.accuracy), condition: r.condition, photos: r.photos, caseId: r.caseId })),
    );
  });

  /** One grid drawn from our own data: its polygon, every facility (and graded shop) with done / due / missed, live complaints. */
  app.get('/api/patrol/grid-map', async (c) => {
    const actor = requireActor(c);
    const q = query(c, gridMapQuery);
    const { db, now } = c.get('deps');
    const grid = await findRegion(db, q.gridId, 'grid');
    const cityId = grid?.parentId ? await cityOfTown(db, grid.parentId) : null;
    const scope = { cityId: cityId ?? '', townId: grid?.parentId ?? '', gridId: q.gridId };
    if (!grid || !cityId || !can(actor, 'patrol.manage', { kind: 'patrol', scope }).allow) throw notFound('网格不存在或不是您负责的网格', 'grid_not_found');
    const t = now();
    const rules = await activePatrolRules(db, { 'scope.gridId': q.gridId });
    const { start } = periodOf(q.per, t);
    const ruleTargets = [...new Set(rules.flatMap((r) => r.facilityIds))];
    const checks = await checksOfFacilities(db, ruleTargets, new Date(start.getTime() - 31 * 86_400_000));
    const tasks = dueTasks(rules.map((r) => ({ ...r, id: r._id })), checks, null, t);
    const missed = new Set((await missedPatrolsSince(db, { 'scope.gridId': q.gridId }, start)).flatMap((m) => m.facilities));
    const statusOf = (id: string): GridMapStatus | null => {
      if (missed.has(id)) return 'missed';
      const mine = tasks.filter((d) => d.facilityId === id);
      if (!mine.length) return null;
      return mine.some((d) => d.remaining > 0) ? 'due' : 'done';
    };
    const facilities: GridMapFacility[] = (await facilitiesOfGrid(db, q.gridId)).map((f) => ({ id: f._id, name: f.name, classCode: f.classCode, componentId: f.componentId, location: f.location, status: statusOf(f._id) }));
    const shops = await shopPlaces(db, ruleTargets.filter((i) => i.startsWith('pq_')));
    for (const s of shops) facilities.push({ id: s._id, name: s.name, location: s.location, status: statusOf(s._id) });
    const watch = can(actor, 'complaint.watch', { kind: 'complaint', scope }).allow;
    const live = watch ? await listLiveComplaints(db, { 'scope.gridId': q.gridId }) : [];
    const places = new Map((await shopPlaces(db, [...new Set(live.map((x) => x.shopId))])).map((s) => [s._id, s.location]));
    const complaints = live.map((x) => ({ id: x._id, shopName: x.shopName, className: x.className, state: x.state, deadline: x.deadline.toISOString(), location: places.get(x.shopId) ?? x.location ?? grid.polygon?.[0] ?? { lng: 0, lat: 0 } }));
    // the grid's open cases, where the chief may read them (an escalated plaque complaint is one of them)
    const open = can(actor, 'case.read', { kind: 'case', scope }).allow ? await listCaseSummaries(db, { 'scope.gridId': q.gridId, state: { $in: [...OPEN_STATES] } } as never, 200) : [];
    const cases = open.filter((x) => x.location).map((x) => ({ id: x._id, title: x.facilityName ? `${x.facilityName}：${x.className}` : x.className, state: x.state, location: x.location! }));
    return ok(c, { gridId: grid._id, name: grid.name ?? grid._id, polygon: grid.polygon ?? [], facilities, complaints, cases } satisfies GridMap);
  });

  /** The area chief's visit tasks (片长走访) with their deadlines. */
  app.get('/api/patrol/tasks', async (c) => {
    const actor = requireActor(c);
    const filter = scopeFilter(actor, 'patrol.manage');
    if (!filter) throw forbidden('只有片长可以查看走访任务');
    const rows = await listPatrolTasks(c.get('deps').db, filter);
    return ok(c, rows.map((r) => ({ id: r._id, kind: r.kind, targetId: r.targetId, targetName: r.targetName, reason: r.reason, deadline: r.deadline.toISOString(), state: r.state, doneAt: r.doneAt?.toISOString(), gridId: r.scope.gridId })));
  });
}
