import { conflict, forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import { expertDraw } from '@cityloop/shared/dangerous-works/expert-draw';
import { drawOrder, seedCommitment } from '@cityloop/shared/dangerous-works/review-draw';
import { REVIEW_PANEL_SIZE } from '@cityloop/shared/dangerous-works/review.limits';
import { LEVEL_LABELS } from '@cityloop/shared/pit/levels';
import type { Deps } from '../../platform/deps';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { runCommand } from '../../platform/command/run-command';
import { alarmAudience, findAlarm, PIT_ALARMS, updateAlarmVersioned, type PitAlarm } from '../pit/public';
import type { Consultation, Review } from './schemereview.collections';
import { reviewRepository, reviewsOfPit } from './review.repository';
import { findDwProject } from './project.repository';
import { drawPool } from './expert-library';
import { freshSeed, sealSeed, unsealSeed } from './seed-vault';
import { reviewMessages } from './review-messages';

type Ctx = { requestId?: string; ip?: string };

/** The concluded review of the alarm's pit the regulator may open (404 when none or not theirs). */
export async function reviewForAlarm(deps: Deps, actor: NonNullable<Actor>, alarmId: string): Promise<{ alarm: PitAlarm; review: Review }> {
  const alarm = await findAlarm(deps.db, alarmId);
  if (!alarm || !can(actor, 'alarm.read', { kind: 'alarm', scope: alarm.scope }).allow) throw notFound('报警不存在');
  const reviews = await reviewsOfPit(deps.db, alarm.projectId);
  const review = reviews.find((r) => can(actor, 'review.trail', { kind: 'review', scope: r.scope }).allow);
  if (!review) throw notFound('该基坑没有关联的专家论证，或您无权查看', 'no_linked_review');
  return { alarm, review: review as Review };
}

/** An event on the alarm (its handling trail), with its messages, in the alarm's own versioned write. */
async function noteOnAlarm(deps: Deps, alarm: PitAlarm, actorId: string, role: 'regulator' | 'expert', action: string, reason: string, data: Record<string, unknown>, notify: boolean) {
  const at = deps.now();
  const event: DomainEvent = { id: newId('ev', at.getTime()), action, at, actorId, role, reason, data };
  const audience = notify ? await alarmAudience(deps.db, alarm) : [];
  const messages = reviewMessages(event.id, audience.map((a) => a.id), at, { title: `${alarm.projectName} 专家意见`, body: reason, page: `packages/pit/pages/alarm/index?id=${alarm._id}` });
  const w = eventWrites(PIT_ALARMS, alarm._id, event, messages, { scope: alarm.scope });
  await updateAlarmVersioned(deps.db, alarm, { $set: { ...w.$set, updatedAt: at }, $push: w.$push } as never);
}

/**
 * On an orange or red alarm, the regulator invites the review's original experts (`expertDraw` with
 * `originalExperts`: those still eligible — an expert who has since joined a participant is not), plus a
 * supplementary commit–reveal draw when short of five. Told by SMS; the alarm's trail records the invitation.
 */
export async function consultExperts(deps: Deps, actor: NonNullable<Actor>, alarmId: string, note: string, ctx: Ctx) {
  const { alarm, review } = await reviewForAlarm(deps, actor, alarmId);
  if (alarm.level !== 'orange' && alarm.level !== 'red') throw conflict(`该报警为${LEVEL_LABELS[alarm.level]}，橙色及以上报警才能邀请原论证专家`, 'alarm_level_too_low');
  if (!can(actor, 'review.consult', { kind: 'review', scope: review.scope }).allow) throw forbidden('无权邀请论证专家', 'forbidden');
  if (review.consultations.some((c) => c.alarmId === alarmId)) throw conflict('已就该报警邀请过专家', 'already_consulted');
  let consultation: Consultation | null = null;
  const updated = await runCommand(deps, {
    repo: reviewRepository, id: review._id, eventAction: 'review.consult', actor, version: 'none', ctx, notFoundMessage: '论证不存在', staleMessage: '论证已更新，请刷新后再操作',
    authorize: () => 'regulator',
    apply: async ({ agg: r, at, eventId }) => {
      const p = await findDwProject(deps.db, r.projectId);
      if (!p) throw notFound('项目不存在');
      const present = new Set(r.signIns.map((s) => s.expertId));
      const panel = r.invitations.filter((i) => i.status === 'accepted' && (present.size === 0 || present.has(i.expertId))).map((i) => i.expertId);
      const participants = [...new Set(p.participants.map((x) => x.org))];
      const { pool, byId } = await drawPool(deps, p.scope.cityId);
      const d = expertDraw({ requiredSpecialty: r.specialty, projectParticipants: participants, pool, minExperts: REVIEW_PANEL_SIZE, originalExperts: panel });
      const id = newId('cn', at.getTime());
      const seed = freshSeed();
      const candidates = d.eligible.filter((x) => !d.invite!.includes(x));
      const order = drawOrder(seed, `${r._id}:${id}`, candidates);
      const supplementary = order.slice(0, d.supplementaryCount ?? 0);
      const experts = [...d.invite!, ...supplementary].map((x) => ({ expertId: x, userId: byId.get(x)!.userId, name: byId.get(x)!.name }));
      consultation = {
        id, alarmId, alarmLevel: alarm.level, at, by: actor.userId,
        draw: { commitment: seedCommitment(seed), seedSealed: sealSeed(deps.config.codeSecret, seed), seed: null, drawnAt: at, participants, declaredConflicts: [], pool, eligible: candidates, excluded: d.excluded, order },
        invite: d.invite!, notInvited: d.notInvited!, supplementary, experts,
      };
      return {
        set: { consultations: [...r.consultations, consultation], 'scope.expertUserIds': [...new Set([...r.scope.expertUserIds, ...experts.map((e) => e.userId)])], updatedAt: at },
        messages: reviewMessages(eventId, experts.map((e) => e.userId), at, { title: '基坑报警，邀请您研判处置', body: `${alarm.projectName}${LEVEL_LABELS[alarm.level]}（${alarm.point}），请查看并提交联合意见`, page: `packages/review/pages/review/index?id=${r._id}`, sms: true }),
        event: { reason: note || undefined, data: { alarmId, invite: d.invite, notInvited: d.notInvited, supplementary, commitment: consultation.draw.commitment } },
      };
    },
  });
  const c = consultation!;
  await noteOnAlarm(deps, alarm, actor.userId, 'regulator', 'alarm.expert_consultation', `已邀请原论证专家 ${c.invite.length} 名${c.supplementary.length ? `，补充抽取 ${c.supplementary.length} 名` : ''}研判处置措施`, { reviewId: review._id, consultationId: c.id }, false);
  return { review: updated, consultation: c };
}

/** The experts' joint opinion (one of them submits it): attached to the alarm's handling steps; the parties are told. */
export async function consultOpinion(deps: Deps, actor: NonNullable<Actor>, reviewId: string, consultationId: string, text: string, ctx: Ctx) {
  let c: Consultation | undefined;
  const r = await runCommand(deps, {
    repo: reviewRepository, id: reviewId, eventAction: 'review.consult_opinion', actor, version: 'none', ctx, notFoundMessage: '论证不存在', staleMessage: '论证已更新，请刷新后再操作',
    authorize: (rv) => {
      c = rv.consultations.find((x) => x.id === consultationId);
      if (!c || !can(actor, 'review.expert', { kind: 'review', scope: rv.scope }).allow || !c.experts.some((e) => e.userId === actor.userId)) throw notFound('邀请不存在');
      if (c.opinion) throw conflict('联合意见已提交', 'opinion_exists');
      return 'expert';
    },
    apply: ({ agg, at }) => ({
      set: { consultations: agg.consultations.map((x) => (x.id === consultationId ? { ...x, opinion: { text, by: actor.userId, at }, draw: { ...x.draw, seed: unsealSeed(deps.config.codeSecret, x.draw.seedSealed) } } : x)), updatedAt: at },
      event: { reason: text, data: { consultationId } },
    }),
  });
  const alarm = await findAlarm(deps.db, c!.alarmId);
  if (alarm) await noteOnAlarm(deps, alarm, actor.userId, 'expert', 'alarm.expert_opinion', `专家联合意见（${c!.experts.map((e) => e.name).join('、')}）：${text}`, { reviewId, consultationId }, true);
  return r;
}
