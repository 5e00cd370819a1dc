import type { Hono } from 'hono';
import * as z from 'zod';
import { conflict, forbidden } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { allowed } from '@cityloop/shared/platform/state-machine';
import { PATROL_RULE_MACHINE } from '@cityloop/shared/city/patrol-rule.machine';
import { PATROL_PERS, patrolRuleEditRequest, patrolRuleStateRequest, type PatrolDefaults, type PatrolRuleView } from '@cityloop/shared/city/patrol.contract';
import { HHMM } from '@cityloop/shared/city/case.limits';
import { recordVersionSchema } from '@cityloop/shared/platform/request.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { PATROL_DEFAULTS, PATROL_RULES, type PatrolRuleDoc } from './patrol.collections';
import { findPatrolDefaults, listPatrolRules, savePatrolDefaults } from './patrol.repository';
import { editPatrolRule, setPatrolRuleState } from './edit-patrol-rule';
import { cityPatrolDefaults } from './patrol-defaults';

const hhmm = z.string().regex(HHMM, '时间格式应为 HH:MM');
const defaultsBody = z.object({ version: recordVersionSchema.nullable(), per: z.enum(PATROL_PERS), times: z.number().int().min(1).max(24), window: z.object({ start: hhmm, end: hhmm }) });

export function presentRule(r: PatrolRuleDoc, actor: Parameters<typeof can>[0]): PatrolRuleView {
  const state = r.active ? 'active' : 'paused';
  const mine = r.source === 'manual' && can(actor, 'patrol.manage', { kind: 'patrol', scope: r.scope }).allow;
  const now = mine ? allowed(PATROL_RULE_MACHINE, state, { by: 'areaChief' }) : [];
  return {
    id: r._id,
    version: r.version,
    name: r.name,
    gridId: r.scope.gridId ?? '',
    state,
    source: r.source,
    facilityIds: r.facilityIds,
    per: r.per,
    times: r.times,
    window: r.window,
    patrollerIds: r.patrollerIds,
    policies: { edit: now.includes('edit'), pause: now.includes('pause'), resume: now.includes('resume') },
  };
}

/** The area chief's rules: list, edit, pause, resume; the city's defaults for new rules. */
export function patrolRuleRoutes(app: Hono<AppEnv>) {
  app.get('/api/patrol/rules', async (c) => {
    const actor = requireActor(c);
    const filter = scopeFilter(actor, 'patrol.manage');
    if (!filter) throw forbidden('只有片长可以查看巡查规则');
    const rules = await listPatrolRules(c.get('deps').db, filter);
    return ok(c, rules.map((r) => presentRule(r, actor)));
  });

  app.put('/api/patrol/rules/:id', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, patrolRuleEditRequest);
    const r = await editPatrolRule(c.get('deps'), actor, c.req.param('id'), b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PATROL_RULES, r._id);
    return ok(c, presentRule(r, actor));
  });

  for (const action of ['pause', 'resume'] as const) {
    app.post(`/api/patrol/rules/:id/${action}`, async (c) => {
      const actor = requireActor(c);
      const b = await jsonBody(c, patrolRuleStateRequest);
      const r = await setPatrolRuleState(c.get('deps'), actor, c.req.param('id'), action, b.version, { requestId: c.get('requestId'), ip: c.get('ip') });
      touched(c, PATROL_RULES, r._id);
      return ok(c, presentRule(r, actor));
    });
  }

  /** The defaults a new rule starts from in a city (the page prefills them; the create route fills what is left out). */
  app.get('/api/patrol/defaults', async (c) => {
    requireActor(c);
    const { cityId } = query(c, z.object({ cityId: z.string().min(1) }));
    const d = await cityPatrolDefaults(c.get('deps').db, cityId);
    return ok(c, d satisfies PatrolDefaults & { version: number | null });
  });

  /** The city's admin sets its defaults (first write: version null; then the version read). */
  app.put('/api/patrol/defaults/:cityId', async (c) => {
    const actor = requireActor(c);
    const cityId = c.req.param('cityId');
    if (!can(actor, 'patrol.defaults', { kind: 'city', scope: { cityId } }).allow) throw forbidden('只有本市平台管理员可以修改巡查默认值');
    const b = await jsonBody(c, defaultsBody);
    const { db, now } = c.get('deps');
    const t = now();
    const before = await findPatrolDefaults(db, cityId);
    const value = { per: b.per, times: b.times, window: b.window, updatedBy: actor.userId, updatedAt: t };
    const written = before ? b.version === before.version && (await savePatrolDefaults(db, cityId, before.version, value)) : b.version === null && (await savePatrolDefaults(db, cityId, null, value));
    if (!written) throw conflict('默认值已被修改，请刷新后再操作', 'stale_version');
    await appendAudit(db, { _id: newId('au'), at: t, actorId: actor.userId, action: 'patrol.defaults', target: { collection: PATROL_DEFAULTS, id: cityId }, requestId: c.get('requestId'), ip: c.get('ip'), scope: { cityId } });
    return ok(c, await cityPatrolDefaults(db, cityId));
  });
}
