import type { Context, Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { can, policiesFor } from '@cityloop/shared/policy/can';
import {
  configRequest,
  createProjectRequest,
  editProjectRequest,
  initialProfileRequest,
  lifecycleRequest,
  partiesRequest,
  planRequest,
  registerDeviceRequest,
} from '@cityloop/shared/pit/onboard.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { townsOfCity } from '../cases/public';
import { PIT_DEVICES, PIT_PROJECTS } from './pit.collections';
import { findProject } from './project.repository';
import { createProject } from './create-project';
import { editProjectConfig, editProjectInfo, editProjectPlan } from './setup-project';
import { setProjectParties } from './project-parties';
import { actOnProject } from './project-lifecycle';
import { presentSetup } from './setup-view';
import { registerDevice, revokeDevice, rotateDeviceKey } from './devices';
import { setInitialProfile } from './initial-profile';

const SETUP_POLICIES = ['pit.setup', 'pit.device', 'pit.edit_control'];

/** 基坑项目登记与生命周期 (docs/domain/pit.md §7): the monitoring unit and the town regulator. */
export function pitOnboardRoutes(app: Hono<AppEnv>) {
  const meta = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip') });
  const setupOf = async (c: Context<AppEnv>, id: string, wrote = false) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const p = await findProject(db, id);
    if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
    if (wrote) touched(c, PIT_PROJECTS, p._id); // its messages and audit row are drained before answering
    return ok(c, await presentSetup(db, actor, p), { policies: policiesFor(actor, SETUP_POLICIES, { kind: 'pit', scope: p.scope }) });
  };

  /** The towns where this person may register a pit (the create form's choices). */
  app.get('/api/pit/onboard/towns', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const cities = [...new Set(actor.roles.filter((b) => b.role === 'regulator' || b.role === 'monitor' || b.role === 'admin').map((b) => b.cityId))];
    const out: { cityId: string; townId: string; name: string }[] = [];
    for (const cityId of cities) {
      for (const t of await townsOfCity(db, cityId)) {
        const orgIds = actor.roles.filter((b) => b.role === 'monitor' && b.orgId && b.cityId === cityId).map((b) => b.orgId!);
        const may = can(actor, 'pit.create', { kind: 'pit', scope: { cityId, townId: t._id } }).allow || orgIds.some((o) => can(actor, 'pit.create', { kind: 'pit', scope: { cityId, townId: t._id, orgIds: [o] } }).allow);
        if (may) out.push({ cityId, townId: t._id, name: t.name ?? t._id });
      }
    }
    return ok(c, out);
  });

  app.post('/api/pit/projects', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, createProjectRequest);
    const p = await createProject(c.get('deps'), actor, body as never, meta(c));
    touched(c, PIT_PROJECTS, p._id);
    return ok(c, await presentSetup(c.get('deps').db, actor, p), { status: 201 });
  });

  app.get('/api/pit/projects/:id/setup', (c) => setupOf(c, c.req.param('id')));

  app.put('/api/pit/projects/:id/info', async (c) => {
    const p = await editProjectInfo(c.get('deps'), requireActor(c), c.req.param('id'), (await jsonBody(c, editProjectRequest)) as never, meta(c));
    return setupOf(c, p._id, true);
  });
  app.put('/api/pit/projects/:id/parties', async (c) => {
    const p = await setProjectParties(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, partiesRequest), meta(c));
    return setupOf(c, p._id, true);
  });
  app.put('/api/pit/projects/:id/config', async (c) => {
    const p = await editProjectConfig(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, configRequest), meta(c));
    return setupOf(c, p._id, true);
  });
  app.put('/api/pit/projects/:id/plan', async (c) => {
    const p = await editProjectPlan(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, planRequest), meta(c));
    return setupOf(c, p._id, true);
  });
  /** 开始监测 / 暂停 / 恢复 / 完工（回填）. */
  app.post('/api/pit/projects/:id/lifecycle', async (c) => {
    const p = await actOnProject(c.get('deps'), requireActor(c), c.req.param('id'), (await jsonBody(c, lifecycleRequest)) as never, meta(c));
    return setupOf(c, p._id, true);
  });
  app.put('/api/pit/projects/:id/points/:code/initial-profile', async (c) => {
    const body = await jsonBody(c, initialProfileRequest);
    const pt = await setInitialProfile(c.get('deps'), requireActor(c), c.req.param('id'), c.req.param('code'), body.text, meta(c));
    return ok(c, { code: pt.code, depths: pt.initialProfile?.depths_m.length ?? 0, time: pt.initialProfile?.time ?? null });
  });

  /** Devices: the key is in this answer only. */
  app.post('/api/pit/projects/:id/devices', async (c) => {
    const body = await jsonBody(c, registerDeviceRequest);
    const d = await registerDevice(c.get('deps'), requireActor(c), c.req.param('id'), body, meta(c));
    touched(c, PIT_DEVICES, d.id);
    return ok(c, d, { status: 201 });
  });
  app.post('/api/pit/devices/:id/rotate', async (c) => {
    const d = await rotateDeviceKey(c.get('deps'), requireActor(c), c.req.param('id'), meta(c));
    touched(c, PIT_DEVICES, d.id);
    return ok(c, d);
  });
  app.post('/api/pit/devices/:id/revoke', async (c) => {
    const d = await revokeDevice(c.get('deps'), requireActor(c), c.req.param('id'), meta(c));
    touched(c, PIT_DEVICES, d.id);
    return ok(c, d);
  });
}
