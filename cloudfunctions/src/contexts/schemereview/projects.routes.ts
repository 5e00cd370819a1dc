import type { Context, Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { can, policiesFor, scopeFilter } from '@cityloop/shared/policy/can';
import { addItemRequest, changeItemRequest, registerProjectRequest, schemeActionRequest, uploadSchemeRequest } from '@cityloop/shared/dangerous-works/review.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { DW_SCHEMES } from './schemereview.collections';
import { findDwProject, listDwProjects } from './project.repository';
import { findScheme, schemesOfProject } from './scheme.repository';
import { reviewsOfScheme } from './review.repository';
import { addItem, changeItem, itemNeeds, registerProject } from './register-project';
import { schemeAction, uploadScheme } from './scheme-commands';
import { presentProject, presentScheme } from './review-trail';
import { townsOfCity } from '../cases/public';
import { listProjects } from '../pit/public';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip') });

/** Registration of sub-items (classified by the exact contract) and the scheme workflow (37号令 arts. 10–11, 16). */
export function projectsRoutes(app: Hono<AppEnv>) {
  /** The projects the caller may read (their own as a party; their area as a regulator). */
  app.get('/api/dw-projects', async (c) => {
    const actor = requireActor(c);
    const filter = scopeFilter(actor, 'dw.read');
    if (!filter) return ok(c, []);
    return ok(c, (await listDwProjects(c.get('deps').db, filter)).map(presentProject));
  });

  /** The towns a project may be registered in (the registration form's choices). */
  app.get('/api/dw-projects/towns/:cityId', async (c) => {
    requireActor(c);
    const towns = await townsOfCity(c.get('deps').db, c.req.param('cityId'));
    return ok(c, towns.map((t) => ({ id: t._id, name: t.name ?? t._id })));
  });

  /** The projects of the caller's contractor bindings not registered yet, named where the pit context knows them. */
  app.get('/api/dw-projects/unregistered', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const ids = [...new Set(actor.roles.filter((b) => b.role === 'contractor').flatMap((b) => b.projectIds ?? []))];
    if (!ids.length) return ok(c, []);
    const registered = new Set((await listDwProjects(db, { _id: { $in: ids } })).map((p) => p._id));
    const pending = ids.filter((id) => !registered.has(id));
    const named = new Map((await listProjects(db, { _id: { $in: pending } })).map((p) => [p._id, p.name]));
    return ok(c, pending.map((id) => ({ id, name: named.get(id) ?? null })));
  });

  app.put('/api/dw-projects/:id', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, registerProjectRequest);
    const p = await registerProject(c.get('deps'), actor, c.req.param('id'), b, ctxOf(c));
    return ok(c, presentProject(p), { status: 201 });
  });

  /** One project: its sub-items with their level and what each needs, and its schemes. */
  app.get('/api/dw-projects/:id', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const p = await findDwProject(db, c.req.param('id'));
    if (!p || !can(actor, 'dw.read', { kind: 'dw_project', scope: p.scope }).allow) throw notFound('项目不存在');
    const schemes = await schemesOfProject(db, p._id);
    return ok(
      c,
      { ...presentProject(p), needs: p.items.map((i) => ({ itemId: i.id, needs: itemNeeds(i) })), schemes: schemes.map((s) => ({ id: s._id, itemId: s.itemId, itemName: s.itemName, state: s.state, level: s.level })) },
      { policies: policiesFor(actor, ['dw.register', 'scheme.approve', 'review.trail'], { kind: 'dw_project', scope: p.scope }) },
    );
  });

  app.post('/api/dw-projects/:id/items', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, addItemRequest);
    return ok(c, presentProject(await addItem(c.get('deps'), actor, c.req.param('id'), b, b.version, ctxOf(c))));
  });

  /** 37号令 art. 16: a changed sub-item is classified again and its scheme goes back to drafting. */
  app.post('/api/dw-projects/:id/items/:itemId/change', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, changeItemRequest);
    const r = await changeItem(c.get('deps'), actor, c.req.param('id'), c.req.param('itemId'), b.fields, b.reason, b.version, ctxOf(c));
    return ok(c, { project: presentProject(r.project), from: r.from, to: r.to });
  });

  app.get('/api/dw-schemes/:id', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const s = await findScheme(db, c.req.param('id'));
    if (!s || !can(actor, 'dw.read', { kind: 'scheme', scope: s.scope }).allow) throw notFound('方案不存在');
    const reviews = await reviewsOfScheme(db, s._id);
    return ok(c, { ...presentScheme(s), reviews: reviews.map((r) => ({ id: r._id, state: r.state, conclusion: r.report?.conclusion ?? null, createdAt: r.createdAt.toISOString() })) }, {
      policies: policiesFor(actor, ['scheme.upload', 'scheme.sign', 'scheme.approve', 'review.apply'], { kind: 'scheme', scope: s.scope }),
    });
  });

  app.post('/api/dw-schemes/:id/versions', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, uploadSchemeRequest);
    const s = await uploadScheme(c.get('deps'), actor, c.req.param('id'), b, ctxOf(c));
    return ok(c, presentScheme(s));
  });

  for (const action of ['sign', 'approve', 'return'] as const) {
    app.post(`/api/dw-schemes/:id/${action}`, async (c) => {
      const actor = requireActor(c);
      const b = await jsonBody(c, schemeActionRequest);
      const s = await schemeAction(c.get('deps'), actor, c.req.param('id'), action, b, ctxOf(c));
      touched(c, DW_SCHEMES, s._id);
      return ok(c, presentScheme(s));
    });
  }
}
