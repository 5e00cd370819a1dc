import type { Hono } from 'hono';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { acceptRequest, commissionRequest, insituActionRequest, pourRequest, receiptRequest, sampleRequest, selfTestRequest, ticketRequest, traceQuery, unticketedRequest } from '@cityloop/shared/concrete/concrete.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { CALERTS, CCASES, CPROJECTS, GROUPS, POURS, TICKETS, type ConcreteAlert, type ConcreteCase, type ConcreteProject, type Pour, type SpecimenGroup, type Ticket } from './concrete.collections';
import { findDoc, findDocs } from './concrete-docs.repository';
import { acceptTicket, issueTicket, postSelfTest, presentTicket, reportUnticketed } from './tickets';
import { commissionLab, receiveGroup, registerPour, sampleGroup } from './sampling';
import { actOnInsitu, presentCase } from './cases';
import { traceChain } from './trace';
import { concreteAnalysis } from './analysis';
import { ctxOf } from './concrete-access';
import { presentAlert, presentGroup, presentPour } from './concrete-views';

/** The truck, the site, the lab and the regulator. */
export function concreteSiteRoutes(app: Hono<AppEnv>) {
  app.post('/api/concrete/plants/:id/tickets', async (c) => {
    const deps = c.get('deps');
    const t = await issueTicket(deps, requireActor(c), c.req.param('id'), await jsonBody(c, ticketRequest), ctxOf(c));
    return ok(c, presentTicket(deps, t), { status: 201 });
  });
  app.get('/api/concrete/tickets/:id', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const t = await findDoc<Ticket>(deps.db, TICKETS, c.req.param('id'));
    if (!t || !can(actor, 'concrete.read', { kind: 'concrete', scope: t.scope }).allow) throw notFound('运输单不存在');
    return ok(c, presentTicket(deps, t), { policies: { accept: can(actor, 'concrete.accept', { kind: 'concrete', scope: t.scope }).allow && t.state === 'issued', selfTest: can(actor, 'concrete.produce', { kind: 'concrete', scope: t.scope }).allow && !t.selfTest } });
  });
  app.get('/api/concrete/projects/:id/tickets', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const p = await findDoc<ConcreteProject>(deps.db, CPROJECTS, c.req.param('id'));
    if (!p || !can(actor, 'concrete.read', { kind: 'concrete', scope: p.scope }).allow) throw notFound('工程项目不存在');
    const rows = await findDocs<Ticket>(deps.db, TICKETS, { projectId: p._id }, { sort: { departAt: -1 }, limit: 100 });
    return ok(c, rows.filter((t) => can(actor, 'concrete.read', { kind: 'concrete', scope: t.scope }).allow).map((t) => presentTicket(deps, t)));
  });
  app.post('/api/concrete/tickets/:id/accept', async (c) => {
    const deps = c.get('deps');
    const t = await acceptTicket(deps, requireActor(c), c.req.param('id'), await jsonBody(c, acceptRequest), ctxOf(c));
    return ok(c, presentTicket(deps, t));
  });
  app.post('/api/concrete/tickets/:id/self-test', async (c) => {
    const deps = c.get('deps');
    const t = await postSelfTest(deps, requireActor(c), c.req.param('id'), await jsonBody(c, selfTestRequest), ctxOf(c));
    return ok(c, presentTicket(deps, t));
  });
  /** The certificate of a delivery: refused while the plant's certificate for it is blocked. */
  app.get('/api/concrete/tickets/:id/certificate', async (c) => {
    const actor = requireActor(c);
    const t = await findDoc<Ticket>(c.get('deps').db, TICKETS, c.req.param('id'));
    if (!t || !can(actor, 'concrete.read', { kind: 'concrete', scope: t.scope }).allow) throw notFound('运输单不存在');
    if (t.certificate.blocked) throw forbidden(`出厂合格证已冻结：${t.certificate.reason}`, 'certificate_blocked');
    return ok(c, { ticketId: t._id, plant: t.plantName, grade: t.grade, volumeM3: t.volumeM3, selfTestMPa: t.selfTest?.strengthMPa ?? null });
  });
  app.post('/api/concrete/projects/:id/unticketed', async (c) => {
    const a = await reportUnticketed(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, unticketedRequest), ctxOf(c));
    touched(c, CALERTS, a._id);
    return ok(c, presentAlert(a), { status: 201 });
  });
  app.post('/api/concrete/projects/:id/commission', async (c) => {
    const p = await commissionLab(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, commissionRequest), ctxOf(c));
    return ok(c, { id: p._id, lab: p.labName });
  });
  app.post('/api/concrete/pours', async (c) => {
    const p = await registerPour(c.get('deps'), requireActor(c), await jsonBody(c, pourRequest), ctxOf(c));
    return ok(c, presentPour(p), { status: 201 });
  });
  app.get('/api/concrete/pours/:id', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const p = await findDoc<Pour>(deps.db, POURS, c.req.param('id'));
    if (!p || !can(actor, 'concrete.read', { kind: 'concrete', scope: p.scope }).allow) throw notFound('浇筑记录不存在');
    const groups = await findDocs<SpecimenGroup>(deps.db, GROUPS, { pourId: p._id });
    return ok(c, { ...presentPour(p), groups: groups.map(presentGroup) });
  });
  app.post('/api/concrete/pours/:id/groups', async (c) => {
    const g = await sampleGroup(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, sampleRequest), ctxOf(c));
    return ok(c, presentGroup(g), { status: 201 });
  });
  app.get('/api/concrete/groups/:id', async (c) => {
    const actor = requireActor(c);
    const g = await findDoc<SpecimenGroup>(c.get('deps').db, GROUPS, c.req.param('id'));
    if (!g || !can(actor, 'concrete.read', { kind: 'concrete', scope: g.scope }).allow) throw notFound('试件组不存在');
    return ok(c, presentGroup(g));
  });
  /** 收样: the lab reads the chips; the body holds chip UIDs only — a strength typed here is refused. */
  app.post('/api/concrete/groups/:id/receipt', async (c) => {
    const g = await receiveGroup(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, receiptRequest), ctxOf(c));
    return ok(c, presentGroup(g));
  });
  app.get('/api/concrete/alerts', async (c) => {
    const f = scopeFilter(requireActor(c), 'concrete.read');
    if (!f) throw forbidden('无权查看混凝土预警');
    return ok(c, (await findDocs<ConcreteAlert>(c.get('deps').db, CALERTS, f, { sort: { at: -1 }, limit: 100 })).map(presentAlert));
  });
  app.get('/api/concrete/cases', async (c) => {
    const f = scopeFilter(requireActor(c), 'concrete.read');
    if (!f) throw forbidden('无权查看');
    return ok(c, (await findDocs<ConcreteCase>(c.get('deps').db, CCASES, f, { sort: { createdAt: -1 }, limit: 100 })).map(presentCase));
  });
  app.post('/api/concrete/cases/:id/actions', async (c) => {
    const x = await actOnInsitu(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, insituActionRequest), ctxOf(c));
    touched(c, CCASES, x._id);
    return ok(c, presentCase(x));
  });
  app.get('/api/concrete/trace', async (c) => ok(c, await traceChain(c.get('deps'), requireActor(c), query(c, traceQuery))));
  app.get('/api/concrete/analysis', async (c) => ok(c, await concreteAnalysis(c.get('deps'), requireActor(c))));
}
