import type { Hono } from 'hono';
import { forbidden } from '@cityloop/shared/errors';
import { scopeFilter } from '@cityloop/shared/policy/can';
import { MATERIAL_LABELS } from '@cityloop/shared/concrete/concrete.limits';
import { deviceRequest, labRequest, lotRequest, lotTestRequest, mixRequest, openingRequest, plantRequest, projectRequest, qualificationRequest, supplierRequest } from '@cityloop/shared/concrete/concrete.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { LOTS, MIXES, PLANTS, SUPPLIERS, type MaterialLot, type Mix, type Plant, type Supplier } from './concrete.collections';
import { findDocs } from './concrete-docs.repository';
import { addLot, addMix, addSupplier, approveOpening, ownPlant, presentPlant, recordLotTest, registerLab, registerPlant, registerProject, setQualification } from './registry';
import { registerConcreteDevice } from './concrete-devices';
import { ctxOf, rulesOf } from './concrete-access';
import { townsOfCity } from '../cases/public';

const presentLot = (l: MaterialLot) => ({ id: l._id, material: l.material, materialLabel: MATERIAL_LABELS[l.material], lotNo: l.lotNo, supplier: l.supplierName, quantityT: l.quantityT, test: l.test.result, version: l.version });
const presentMix = (m: Mix) => ({ id: m._id, code: m.code, grade: m.grade, lines: m.lines, tolerancesPct: m.tolerancesPct, opened: !!m.opening });

/** Plants, labs, projects (regulators); suppliers, lots, mixes, devices (the plant's own staff, the lab's press). */
export function concreteRegistryRoutes(app: Hono<AppEnv>) {
  /** What the registry forms offer: the city's towns and its qualification conditions (as its rules list them). */
  app.get('/api/concrete/cities/:cityId/registry-options', async (c) => {
    const actor = requireActor(c);
    if (!scopeFilter(actor, 'concrete.read')) throw forbidden('无权查看预拌混凝土登记');
    const deps = c.get('deps');
    const cityId = c.req.param('cityId');
    const [towns, rules] = await Promise.all([townsOfCity(deps.db, cityId), rulesOf(deps, cityId)]);
    return ok(c, { towns: towns.map((t) => ({ id: t._id, name: t.name ?? t._id })), conditions: rules.qualificationConditions });
  });
  app.post('/api/concrete/cities/:cityId/plants', async (c) => {
    const deps = c.get('deps');
    const p = await registerPlant(deps, requireActor(c), c.req.param('cityId'), await jsonBody(c, plantRequest), ctxOf(c));
    return ok(c, await presentPlant(deps, p), { status: 201 });
  });
  app.get('/api/concrete/plants', async (c) => {
    const actor = requireActor(c);
    const f = scopeFilter(actor, 'concrete.read');
    if (!f) throw forbidden('无权查看搅拌站');
    const deps = c.get('deps');
    const rows = await findDocs<Plant>(deps.db, PLANTS, f, { sort: { name: 1 }, limit: 200 });
    return ok(c, await Promise.all(rows.map((p) => presentPlant(deps, p))));
  });
  app.put('/api/concrete/plants/:id/qualification', async (c) => {
    const deps = c.get('deps');
    const p = await setQualification(deps, requireActor(c), c.req.param('id'), await jsonBody(c, qualificationRequest), ctxOf(c));
    return ok(c, await presentPlant(deps, p));
  });
  app.post('/api/concrete/cities/:cityId/labs', async (c) => {
    const l = await registerLab(c.get('deps'), requireActor(c), c.req.param('cityId'), await jsonBody(c, labRequest), ctxOf(c));
    return ok(c, { id: l._id, name: l.name }, { status: 201 });
  });
  app.post('/api/concrete/cities/:cityId/projects', async (c) => {
    const p = await registerProject(c.get('deps'), requireActor(c), c.req.param('cityId'), await jsonBody(c, projectRequest), ctxOf(c));
    return ok(c, { id: p._id, name: p.name }, { status: 201 });
  });
  app.post('/api/concrete/plants/:id/suppliers', async (c) => {
    const s = await addSupplier(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, supplierRequest), ctxOf(c));
    return ok(c, { id: s._id, name: s.name, materials: s.materials }, { status: 201 });
  });
  app.get('/api/concrete/plants/:id/suppliers', async (c) => {
    const deps = c.get('deps');
    await ownPlant(deps, requireActor(c), c.req.param('id'));
    const rows = await findDocs<Supplier>(deps.db, SUPPLIERS, { plantId: c.req.param('id') }, { sort: { name: 1 }, limit: 200 });
    return ok(c, rows.map((s) => ({ id: s._id, name: s.name, materials: s.materials })));
  });
  app.post('/api/concrete/plants/:id/lots', async (c) => {
    const l = await addLot(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, lotRequest), ctxOf(c));
    return ok(c, presentLot(l), { status: 201 });
  });
  app.get('/api/concrete/plants/:id/lots', async (c) => {
    const deps = c.get('deps');
    await ownPlant(deps, requireActor(c), c.req.param('id'));
    return ok(c, (await findDocs<MaterialLot>(deps.db, LOTS, { plantId: c.req.param('id') }, { sort: { createdAt: -1 }, limit: 200 })).map(presentLot));
  });
  app.put('/api/concrete/lots/:id/test', async (c) => {
    const l = await recordLotTest(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, lotTestRequest), ctxOf(c));
    return ok(c, presentLot(l));
  });
  app.post('/api/concrete/plants/:id/mixes', async (c) => {
    const m = await addMix(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, mixRequest), ctxOf(c));
    return ok(c, presentMix(m), { status: 201 });
  });
  app.get('/api/concrete/plants/:id/mixes', async (c) => {
    const deps = c.get('deps');
    await ownPlant(deps, requireActor(c), c.req.param('id'));
    return ok(c, (await findDocs<Mix>(deps.db, MIXES, { plantId: c.req.param('id') }, { sort: { code: 1 } })).map(presentMix));
  });
  app.post('/api/concrete/mixes/:id/opening', async (c) => {
    const m = await approveOpening(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, openingRequest), ctxOf(c));
    return ok(c, presentMix(m));
  });
  /** The device's key is answered once, here. */
  app.post('/api/concrete/plants/:id/devices', async (c) => {
    const d = await registerConcreteDevice(c.get('deps'), requireActor(c), 'batching', c.req.param('id'), await jsonBody(c, deviceRequest), ctxOf(c));
    return ok(c, d, { status: 201 });
  });
  app.post('/api/concrete/labs/:id/devices', async (c) => {
    const d = await registerConcreteDevice(c.get('deps'), requireActor(c), 'press', c.req.param('id'), await jsonBody(c, deviceRequest), ctxOf(c));
    return ok(c, d, { status: 201 });
  });
}
