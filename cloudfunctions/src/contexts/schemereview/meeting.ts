import { conflict, forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import { reviewOutcome, type ReviewConclusion } from '@cityloop/shared/dangerous-works/review-outcome';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import type { Invitation, Review } from './schemereview.collections';
import { reviewRepository } from './review.repository';
import { findScheme } from './scheme.repository';
import { reviewStep } from './apply-review';
import { meetingPresence, type VenueCheckin } from './meeting-presence';
import { unsealSeed } from './seed-vault';
import { areaRegulators, projectPeople, reviewMessages } from './review-messages';
import { informExpertsOnScheme } from './scheme-commands';
import { followUpReport } from './report-follow-up';
import { requireOwnEvidence } from '../evidence/public';

type Ctx = { requestId?: string; ip?: string };
const STALE = '论证已更新，请刷新后再操作';

/** The acting expert's accepted invitation on this review (404 to anyone else). */
const panelist = (actor: NonNullable<Actor>, r: Review) => {
  if (!can(actor, 'review.expert', { kind: 'review', scope: r.scope }).allow) throw notFound('论证不存在');
  const inv = r.invitations.find((i) => i.userId === actor.userId && i.status === 'accepted');
  if (!inv) throw forbidden('您不是本次论证的专家组成员', 'not_on_panel');
  return inv;
};

/** 专家签到: only an expert checked in at the venue (face + GPS, meeting-presence.ts); the sign-in records that check-in. */
export async function signIn(deps: Deps, actor: NonNullable<Actor>, id: string, ctx: Ctx) {
  let inv: Invitation | undefined;
  let venue: VenueCheckin | undefined;
  return runCommand(deps, {
    repo: reviewRepository, id, eventAction: 'review.sign_in', action: 'sign_in', actor, version: 'none', ctx, notFoundMessage: '论证不存在', staleMessage: STALE,
    authorize: (r) => {
      inv = panelist(actor, r);
      if (r.signIns.some((s) => s.expertId === inv!.expertId)) throw conflict('您已签到', 'already_signed_in');
      return 'expert';
    },
    step: reviewStep(),
    precheck: async (r) => {
      venue = await meetingPresence(deps, r, inv!, deps.now(), '签到');
    },
    apply: ({ agg, at }) => ({
      set: { signIns: [...agg.signIns, { expertId: inv!.expertId, at, ...venue! }], updatedAt: at },
      event: { location: venue!.gps, evidence: [venue!.photo], data: { expertId: inv!.expertId, checkinId: venue!.checkinId, distanceM: venue!.distanceM } },
    }),
  });
}

/** Each expert's opinion and their own conclusion (signed in, and still at the venue); `sign: true` is their signature on the report's conclusion. */
export async function giveOpinion(deps: Deps, actor: NonNullable<Actor>, id: string, b: { text: string; conclusion: ReviewConclusion; sign: boolean }, ctx: Ctx) {
  let inv: Invitation | undefined;
  return runCommand(deps, {
    repo: reviewRepository, id, eventAction: 'review.opinion', action: 'opinion', actor, version: 'none', ctx, notFoundMessage: '论证不存在', staleMessage: STALE,
    authorize: (r) => {
      inv = panelist(actor, r);
      if (!r.signIns.some((s) => s.expertId === inv!.expertId)) throw conflict('请先在论证会现场签到', 'not_signed_in');
      return 'expert';
    },
    step: reviewStep(),
    precheck: async (r) => {
      await meetingPresence(deps, r, inv!, deps.now(), '提交论证意见');
    },
    apply: ({ agg, at }) => {
      const expertId = inv!.expertId;
      return {
        set: { opinions: [...agg.opinions.filter((o) => o.expertId !== expertId), { expertId, text: b.text, conclusion: b.conclusion, signed: b.sign, at }], updatedAt: at },
        event: { data: { expertId, conclusion: b.conclusion, signed: b.sign } },
      };
    },
  });
}

/**
 * 论证报告 (37号令 art. 13): the conclusion, signed by the experts who signed their opinions (all present);
 * `reviewOutcome` must find ≥ 5 signatures and one unanimous conclusion, else nothing is written. The seed is
 * revealed in the same write; the scheme follows the conclusion; the experts' attendance goes into their
 * integrity records (accepted but absent: a bad record, which suspends).
 */
export async function fileReport(deps: Deps, actor: NonNullable<Actor>, id: string, b: { conclusion: ReviewConclusion; summary: string; document?: string; version: number }, ctx: Ctx) {
  let check: ReturnType<typeof reviewOutcome> | undefined;
  const result = await runCommand(deps, {
    repo: reviewRepository, id, eventAction: 'review.report', action: 'report', actor, version: b.version, ctx, notFoundMessage: '论证不存在', staleMessage: STALE,
    authorize: (r) => {
      const me = panelist(actor, r);
      if (!r.signIns.some((s) => s.expertId === me.expertId)) throw conflict('请先在论证会现场签到', 'not_signed_in');
      const present = new Set(r.signIns.map((s) => s.expertId));
      const signers = r.opinions.filter((o) => o.signed && present.has(o.expertId));
      check = reviewOutcome({ conclusion: b.conclusion, expertsSigned: signers.length, votes: signers.map((o) => o.conclusion) });
      return 'expert';
    },
    step: { ...reviewStep(), context: (_r, by) => ({ by, report: check }) },
    precheck: async () => {
      if (b.document) {
        await requireOwnEvidence(deps.db, actor.userId, [b.document]);
      }
    },
    apply: async ({ agg: r, at, eventId }) => {
      const present = new Set(r.signIns.map((s) => s.expertId));
      const signers = r.opinions.filter((o) => o.signed && present.has(o.expertId)).map((o) => o.expertId);
      const nextStep = check!.valid ? check!.nextStep : '';
      const seed = unsealSeed(deps.config.codeSecret, r.draw.seedSealed);
      const parties = await projectPeople(deps.db, r.projectId, ['contractor', 'supervisor', 'owner']);
      const regs = await areaRegulators(deps.db, r.scope.cityId, r.scope.townId);
      const messages = reviewMessages(eventId, [...parties, ...regs], at, { title: `专家论证结论：${b.conclusion}`, body: `${r.itemName}：${nextStep}`, page: `packages/review/pages/review/index?id=${r._id}` });
      return {
        set: { report: { conclusion: b.conclusion, summary: b.summary, ...(b.document ? { document: b.document } : {}), signers, nextStep, by: actor.userId, at }, 'draw.seed': seed, updatedAt: at },
        messages,
        event: { ...(b.document ? { evidence: [b.document] } : {}), data: { conclusion: b.conclusion, signers: signers.length, seedRevealed: true } },
      };
    },
  });
  await followUpReport(deps, result);
  return result;
}

/**
 * 修改后通过: after revising, the contractor's technical director and the 总监 sign the new version again
 * (art. 11); the contractor then tells the experts what changed, and the scheme may be implemented.
 */
export async function informExperts(deps: Deps, actor: NonNullable<Actor>, id: string, b: { note: string; version: number }, ctx: Ctx) {
  const result = await runCommand(deps, {
    repo: reviewRepository, id, eventAction: 'review.inform', action: 'inform', actor, version: b.version, ctx, notFoundMessage: '论证不存在', staleMessage: STALE,
    authorize: (r) => {
      if (!can(actor, 'dw.read', { kind: 'review', scope: r.scope }).allow) throw notFound('论证不存在');
      if (!can(actor, 'review.inform', { kind: 'review', scope: r.scope }).allow) throw forbidden('只有施工单位可以告知专家修改情况', 'review_action_forbidden');
      return 'contractor';
    },
    step: { ...reviewStep(), context: (r, by) => ({ by, revisable: r.report?.conclusion === '修改后通过' && !r.informed }) },
    precheck: async (r) => {
      const s = await findScheme(deps.db, r.schemeId);
      if (!s || s.state !== 'approved' || (s.approvedVersion ?? 0) <= r.schemeVersion) throw conflict('请先按专家意见修改方案，并重新履行技术负责人签字和总监审查（第十一条）', 'revision_not_signed');
    },
    apply: async ({ agg: r, at, eventId }) => {
      const s = (await findScheme(deps.db, r.schemeId))!;
      const experts = r.invitations.filter((i) => i.status === 'accepted').map((i) => i.userId);
      return {
        set: { informed: { at, note: b.note, schemeVersion: s.approvedVersion! }, updatedAt: at },
        messages: reviewMessages(eventId, experts, at, { title: '论证方案修改情况告知', body: `${r.projectName}${r.itemName}：${b.note}`, page: `packages/review/pages/review/index?id=${r._id}` }),
        event: { reason: b.note, data: { schemeVersion: s.approvedVersion } },
      };
    },
  });
  await informExpertsOnScheme(deps, actor, result.schemeId, b.note);
  return result;
}
