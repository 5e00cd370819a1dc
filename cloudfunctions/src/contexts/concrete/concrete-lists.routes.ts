import type { Hono } from 'hono';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { CREDIT_EVENT_LABELS, GROUP_LIST_STATES } from '@cityloop/shared/concrete/concrete.limits';
import type { BatchView, CaseView, InspectionBatchView, PlantDetailView, PourDetailView, PourView, ProjectView } from '@cityloop/shared/concrete/concrete.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { BATCHES, CCASES, CPROJECTS, GROUPS, IBATCHES, PLANTS, POURS, TICKETS, type ConcreteCase, type ConcreteProject, type InspectionBatch, type Plant, type Pour, type ProductionBatch, type SpecimenGroup, type Ticket } from './concrete.collections';
import { docsByIds, findDoc, findDocs } from './concrete-docs.repository';
import { presentPlant, ownPlant } from './registry';
import { presentTicket } from './tickets';
import { presentCase } from './cases';
import { presentGroup, presentPour } from './concrete-views';

const HIDE = { history: 0, outbox: 0, pendingAudit: 0 };
const readable = (actor: NonNullable<Actor>, scope: Record<string, unknown>) => can(actor, 'concrete.read', { kind: 'concrete', scope: scope as never }).allow;
/** The actor's area for `concrete.read`, with more conditions; 403 when they read no concrete at all. */
const area = (actor: NonNullable<Actor>, extra: Record<string, unknown>) => {
  const f = scopeFilter(actor, 'concrete.read');
  if (!f) throw forbidden('无权查看预拌混凝土记录');
  return { $and: [f, extra] };
};
const presentProject = (p: ConcreteProject): ProjectView => ({ id: p._id, name: p.name, lab: p.labName ?? null });

/** The lists the pages need: projects, pours, a plant's batches and credit, tickets, groups, failed batches, a case. */
export function concreteListRoutes(app: Hono<AppEnv>) {
  app.get('/api/concrete/projects', async (c) => {
    const rows = await findDocs<ConcreteProject>(c.get('deps').db, CPROJECTS, area(requireActor(c), {}), { sort: { name: 1 }, limit: 200, projection: HIDE });
    return ok(c, rows.map(presentProject));
  });
  app.get('/api/concrete/projects/:id/pours', async (c) => {
    const deps = c.get('deps');
    const p = await findDoc<ConcreteProject>(deps.db, CPROJECTS, c.req.param('id'));
    if (!p || !readable(requireActor(c), p.scope)) throw notFound('工程项目不存在');
    const rows = await findDocs<Pour>(deps.db, POURS, { projectId: p._id }, { sort: { date: -1 }, limit: 100, projection: HIDE });
    return ok(c, { project: presentProject(p), pours: rows.map(presentPour) } satisfies { project: ProjectView; pours: PourView[] });
  });
  app.get('/api/concrete/pours/:id/detail', async (c) => {
    const deps = c.get('deps');
    const actor = requireActor(c);
    const p = await findDoc<Pour>(deps.db, POURS, c.req.param('id'));
    if (!p || !readable(actor, p.scope)) throw notFound('浇筑记录不存在');
    const groups = await findDocs<SpecimenGroup>(deps.db, GROUPS, { pourId: p._id }, { projection: HIDE });
    const view: PourDetailView = { ...presentPour(p), projectId: p.projectId, groups: groups.map(presentGroup) };
    return ok(c, view, { policies: { sample: can(actor, 'concrete.sample', { kind: 'concrete', scope: p.scope }).allow } });
  });
  /** The plant's own: the projects of its city it may deliver to, its production batches not yet on a ticket. */
  app.get('/api/concrete/plants/:id/projects', async (c) => {
    const deps = c.get('deps');
    const { plant } = await ownPlant(deps, requireActor(c), c.req.param('id'));
    const rows = await findDocs<ConcreteProject>(deps.db, CPROJECTS, { 'scope.cityId': plant.scope.cityId }, { sort: { name: 1 }, limit: 200, projection: HIDE });
    return ok(c, rows.map(presentProject));
  });
  app.get('/api/concrete/plants/:id/batches', async (c) => {
    const deps = c.get('deps');
    const { plant } = await ownPlant(deps, requireActor(c), c.req.param('id'));
    const rows = await findDocs<ProductionBatch>(deps.db, BATCHES, { plantId: plant._id }, { sort: { at: -1 }, limit: 100, projection: { weighed: 0 } });
    const onTickets = new Set((await findDocs<Ticket>(deps.db, TICKETS, { batchIds: { $in: rows.map((b) => b._id) } }, { projection: { batchIds: 1 } })).flatMap((t) => t.batchIds));
    const open = rows.filter((b) => !onTickets.has(b._id));
    return ok(c, open.map((b): BatchView => ({ id: b._id, batchNo: b.batchNo, at: b.at.toISOString(), volumeM3: b.volumeM3, grade: b.grade, mixId: b.mixId, flagged: b.flagged })));
  });
  /** A plant with its qualification and its credit history (the regulator, the plant itself). */
  app.get('/api/concrete/plants/:id', async (c) => {
    const deps = c.get('deps');
    const actor = requireActor(c);
    const p = await findDoc<Plant>(deps.db, PLANTS, c.req.param('id'));
    if (!p || !can(actor, 'concrete.read', { kind: 'concrete', scope: { ...p.scope, public: false } as never }).allow) throw notFound('搅拌站不存在');
    const history = [...p.credit.history].reverse().map((h) => ({ at: h.at.toISOString(), event: h.event, label: CREDIT_EVENT_LABELS[h.event] ?? h.event, delta: h.delta, score: h.score }));
    return ok(c, { ...(await presentPlant(deps, p)), creditHistory: history } satisfies PlantDetailView);
  });
  /** Tickets in the actor's area: `plantId`, `blocked=1` (certificates blocked). */
  app.get('/api/concrete/tickets', async (c) => {
    const deps = c.get('deps');
    const plantId = c.req.query('plantId');
    const extra = { ...(plantId ? { plantId } : {}), ...(c.req.query('blocked') === '1' ? { 'certificate.blocked': true } : {}) };
    const rows = await findDocs<Ticket>(deps.db, TICKETS, area(requireActor(c), extra), { sort: { departAt: -1 }, limit: 100, projection: HIDE });
    return ok(c, rows.map((t) => presentTicket(deps, t)));
  });
  /** Specimen groups in the actor's area (a lab: those of the projects that commissioned it), by state. */
  app.get('/api/concrete/groups', async (c) => {
    const state = c.req.query('state');
    const extra = state && (GROUP_LIST_STATES as readonly string[]).includes(state) ? { state } : {};
    const rows = await findDocs<SpecimenGroup>(c.get('deps').db, GROUPS, area(requireActor(c), extra), { sort: { sampledAt: -1 }, limit: 100, projection: HIDE });
    return ok(c, rows.map(presentGroup));
  });
  /** Inspection batches in the area; `failed=1`: those evaluated 不合格. */
  app.get('/api/concrete/inspection-batches', async (c) => {
    const extra = c.req.query('failed') === '1' ? { passed: false } : {};
    const db = c.get('deps').db;
    const rows = await findDocs<InspectionBatch>(db, IBATCHES, area(requireActor(c), extra), { limit: 100, projection: HIDE });
    const [projects, plants] = await Promise.all([docsByIds<ConcreteProject>(db, CPROJECTS, rows.map((b) => b.projectId), { name: 1 }), docsByIds<Plant>(db, PLANTS, rows.map((b) => b.plantId), { name: 1 })]);
    const nameOf = (list: { _id: string; name: string }[], id: string) => list.find((x) => x._id === id)?.name ?? id;
    return ok(c, rows.map((b): InspectionBatchView => ({ id: b._id, projectId: b.projectId, projectName: nameOf(projects, b.projectId), plantId: b.plantId, plantName: nameOf(plants, b.plantId), grade: b.grade, groups: b.groupIds.length, result: b.evaluation && 'result' in b.evaluation ? String(b.evaluation.result) : null, passed: b.passed ?? null })));
  });
  /** The ticket's signed code as QR modules (rows of 0/1) for the truck's screen; qrcode loads only here. */
  app.get('/api/concrete/tickets/:id/qr', async (c) => {
    const deps = c.get('deps');
    const t = await findDoc<Ticket>(deps.db, TICKETS, c.req.param('id'));
    if (!t || !readable(requireActor(c), t.scope)) throw notFound('运输单不存在');
    const url = presentTicket(deps, t).codeUrl;
    const { qrMatrix } = await import('../../platform/pdf/qr');
    const m = qrMatrix(url, 'M');
    const rows = Array.from({ length: m.size }, (_, r) => Array.from(m.data.subarray(r * m.size, (r + 1) * m.size)).join(''));
    return ok(c, { url, size: m.size, rows });
  });
  app.get('/api/concrete/cases/:id', async (c) => {
    const actor = requireActor(c);
    const x = await findDoc<ConcreteCase>(c.get('deps').db, CCASES, c.req.param('id'));
    if (!x || !readable(actor, x.scope)) throw notFound('案件不存在');
    const may = (rule: string) => can(actor, rule, { kind: 'concrete', scope: x.scope }).allow;
    return ok(c, presentCase(x) satisfies CaseView, { policies: { commission: may('concrete.insitu_commission'), record: may('concrete.insitu_record'), close: may('concrete.case') } });
  });
}
