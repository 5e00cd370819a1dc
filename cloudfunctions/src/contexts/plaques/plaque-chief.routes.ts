import type { Hono } from 'hono';
import { conflict, forbidden } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { scoreRulesRequest, type ScoreRulesView } from '@cityloop/shared/plaques/score-rules.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { SCORE_RULES } from './plaque.collections';
import { listLiveComplaints } from './complaint.repository';
import { cityScoreRules, saveScoreRules } from './score-rules.repository';

/** The area chief's live complaints, and the city admin's score rules. */
export function plaqueChiefRoutes(app: Hono<AppEnv>) {
  /** Complaints of the chief's grids still with the shop, the citizen or the chief (not yet escalated). */
  app.get('/api/grid-complaints', async (c) => {
    const actor = requireActor(c);
    const filter = scopeFilter(actor, 'complaint.watch');
    if (!filter) throw forbidden('只有片长可以查看网格内的投诉');
    const rows = await listLiveComplaints(c.get('deps').db, filter);
    return ok(c, rows.map((x) => ({ id: x._id, shopId: x.shopId, shopName: x.shopName, classCode: x.classCode, className: x.className, state: x.state, deadline: x.deadline.toISOString(), createdAt: x.createdAt.toISOString(), gridId: x.scope.gridId, fixedAt: x.fix?.at.toISOString() })));
  });

  app.get('/api/plaques/score-rules/:cityId', async (c) => {
    requireActor(c);
    const cityId = c.req.param('cityId');
    return ok(c, { cityId, ...(await cityScoreRules(c.get('deps').db, cityId)) } satisfies ScoreRulesView);
  });

  /** The city's admin sets its score rules (first write: version null; then the version read; 409 when stale). */
  app.put('/api/plaques/score-rules/:cityId', async (c) => {
    const actor = requireActor(c);
    const cityId = c.req.param('cityId');
    if (!can(actor, 'plaque.score_rules', { kind: 'city', scope: { cityId } }).allow) throw forbidden('只有本市平台管理员可以修改评分规则');
    const b = await jsonBody(c, scoreRulesRequest);
    const { db, now } = c.get('deps');
    const t = now();
    const before = await cityScoreRules(db, cityId);
    const value = { deductions: b.deductions, defaultDeduction: b.defaultDeduction, settleAfterHours: b.settleAfterHours, chiefVisitDays: b.chiefVisitDays, updatedBy: actor.userId, updatedAt: t };
    if (b.version !== before.version || !(await saveScoreRules(db, cityId, before.version, value))) throw conflict('评分规则已被修改，请刷新后再操作', 'stale_version');
    await appendAudit(db, { _id: newId('au'), at: t, actorId: actor.userId, action: 'plaque.score_rules', target: { collection: SCORE_RULES, id: cityId }, requestId: c.get('requestId'), ip: c.get('ip'), scope: { cityId } });
    return ok(c, { cityId, ...(await cityScoreRules(db, cityId)) } satisfies ScoreRulesView);
  });
}
