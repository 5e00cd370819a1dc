import type { Context, Hono } from 'hono';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { scopeFilter, holdsRoleFor } from '@cityloop/shared/policy/can';
import { acceptanceRequest, caseDecisionRequest, eventTextRequest, noticeRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { FIRE_CASES, FIRE_EVENTS } from './firetest.collections';
import { acceptancesOfProject, findCase, findEvent, listCases, listEvents, listForgeries } from './event.repository';
import { findProject, findReport } from './project.repository';
import { closeEvent, noticeEvent, replyEvent } from './event-actions';
import { decideCase, recordAcceptance } from './acceptance';
import { mayReadFire } from './fire-access';
import { presentCase, presentEvent, presentProject, presentReport } from './firetest-present';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip'), touched: c.get('touched') });

/** The regulator's loop: events by severity, drill-down, notice, reply, close; acceptance cross-check; cases. */
export function firetestRegulatorRoutes(app: Hono<AppEnv>) {
  app.get('/api/fire/events', async (c) => {
    const actor = requireActor(c);
    const f = scopeFilter(actor, 'fire.read');
    const state = c.req.query('state');
    const filter = f ? { ...f, ...(state === 'open' ? { state: { $ne: 'closed' } } : state === 'closed' ? { state: 'closed' } : {}) } : null;
    return ok(c, filter ? (await listEvents(c.get('deps').db, filter as never)).map(presentEvent) : []);
  });

  /** Drill-down: the event with its project (records, photos), report, acceptance results. */
  app.get('/api/fire/events/:id', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const e = await findEvent(db, c.req.param('id'));
    if (!e || !mayReadFire(actor, e.scope)) throw notFound('事件不存在');
    const project = e.projectId ? await findProject(db, e.projectId) : null;
    const report = e.reportId ? await findReport(db, e.reportId) : null;
    const fcase = e.caseId ? await findCase(db, e.caseId) : null;
    return ok(c, {
      ...presentEvent(e),
      project: project ? presentProject(project) : null,
      report: report ? presentReport(report) : null,
      case: fcase ? presentCase(fcase) : null,
      acceptances: project ? (await acceptancesOfProject(db, project._id)).map((a) => ({ acceptedAt: a.acceptedAt, items: a.items, conflictingItems: a.conflictingItems })) : [],
      history: e.history.map((h) => ({ action: h.action, at: h.at.toISOString(), role: h.role ?? null, reason: h.reason ?? null })),
    });
  });

  const act = (path: string, run: (c: Context<AppEnv>) => Promise<{ _id: string }>, coll: string, present: (x: never) => unknown) =>
    app.post(path, async (c) => {
      const x = await run(c);
      touched(c, coll, x._id);
      return ok(c, present(x as never));
    });
  act('/api/fire/events/:id/notice', async (c) => noticeEvent(c.get('deps'), requireActor(c), c.req.param('id')!, await jsonBody(c, noticeRequest), ctxOf(c)), FIRE_EVENTS, presentEvent);
  act('/api/fire/events/:id/reply', async (c) => replyEvent(c.get('deps'), requireActor(c), c.req.param('id')!, await jsonBody(c, eventTextRequest), ctxOf(c)), FIRE_EVENTS, presentEvent);
  act('/api/fire/events/:id/close', async (c) => closeEvent(c.get('deps'), requireActor(c), c.req.param('id')!, await jsonBody(c, eventTextRequest), ctxOf(c)), FIRE_EVENTS, presentEvent);
  act('/api/fire/cases/:id/decide', async (c) => decideCase(c.get('deps'), requireActor(c), c.req.param('id')!, await jsonBody(c, caseDecisionRequest), ctxOf(c)), FIRE_CASES, presentCase);

  app.post('/api/fire/acceptances', async (c) => {
    const actor = requireActor(c);
    const r = await recordAcceptance(c.get('deps'), actor, await jsonBody(c, acceptanceRequest), ctxOf(c));
    return ok(c, { conflictingItems: r.acceptance.conflictingItems, suspectedFalseReport: r.acceptance.suspectedFalseReport, case: r.case ? presentCase(r.case) : null }, { status: 201 });
  });

  app.get('/api/fire/cases', async (c) => {
    const actor = requireActor(c);
    const f = scopeFilter(actor, 'fire.supervise');
    return ok(c, f ? (await listCases(c.get('deps').db, f as never)).map(presentCase) : []);
  });

  /** Refused forged inputs (report codes, report numbers, instrument labels), newest first. */
  app.get('/api/fire/forgeries', async (c) => {
    const actor = requireActor(c);
    if (!holdsRoleFor(actor, 'fire.supervise')) throw forbidden('无权查看', 'fire_forbidden');
    return ok(c, (await listForgeries(c.get('deps').db)).map((f) => ({ kind: f.kind, input: f.input, at: f.at.toISOString() })));
  });
}
