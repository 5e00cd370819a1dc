import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { CASE_ACTION_LABELS, CASE_STATE_LABELS } from '@cityloop/shared/city/case.labels';
import { remindedOnDay } from '@cityloop/shared/city/case.machine';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { publicPoint } from '@cityloop/shared/city/geo';
import { requireActor } from '../../platform/auth/authenticate';
import { CASES, SYSTEM_REPORTER, type CityCase } from './case.collection';
import { findCase, listCases, listCasesOf, OPEN_STATES } from './case.repository';
import { caseNames, type Names } from './names';
import { createCase } from './create-case';
import { CASE_STEP_LABELS } from '@cityloop/shared/city/step-sla';
import { actOnCase, casePolicies } from './act-on-case';
import { caseActionRequest, caseListQuery, newCaseRequest } from '@cityloop/shared/city/case.contract';

/** `now` is the request's clock (`deps.now()`): whether the case is overdue is judged against it. */
/**
 * `evidence`: the reporter's photos and exact position (policy `case.read_evidence`); without it — a follower —
 * the case reads without them: no photos, the position rounded to ~100 m.
 */
export const presentCase = (c: CityCase, now: Date, detail = false, names?: Names, evidence = false) => ({
  id: c._id,
  version: c.version,
  kind: c.kind,
  classCode: c.classCode,
  className: c.className,
  description: c.description,
  facilityId: c.facilityId,
  facilityName: c.facilityName,
  placeName: c.placeName ?? null,
  state: c.state,
  stateLabel: CASE_STATE_LABELS[c.state],
  urgent: c.urgent,
  deadline: c.deadline?.toISOString() ?? null,
  overdue: !!c.deadline && !c.closedAt && c.deadline.getTime() < now.getTime(),
  // the step the case waits for and its deadline (受理, 派遣, 处置, 核查)
  stepDue: c.stepDue ? { step: c.stepDue.step, label: CASE_STEP_LABELS[c.stepDue.step], at: c.stepDue.at.toISOString(), overdue: c.stepDue.at.getTime() < now.getTime() } : null,
  createdAt: c.createdAt.toISOString(),
  closedAt: c.closedAt?.toISOString() ?? null,
  rating: c.rating ?? null,
  remindedAt: c.remindedAt?.toISOString() ?? null,
  // on the server's clock, which decides whether 催办 may be sent again (once per Beijing day)
  remindedToday: remindedOnDay(c.remindedAt, now),
  followers: c.followers.length,
  townId: c.scope.townId,
  gridId: c.scope.gridId,
  unitId: c.scope.orgIds?.[0] ?? null,
  // the names behind the ids (an id without a name in regions / orgs stays the id)
  townName: names?.region(c.scope.townId) ?? c.scope.townId ?? null,
  gridName: names?.region(c.scope.gridId) ?? c.scope.gridId ?? null,
  unitName: names?.org(c.scope.orgIds?.[0]) ?? c.scope.orgIds?.[0] ?? null,
  queue: c.routing.queue,
  supervision: c.supervision ? { note: c.supervision.note, dueAt: c.supervision.dueAt.toISOString(), at: c.supervision.at.toISOString(), overdue: !c.closedAt && c.supervision.dueAt.getTime() < now.getTime() } : null,
  ...(detail
    ? {
        photos: evidence ? c.photos : [],
        location: c.location && (evidence ? c.location : publicPoint(c.location)),
        routingMissing: c.routing.missing,
        reworkCount: c.reworkCount,
        extensionPending: c.extensionPending ? { hours: c.extensionPending.hours, reason: c.extensionPending.reason } : null,
        // the reporter's identity is never shown to staff or followers: only who acted on the case
        timeline: c.history.map((e) => ({ id: e.id, action: e.action, label: CASE_ACTION_LABELS[e.action.replace('case.', '') as keyof typeof CASE_ACTION_LABELS] ?? ({ 'case.create': c.reporterId === SYSTEM_REPORTER ? '门前三包转执法' : '市民上报', 'case.escalate': '超期督办', 'case.shop_fix': '商户整改反馈' } as Record<string, string>)[e.action] ?? e.action, at: e.at.toISOString(), role: e.role, from: e.from, to: e.to, toLabel: e.to ? CASE_STATE_LABELS[e.to as keyof typeof CASE_STATE_LABELS] : undefined, note: e.action === 'case.create' ? undefined : e.reason, photos: (e.action === 'case.create' || e.action === 'case.supplement') && !evidence ? [] : (e.evidence ?? []), data: e.data })),
      }
    : {}),
});

export function casesRoutes(app: Hono<AppEnv>) {
  /** 上报: a signed-in citizen (or staff) reports a problem, from a scanned facility or a location. */
  app.post('/api/cases', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, newCaseRequest);
    const r = await createCase(c.get('deps'), actor.userId, body, { requestId: c.get('requestId'), ip: c.get('ip') });
    if (!r.followed) touched(c, CASES, r.case._id);
    return ok(c, { ...presentCase(r.case, c.get('deps').now(), false, await caseNames(c.get('deps').db, [r.case])), followed: r.followed }, { status: r.followed ? 200 : 201 });
  });

  /** The caller's own reports and the ones they follow. */
  app.get('/api/cases/mine', async (c) => {
    const actor = requireActor(c);
    const rows = await listCasesOf(c.get('deps').db, actor.userId);
    const names = await caseNames(c.get('deps').db, rows);
    const now = c.get('deps').now();
    return ok(c, rows.map((x) => ({ ...presentCase(x, now, false, names), following: x.reporterId !== actor.userId })));
  });

  /** Work queues (area chief, unit, patroller, regulator): the cases the caller may read, filtered. */
  app.get('/api/cases', async (c) => {
    const actor = requireActor(c);
    const q = query(c, caseListQuery);
    const filter = scopeFilter(actor, 'case.read');
    if (!filter) return ok(c, []);
    const state = q.state === 'open' ? { state: { $in: [...OPEN_STATES] } } : q.state === 'all' ? {} : { state: q.state };
    const rows = await listCases(c.get('deps').db, { ...filter, ...state }, q.limit);
    const names = await caseNames(c.get('deps').db, rows);
    const now = c.get('deps').now();
    return ok(c, rows.map((x) => presentCase(x, now, false, names)));
  });

  app.get('/api/cases/:id', async (c) => {
    const actor = requireActor(c);
    const x = await findCase(c.get('deps').db, c.req.param('id'));
    const follower = !!x && x.followers.includes(actor.userId);
    if (!x || (!follower && !can(actor, 'case.read', { kind: 'case', scope: x.scope }).allow)) throw notFound('案件不存在');
    const evidence = can(actor, 'case.read_evidence', { kind: 'case', scope: x.scope }).allow;
    return ok(c, presentCase(x, c.get('deps').now(), true, await caseNames(c.get('deps').db, [x]), evidence), { policies: casePolicies(actor, x, c.get('deps').now()) });
  });

  app.post('/api/cases/:id/actions', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, caseActionRequest);
    const x = await actOnCase(c.get('deps'), actor, c.req.param('id'), body, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, CASES, x._id);
    const evidence = can(actor, 'case.read_evidence', { kind: 'case', scope: x.scope }).allow;
    return ok(c, presentCase(x, c.get('deps').now(), true, await caseNames(c.get('deps').db, [x]), evidence), { policies: casePolicies(actor, x, c.get('deps').now()) });
  });
}
