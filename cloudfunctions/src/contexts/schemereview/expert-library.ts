import { conflict, forbidden, invalid, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import { expertAdmission } from '@cityloop/shared/dangerous-works/expert-admission';
import { EXPERT_MACHINE, type ExpertAction, type ExpertActor } from '@cityloop/shared/dangerous-works/expert.machine';
import { ADMISSION_REASON_LABELS, type ExpertState } from '@cityloop/shared/dangerous-works/review.limits';
import type { ExpertApplicationBody } from '@cityloop/shared/dangerous-works/review.contract';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { runCommand, type StateStep } from '../../platform/command/run-command';
import { ensureContact } from '../../platform/auth/users.repository';
import { DW_EXPERTS, type Expert, type IntegrityEntry, type PoolEntry } from './schemereview.collections';
import { cityLibrary, expertRepository, findExpertByUser, insertExpert } from './expert.repository';
import { areaRegulators, reviewMessages } from './review-messages';

type Ctx = { requestId?: string; ip?: string };
const STALE = '专家信息已更新，请刷新后再操作';


/** 31号文 八 by the exact contract: an inadmissible applicant is refused with every reason, and nothing is written. */
export function requireAdmissible(b: { name: string; title: string; years: number; richExperience?: boolean; badCredit?: boolean }) {
  const r = expertAdmission({ title: b.title, years: b.years, richExperience: b.richExperience ?? false, badCredit: b.badCredit ?? false });
  if (!r.admissible) throw invalid(`${b.name} 不符合专家入库条件：${r.reasons.map((x) => ADMISSION_REASON_LABELS[x]).join('；')}`, 'expert_not_admissible', { reasons: r.reasons });
}

/** `expertAdmission` on what an expert's record says now (a bad integrity entry counts as a bad record). */
export const admissionOf = (e: Pick<Expert, 'title' | 'years' | 'richExperience' | 'integrity'>) =>
  expertAdmission({ title: e.title, years: e.years, richExperience: e.richExperience, badCredit: e.integrity.some((x) => x.kind === 'bad') });

/**
 * An application to the city's library: by the person themself (待审核, the regulators are told), or entered by
 * a city regulator keeping the library (入库 at once; the expert's account is found or made by phone).
 */
export async function applyExpert(deps: Deps, actor: NonNullable<Actor>, cityId: string, b: Required<Omit<ExpertApplicationBody, 'employer'>> & { employer: string | null }, ctx: Ctx): Promise<Expert> {
  requireAdmissible(b);
  const { db } = deps;
  const scope = { cityId };
  const keeper = can(actor, 'expert.manage', { kind: 'expert', scope }).allow;
  const at = deps.now();
  const userId = keeper ? await ensureContact(db, { name: b.name, phone: b.phone }, at) : actor.userId;
  if (await findExpertByUser(db, userId)) throw conflict(`${b.name} 已在专家库中`, 'expert_exists');
  const id = newId('ex', at.getTime());
  const state: ExpertState = keeper ? 'active' : 'pending';
  const event: DomainEvent = { id: newId('ev', at.getTime()), action: keeper ? 'expert.admit' : 'expert.apply', at, actorId: actor.userId, role: keeper ? 'regulator' : 'citizen', to: state, data: { title: b.title, years: b.years, specialties: b.specialties } };
  const regulators = keeper ? [] : await areaRegulators(db, cityId);
  const messages = reviewMessages(event.id, regulators, at, { title: '新的专家入库申请', body: `${b.name}（${b.title}，${b.years} 年）`, page: 'packages/review/pages/experts/index' });
  const doc: Expert = {
    ...createdAggregate(DW_EXPERTS, id, event, messages, { ...ctx, scope }),
    name: b.name, userId, title: b.title, years: b.years, richExperience: b.richExperience, specialties: b.specialties, employer: b.employer?.trim() || null,
    state, integrity: [], reviewsSat: 0, scope, createdAt: at, updatedAt: at,
  };
  await insertExpert(db, doc).catch((e) => {
    if ((e as { code?: number }).code === 11000) throw conflict(`${b.name} 已在专家库中`, 'expert_exists');
    throw e;
  });
  return doc;
}

const step = (note: string, outcome?: 'pass' | 'fail'): StateStep<Expert, ExpertState, ExpertAction, ExpertActor, { by: ExpertActor; note?: string; outcome?: 'pass' | 'fail' }> => ({
  machine: EXPERT_MACHINE,
  stateOf: (e) => e.state,
  stateField: 'state',
  context: (_e, by) => ({ by, note, outcome }),
});

const keeperOf = (actor: NonNullable<Actor>) => (e: Expert): ExpertActor => {
  if (!can(actor, 'expert.manage', { kind: 'expert', scope: e.scope }).allow) throw forbidden('只有本市监管部门可以管理专家库', 'forbidden');
  return 'regulator';
};

/** The keeper's decisions: admit, suspend, reinstate, remove, the yearly review (pass = stays). */
export async function expertAction(deps: Deps, actor: NonNullable<Actor>, id: string, b: { action: 'admit' | 'suspend' | 'reinstate' | 'remove' | 'yearly_review'; note: string; pass?: boolean; version: number }, ctx: Ctx) {
  if (b.action === 'yearly_review' && b.pass === undefined) throw invalid('请选择年度考核结果', 'outcome_required');
  return runCommand(deps, {
    repo: expertRepository, id, eventAction: `expert.${b.action}`, action: b.action, actor, version: b.version, ctx,
    notFoundMessage: '专家不存在', staleMessage: STALE,
    authorize: (e) => {
      const who = keeperOf(actor)(e);
      if (b.action === 'admit' && e.state === 'pending') requireAdmissible({ name: e.name, title: e.title, years: e.years, richExperience: e.richExperience, badCredit: e.integrity.some((x) => x.kind === 'bad') });
      return who;
    },
    step: step(b.note, b.action === 'yearly_review' ? (b.pass ? 'pass' : 'fail') : undefined),
    apply: ({ at }) => ({ set: { updatedAt: at, ...(b.action === 'yearly_review' ? { lastYearlyReview: at } : {}) }, event: { reason: b.note } }),
  });
}

/**
 * An integrity entry (attendance, conduct); a bad one suspends an active expert in the same write (31号文 九:
 * a bad record takes an expert out of the draws). `actor` null = the system (a no-show at a meeting).
 */
export async function recordIntegrity(deps: Deps, actor: NonNullable<Actor> | null, id: string, b: { kind: 'good' | 'bad'; note: string; reviewId?: string; version: number | 'none' }, ctx: Ctx) {
  return runCommand(deps, {
    repo: expertRepository, id, eventAction: 'expert.record', action: 'record', actor, version: b.version, ctx,
    notFoundMessage: '专家不存在', staleMessage: STALE,
    authorize: actor ? keeperOf(actor) : () => 'system' as const,
    step: step(b.note),
    apply: ({ agg, at }) => {
      const entry: IntegrityEntry = { at, kind: b.kind, note: b.note, ...(b.reviewId ? { reviewId: b.reviewId } : {}), by: actor?.userId ?? null };
      const suspend = b.kind === 'bad' && agg.state === 'active';
      const sat = b.reviewId && b.kind === 'good' && !actor ? { reviewsSat: agg.reviewsSat + 1 } : {};
      return { set: { integrity: [...agg.integrity, entry], updatedAt: at, ...sat, ...(suspend ? { state: 'suspended' } : {}) }, event: { reason: b.note, data: { kind: b.kind, ...(suspend ? { suspended: true } : {}) } } };
    },
  });
}

/** An expert's employer changes (回避 is judged on the current employer at every draw). */
export async function setEmployer(deps: Deps, actor: NonNullable<Actor>, id: string, employer: string | null, version: number, ctx: Ctx) {
  return runCommand(deps, {
    repo: expertRepository, id, eventAction: 'expert.employer', actor, version, ctx,
    notFoundMessage: '专家不存在', staleMessage: STALE,
    authorize: keeperOf(actor),
    apply: ({ agg, at }) => ({ set: { employer: employer?.trim() || null, updatedAt: at }, event: { data: { from: agg.employer, to: employer } } }),
  });
}

/** The library as `expertDraw` sees it: every expert of the city with id, specialties, employer and status. */
export async function drawPool(deps: Deps, cityId: string): Promise<{ pool: PoolEntry[]; byId: Map<string, Expert> }> {
  const all = await cityLibrary(deps.db, cityId);
  return { pool: all.map((e) => ({ id: e._id, specialties: e.specialties, employer: e.employer, status: e.state })), byId: new Map(all.map((e) => [e._id, e])) };
}

export const requireExpertOfUser = async (deps: Deps, userId: string) => {
  const e = await findExpertByUser(deps.db, userId);
  if (!e) throw notFound('您不在专家库中', 'not_an_expert');
  return e;
};
