import { forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { DangerLevel } from '@cityloop/shared/dangerous-works/classify-dangerous-work';
import { SCHEME_ACTION_LABELS, SCHEME_MACHINE, type SchemeAction, type SchemeActor, type SchemeContext, type SchemeState } from '@cityloop/shared/dangerous-works/scheme.machine';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { runCommand, type StateStep } from '../../platform/command/run-command';
import { requireOwnEvidence } from '../evidence/public';
import { DW_SCHEMES, type DwProject, type Scheme } from './schemereview.collections';
import { findDwProject, setProjectItems } from './project.repository';
import { findScheme, insertScheme, schemeRepository, setSchemeFields } from './scheme.repository';
import { projectPeople, reviewMessages } from './review-messages';

type Ctx = { requestId?: string; ip?: string };
const STALE = '方案已更新，请刷新后再操作';
const schemeId = (projectId: string, itemId: string) => `sc_${projectId}_${itemId}`.slice(0, 64);

/** Gives every 危大 item of a project its scheme record (idempotent: the id is derived from project and item). */
export async function ensureSchemes(deps: Deps, p: DwProject, actorId: string | null): Promise<DwProject> {
  const missing = p.items.filter((i) => i.specialSchemeRequired && !i.schemeId);
  if (!missing.length) return p;
  const at = deps.now();
  for (const item of missing) {
    const id = schemeId(p._id, item.id);
    if (await findScheme(deps.db, id)) continue;
    const event: DomainEvent = { id: newId('ev', at.getTime()), action: 'scheme.create', at, actorId, to: 'drafting', data: { item: item.name, level: item.level } };
    const doc: Scheme = {
      ...createdAggregate(DW_SCHEMES, id, event, [], { scope: p.scope }),
      projectId: p._id, itemId: item.id, itemName: item.name, category: item.category, level: item.level,
      state: 'drafting', versions: [], revisionToInform: false, reviewIds: [],
      scope: { cityId: p.scope.cityId, townId: p.scope.townId, projectId: p._id }, createdAt: at, updatedAt: at,
    };
    await insertScheme(deps.db, doc).catch((e) => { if ((e as { code?: number }).code !== 11000) throw e; });
  }
  const items = p.items.map((i) => (i.specialSchemeRequired && !i.schemeId ? { ...i, schemeId: schemeId(p._id, i.id) } : i));
  await setProjectItems(deps.db, p, items);
  return (await findDwProject(deps.db, p._id))!;
}

const contextOf = (s: Scheme, by: SchemeActor, extra: Partial<SchemeContext> = {}): SchemeContext => {
  const cur = s.versions.at(-1);
  return {
    by,
    documentsComplete: !!(cur && cur.scheme && cur.calculations && cur.drawings),
    superScale: s.level === '超规模危大',
    revisionToInform: s.revisionToInform,
    ...extra,
  };
};
const step = (extra: Partial<SchemeContext> = {}): StateStep<Scheme, SchemeState, SchemeAction, SchemeActor, SchemeContext> => ({
  machine: SCHEME_MACHINE,
  stateOf: (s) => s.state,
  stateField: 'state',
  context: (s, by) => contextOf(s, by, extra),
});

/** Who acts on a scheme: its project's contractor or supervisor (the machine then checks the action is theirs). */
const authorizeParty = (actor: NonNullable<Actor>, action: string) => (s: Scheme): SchemeActor => {
  if (!can(actor, 'dw.read', { kind: 'scheme', scope: s.scope }).allow) throw notFound('方案不存在');
  if (can(actor, action, { kind: 'scheme', scope: s.scope }).allow) return action === 'scheme.approve' ? 'supervisor' : 'contractor';
  throw forbidden(`无权执行“${SCHEME_ACTION_LABELS[action === 'scheme.approve' ? 'approve' : 'sign']}”`, 'scheme_action_forbidden');
};

/** The contractor uploads a version: scheme, calculations and drawings (PDF, content addressed, their own uploads). */
export async function uploadScheme(deps: Deps, actor: NonNullable<Actor>, id: string, b: { scheme: string; calculations: string; drawings: string; note: string; version: number }, ctx: Ctx) {
  return runCommand(deps, {
    repo: schemeRepository, id, eventAction: 'scheme.upload', action: 'upload', actor, version: b.version, ctx,
    notFoundMessage: '方案不存在', staleMessage: STALE,
    authorize: authorizeParty(actor, 'scheme.upload'),
    step: step(),
    precheck: () => requireOwnEvidence(deps.db, actor.userId, [b.scheme, b.calculations, b.drawings]),
    apply: ({ agg, at }) => {
      const no = (agg.versions.at(-1)?.no ?? 0) + 1;
      const v = { no, scheme: b.scheme, calculations: b.calculations, drawings: b.drawings, note: b.note, uploadedAt: at, uploadedBy: actor.userId };
      return { set: { versions: [...agg.versions, v], updatedAt: at }, event: { evidence: [b.scheme, b.calculations, b.drawings], data: { versionNo: no } } };
    },
  });
}

/**
 * 技术负责人签字 (contractor), 总监审查 or 退回 (supervisor) — 37号令 art. 11. The supervisor is told when a
 * version is signed; the contractor when it is approved or returned (with the note).
 */
export async function schemeAction(deps: Deps, actor: NonNullable<Actor>, id: string, action: 'sign' | 'approve' | 'return', b: { note: string; version: number }, ctx: Ctx) {
  const permission = action === 'sign' ? 'scheme.sign' : 'scheme.approve';
  return runCommand(deps, {
    repo: schemeRepository, id, eventAction: `scheme.${action}`, action, actor, version: b.version, ctx,
    notFoundMessage: '方案不存在', staleMessage: STALE,
    authorize: authorizeParty(actor, permission),
    step: step({ note: b.note }),
    apply: async ({ agg, at, eventId }) => {
      const no = agg.versions.at(-1)!.no;
      const to = action === 'sign' ? await projectPeople(deps.db, agg.projectId, ['supervisor']) : await projectPeople(deps.db, agg.projectId, ['contractor']);
      const title = action === 'sign' ? '专项施工方案待总监审查' : action === 'approve' ? '专项施工方案已通过总监审查' : '专项施工方案被总监退回';
      const messages = reviewMessages(eventId, to, at, { title, body: `${agg.itemName} 第 ${no} 版${b.note ? `：${b.note}` : ''}`, page: `packages/review/pages/reviews/index` });
      const set = action === 'sign' ? { signedVersion: no } : action === 'approve' ? { approvedVersion: no } : {};
      return { set: { ...set, updatedAt: at }, messages, event: { ...(b.note ? { reason: b.note } : {}), data: { versionNo: no } } };
    },
  });
}

/** A system step of the scheme (the review's conclusion, an art. 16 change), run by the review and project commands. */
export async function systemSchemeAction(deps: Deps, id: string, action: 'review_pass' | 'review_revise' | 'review_fail' | 'reopen', set: Record<string, unknown>, reason: string) {
  return runCommand(deps, {
    repo: schemeRepository, id, eventAction: `scheme.${action}`, action, actor: null, version: 'none', ctx: {},
    notFoundMessage: '方案不存在', staleMessage: STALE,
    authorize: () => 'system' as const,
    step: step(),
    apply: ({ at }) => ({ set: { ...set, updatedAt: at }, event: { reason } }),
  });
}

/** 37号令 art. 16: the item changed — its scheme is drafted, signed (and, 超规模, reviewed) again; a draft stays a draft. */
export async function reopenScheme(deps: Deps, id: string, level: DangerLevel, reason: string): Promise<void> {
  const s = await findScheme(deps.db, id);
  if (!s) return;
  const set = { level, revisionToInform: false };
  if (s.state === 'drafting') {
    await setSchemeFields(deps.db, s, set);
    return;
  }
  await systemSchemeAction(deps, id, 'reopen', set, reason);
}

/** The contractor tells the experts what was revised (修改后通过, after the art. 11 sign-offs again): the scheme may be implemented. */
export async function informExpertsOnScheme(deps: Deps, actor: NonNullable<Actor>, id: string, note: string) {
  return runCommand(deps, {
    repo: schemeRepository, id, eventAction: 'scheme.inform_experts', action: 'inform_experts', actor, version: 'none', ctx: {},
    notFoundMessage: '方案不存在', staleMessage: STALE,
    authorize: authorizeParty(actor, 'review.inform'),
    step: step(),
    apply: ({ at }) => ({ set: { revisionToInform: false, updatedAt: at }, event: { reason: note } }),
  });
}
