import type { Context, Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { scopeFilter } from '@cityloop/shared/policy/can';
import { issueRequest, projectRequest, recordRequest, reportCheckQuery, scanRequest, versionOnly } from '@cityloop/shared/fire-testing/fire.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { signCodeUrl } from '../../platform/codes/signed-code';
import { FIRE_PROJECTS, FIRE_REPORTS } from './firetest.collections';
import { findProject, findReport, listProjects, reportsOfProject } from './project.repository';
import { eventsOfProject } from './event.repository';
import { createProject, startProject } from './create-project';
import { addRecord, scanInstrument } from './on-site';
import { draftReport, issueReport } from './report';
import { checkReportCode, checkReportNumber } from './report-check';
import { mayReadFire } from './fire-access';
import { presenceSpans } from './fire-presence';
import { presentEvent, presentProject, presentReport } from './firetest-present';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip'), touched: c.get('touched') });

/** Test projects, on-site work, reports; and the public report check. */
export function firetestProjectRoutes(app: Hono<AppEnv>) {
  app.post('/api/fire/projects', async (c) => {
    const actor = requireActor(c);
    const p = await createProject(c.get('deps'), actor, await jsonBody(c, projectRequest), ctxOf(c));
    return ok(c, presentProject(p), { status: 201 });
  });

  app.get('/api/fire/projects', async (c) => {
    const actor = requireActor(c);
    const f = scopeFilter(actor, 'fire.read');
    return ok(c, f ? (await listProjects(c.get('deps').db, f)).map(presentProject) : []);
  });

  /** The project with its records, reports, events and who was on site (the regulator's drill-down too). */
  app.get('/api/fire/projects/:id', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const p = await findProject(deps.db, c.req.param('id'));
    if (!p || !mayReadFire(actor, p.scope)) throw notFound('检测项目不存在');
    const spans = await presenceSpans(deps, p);
    const team = [p.team.projectLead, p.team.techLead, ...p.team.operators];
    return ok(c, {
      ...presentProject(p),
      me: team.find((m) => m.userId === actor.userId)?.siteRole ?? null,
      reports: (await reportsOfProject(deps.db, p._id)).map(presentReport),
      events: (await eventsOfProject(deps.db, p._id)).map(presentEvent),
      presence: spans.map((s) => ({ name: team.find((m) => m.userId === s.userId)?.name ?? '未知', role: s.role, from: s.from.toISOString(), to: s.to?.toISOString() ?? null, inGeofence: s.inGeofence, faceMatch: s.faceMatch })),
    });
  });

  app.post('/api/fire/projects/:id/start', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, versionOnly);
    return ok(c, presentProject(await startProject(c.get('deps'), actor, c.req.param('id'), b.version, ctxOf(c))));
  });

  app.post('/api/fire/projects/:id/scans', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, scanRequest);
    return ok(c, presentProject(await scanInstrument(c.get('deps'), actor, c.req.param('id'), b.code, ctxOf(c))));
  });

  app.post('/api/fire/projects/:id/records', async (c) => {
    const actor = requireActor(c);
    const p = await addRecord(c.get('deps'), actor, c.req.param('id'), await jsonBody(c, recordRequest), ctxOf(c));
    return ok(c, presentProject(p), { status: 201 });
  });

  app.post('/api/fire/projects/:id/report', async (c) => {
    const actor = requireActor(c);
    const r = await draftReport(c.get('deps'), actor, c.req.param('id'), ctxOf(c));
    return ok(c, presentReport(r), { status: 201 });
  });

  app.get('/api/fire/reports/:id', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const r = await findReport(deps.db, c.req.param('id'));
    if (!r || !mayReadFire(actor, r.scope)) throw notFound('报告不存在');
    return ok(c, presentReport(r));
  });

  app.post('/api/fire/reports/:id/issue', async (c) => {
    const actor = requireActor(c);
    const r = await issueReport(c.get('deps'), actor, c.req.param('id'), await jsonBody(c, issueRequest), ctxOf(c));
    touched(c, FIRE_REPORTS, r._id);
    touched(c, FIRE_PROJECTS, r.projectId);
    return ok(c, presentReport(r));
  });

  /** The report as PDF, built from the record, with the QR of its signed code. */
  app.get('/api/fire/reports/:id/pdf', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const r = await findReport(deps.db, c.req.param('id'));
    if (!r || !mayReadFire(actor, r.scope)) throw notFound('报告不存在');
    const { renderReportPdf } = await import('./report.pdf');
    const pdf = await renderReportPdf(r, { codeUrl: signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, r._id) });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="fire-report-${r.number}.pdf"` });
  });

  /** Public: the registry's record of a report, by its scanned QR, or by number + printed check code. */
  app.get('/api/fire/report-check', async (c) => {
    const q = query(c, reportCheckQuery);
    return ok(c, await checkReportNumber(c.get('deps'), q.number, q.check, { ip: c.get('ip'), actorId: c.get('actor')?.userId ?? null }));
  });
  app.get('/api/fire/report-check/:token', async (c) => ok(c, await checkReportCode(c.get('deps'), c.req.param('token'), { ip: c.get('ip'), actorId: c.get('actor')?.userId ?? null })));
}
