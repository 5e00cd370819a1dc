import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import { expertDraw } from '@cityloop/shared/dangerous-works/expert-draw';
import { drawOrder, seedCommitment } from '@cityloop/shared/dangerous-works/review-draw';
import { SCHEME_MACHINE, type SchemeAction, type SchemeActor, type SchemeContext, type SchemeState } from '@cityloop/shared/dangerous-works/scheme.machine';
import { REVIEW_MACHINE, type ReviewAction, type ReviewActor, type ReviewContext, type ReviewState } from '@cityloop/shared/dangerous-works/review.machine';
import { CATEGORY_LABELS, CATEGORY_SPECIALTY, EXPERT_SPECIALTIES, REVIEW_PANEL_SIZE } from '@cityloop/shared/dangerous-works/review.limits';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { runCommand, type StateStep } from '../../platform/command/run-command';
import { DW_REVIEWS, type Review, type Scheme } from './schemereview.collections';
import { findDwProject } from './project.repository';
import { schemeRepository } from './scheme.repository';
import { insertReview, reviewRepository } from './review.repository';
import { areaRegulators, reviewMessages } from './review-messages';
import { freshSeed, sealSeed, unsealSeed } from './seed-vault';
import { drawPool } from './expert-library';
import { inviteMessages, invitationsFor } from './invitations';

type Ctx = { requestId?: string; ip?: string };

export const reviewStep = (extra: Partial<ReviewContext> = {}): StateStep<Review, ReviewState, ReviewAction, ReviewActor, ReviewContext> => ({
  machine: REVIEW_MACHINE,
  stateOf: (r) => r.state,
  stateField: 'state',
  context: (_r, by) => ({ by, ...extra }),
});

const schemeStep: StateStep<Scheme, SchemeState, SchemeAction, SchemeActor, SchemeContext> = {
  machine: SCHEME_MACHINE,
  stateOf: (s) => s.state,
  stateField: 'state',
  context: (s, by) => ({ by, superScale: s.level === '超规模危大', revisionToInform: s.revisionToInform }),
};

/**
 * 申请专家论证 (37号令 art. 12): after the art. 11 sign-offs the contractor applies for a 超规模 scheme's
 * review, giving the meeting's time and venue and the declared conflicts. The review is created with the
 * draw's commitment — sha256 of a fresh secret seed — published before anything is drawn.
 */
export async function applyReview(deps: Deps, actor: NonNullable<Actor>, schemeId: string, b: { meetingAt: string; venue: string; venueLocation: { lng: number; lat: number }; declaredConflicts: string[]; version: number }, ctx: Ctx) {
  let review: Review | null = null;
  const meetingAt = new Date(b.meetingAt);
  await runCommand(deps, {
    repo: schemeRepository, id: schemeId, eventAction: 'scheme.apply_review', action: 'apply_review', actor, version: b.version, ctx,
    notFoundMessage: '方案不存在', staleMessage: '方案已更新，请刷新后再操作',
    authorize: (s) => {
      if (!can(actor, 'dw.read', { kind: 'scheme', scope: s.scope }).allow) throw notFound('方案不存在');
      if (!can(actor, 'review.apply', { kind: 'scheme', scope: s.scope }).allow) throw forbidden('只有施工单位可以申请专家论证', 'scheme_action_forbidden');
      return 'contractor';
    },
    step: schemeStep,
    apply: async ({ agg: s, at, eventId }) => {
      if (meetingAt.getTime() <= at.getTime()) throw invalid('论证会时间应晚于现在', 'meeting_in_past');
      const p = await findDwProject(deps.db, s.projectId);
      if (!p) throw notFound('项目不存在');
      const seed = freshSeed();
      const id = newId('rv', at.getTime());
      const specialty = CATEGORY_SPECIALTY[s.category];
      const commitment = seedCommitment(seed);
      const event: DomainEvent = { id: newId('ev', at.getTime()), action: 'review.apply', at, actorId: actor.userId, role: 'contractor', to: 'committed', data: { commitment, schemeVersion: s.approvedVersion } };
      const regulators = await areaRegulators(deps.db, p.scope.cityId, p.scope.townId);
      const messages = reviewMessages(event.id, regulators, at, { title: '专家论证申请待抽取专家', body: `${p.name} ${s.itemName}（${EXPERT_SPECIALTIES[specialty]}）`, page: `packages/review/pages/review/index?id=${id}` });
      const scope = { ...p.scope, expertUserIds: [] as string[] };
      review = {
        ...createdAggregate(DW_REVIEWS, id, event, messages, { ...ctx, scope }),
        projectId: p._id, projectName: p.name, schemeId: s._id, schemeVersion: s.approvedVersion ?? s.versions.at(-1)!.no, itemId: s.itemId, itemName: s.itemName,
        category: s.category, specialty, state: 'committed', meetingAt, venue: b.venue, venueLocation: b.venueLocation,
        draw: { commitment, seedSealed: sealSeed(deps.config.codeSecret, seed), seed: null, participants: [], declaredConflicts: b.declaredConflicts, pool: [], eligible: [], excluded: {}, order: [] },
        invitations: [], signIns: [], opinions: [], consultations: [],
        ...(p.pitProjectId && s.category === 'excavation' ? { pitProjectId: p.pitProjectId } : {}),
        scope, createdAt: at, updatedAt: at,
      };
      return { set: { reviewIds: [...s.reviewIds, id], updatedAt: at }, event: { data: { reviewId: id, commitment, eventId } } };
    },
    after: async () => {
      await insertReview(deps.db, review!);
    },
  });
  return review!;
}

/** How many more eligible experts a review needs, in words (a draw that cannot convene is refused with it). */
const tooFew = (n: number, specialty: string) => invalid(`符合条件的${EXPERT_SPECIALTIES[specialty]}专家仅 ${n} 名，还差 ${REVIEW_PANEL_SIZE - n} 名，无法组织论证（回避本项目参建单位人员和申报的利害关系人后）`, 'too_few_experts', { eligible: n, missing: REVIEW_PANEL_SIZE - n });

/**
 * 抽取专家: `expertDraw` decides who may sit (active, the item's specialty, 回避 of every participant's
 * employees and of the declared conflicts); the order among them is `drawOrder(seed, review id)`; the first
 * five are invited (SMS + subscription message, reply within 24 h). Fewer than five eligible: refused, naming
 * how many are missing, nothing written.
 */
export async function drawExperts(deps: Deps, actor: NonNullable<Actor> | null, id: string, ctx: Ctx) {
  return runCommand(deps, {
    repo: reviewRepository, id, eventAction: 'review.draw', action: 'draw', actor, version: 'none', ctx,
    notFoundMessage: '论证不存在', staleMessage: '论证已更新，请刷新后再操作',
    authorize: (r) => {
      if (!actor) return 'system';
      if (!can(actor, 'review.draw', { kind: 'review', scope: r.scope }).allow) throw notFound('论证不存在');
      return 'regulator';
    },
    step: reviewStep(),
    apply: async ({ agg: r, at, eventId }) => {
      const p = await findDwProject(deps.db, r.projectId);
      if (!p) throw notFound('项目不存在');
      const participants = [...new Set(p.participants.map((x) => x.org))];
      const { pool, byId } = await drawPool(deps, p.scope.cityId);
      const d = expertDraw({ requiredSpecialty: r.specialty, projectParticipants: participants, pool, minExperts: REVIEW_PANEL_SIZE, declaredConflicts: r.draw.declaredConflicts });
      if (!d.canConvene) throw tooFew(d.eligible.length, r.specialty);
      const order = drawOrder(unsealSeed(deps.config.codeSecret, r.draw.seedSealed), r._id, d.eligible);
      const invitations = invitationsFor(order.slice(0, REVIEW_PANEL_SIZE), byId, at);
      const draw = { ...r.draw, drawnAt: at, participants, pool, eligible: d.eligible, excluded: d.excluded, order };
      return {
        set: { draw, invitations, 'scope.expertUserIds': invitations.map((i) => i.userId), updatedAt: at },
        messages: inviteMessages(eventId, r, invitations, at),
        event: { data: { eligible: d.eligible.length, excluded: Object.keys(d.excluded).length, invited: invitations.length, commitment: r.draw.commitment } },
      };
    },
  });
}

export const categoryLabel = (c: string) => CATEGORY_LABELS[c] ?? c;
