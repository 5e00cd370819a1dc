import type { Context, Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can, policiesFor, scopeFilter } from '@cityloop/shared/policy/can';
import { applyReviewRequest, consultOpinionRequest, consultRequest, informRequest, opinionRequest, reportRequest, respondRequest } from '@cityloop/shared/dangerous-works/review.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { signCodeUrl } from '../../platform/codes/signed-code';
import { DW_REVIEWS, type Review } from './schemereview.collections';
import { findReview, listReviews } from './review.repository';
import { findScheme } from './scheme.repository';
import { findDwProject } from './project.repository';
import { expertsByIds } from './expert.repository';
import { applyReview, drawExperts } from './apply-review';
import { respondToInvitation } from './invitations';
import { fileReport, giveOpinion, informExperts, signIn } from './meeting';
import { archiveReview } from './archive-review';
import { consultExperts, consultOpinion, reviewForAlarm } from './pit-consult';
import { PIT_ALARMS } from '../pit/public';
import { presentProject, presentReview, presentScheme, publicPart, type TrailAudience } from './review-trail';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip') });

/** How the caller reads a review (404 when not at all). */
export function audienceOf(actor: Actor, r: Review): TrailAudience {
  if (can(actor, 'review.trail', { kind: 'review', scope: r.scope }).allow) return 'regulator';
  if (can(actor, 'dw.read', { kind: 'review', scope: r.scope }).allow) return 'party';
  if (can(actor, 'review.expert', { kind: 'review', scope: r.scope }).allow) return 'expert';
  throw notFound('论证不存在');
}

const REVIEW_ACTIONS = ['review.draw', 'review.archive', 'review.inform', 'review.expert', 'review.consult'];

export function reviewsRoutes(app: Hono<AppEnv>) {
  const send = async (c: Context<AppEnv>, r: Review, status = 200) => {
    touched(c, DW_REVIEWS, r._id);
    const actor = requireActor(c);
    const { db, now, config } = c.get('deps');
    const audience = audienceOf(actor, r);
    const experts = new Map((await expertsByIds(db, r.invitations.map((i) => i.expertId))).map((e) => [e._id, e]));
    const mine = r.invitations.find((i) => i.userId === actor.userId);
    return ok(c, { ...presentReview(r, audience, now(), experts), myInvitation: mine ? { status: mine.status, deadline: mine.deadline.toISOString(), signedIn: r.signIns.some((s) => s.expertId === mine.expertId) } : null, myConsultations: r.consultations.filter((x) => x.experts.some((e) => e.userId === actor.userId)).map((x) => x.id), codeUrl: audience === 'expert' ? null : signCodeUrl(config.codeSecret, config.codeBaseUrl, r._id) }, {
      status,
      policies: policiesFor(actor, REVIEW_ACTIONS, { kind: 'review', scope: r.scope }),
    });
  };

  /** Reviews the caller may read: regulators their area, parties their projects, experts their invitations. */
  app.get('/api/reviews', async (c) => {
    const actor = requireActor(c);
    const filters = ['review.trail', 'dw.read', 'review.expert'].map((a) => scopeFilter(actor, a)).filter((f): f is Record<string, unknown> => !!f);
    if (!filters.length) return ok(c, []);
    const { db, now } = c.get('deps');
    const rows = await listReviews(db, filters.length === 1 ? filters[0] : { $or: filters });
    return ok(c, rows.map((r) => {
      const v = presentReview(r, audienceOf(actor, r), now());
      return { id: v.id, projectName: v.projectName, itemName: v.itemName, category: v.category, state: v.state, stateLabel: v.stateLabel, conclusion: v.conclusion, meetingAt: v.meetingAt, venue: v.venue };
    }));
  });

  app.post('/api/dw-schemes/:id/reviews', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, applyReviewRequest);
    return send(c, await applyReview(c.get('deps'), actor, c.req.param('id'), b, ctxOf(c)), 201);
  });

  /** The public part (what the site board's QR shows anyone): project, sub-item, status. */
  app.get('/api/reviews/:id/public', async (c) => {
    const r = await findReview(c.get('deps').db, c.req.param('id'));
    if (!r) throw notFound('论证不存在');
    return ok(c, publicPart(r));
  });

  app.get('/api/reviews/:id', async (c) => {
    const actor = requireActor(c);
    const r = await findReview(c.get('deps').db, c.req.param('id'));
    if (!r) throw notFound('论证不存在');
    audienceOf(actor, r);
    return send(c, r);
  });

  /** The whole trail (regulators): sub-items, scheme versions with sign-offs, the draw, experts, opinions, report, archive. */
  app.get('/api/reviews/:id/trail', async (c) => {
    const actor = requireActor(c);
    const { db, now } = c.get('deps');
    const r = await findReview(db, c.req.param('id'));
    if (!r) throw notFound('论证不存在');
    const audience = audienceOf(actor, r);
    if (audience === 'expert') throw notFound('论证不存在');
    const [p, s, experts] = await Promise.all([findDwProject(db, r.projectId), findScheme(db, r.schemeId), expertsByIds(db, r.invitations.map((i) => i.expertId))]);
    return ok(c, { audience, project: p ? presentProject(p) : null, scheme: s ? presentScheme(s) : null, review: presentReview(r, audience, now(), new Map(experts.map((e) => [e._id, e]))) });
  });

  /** The published draw record anyone may replay (`npx cityloop experts replay`): no names, the seed once revealed. */
  app.get('/api/reviews/:id/draw', async (c) => {
    const actor = requireActor(c);
    const r = await findReview(c.get('deps').db, c.req.param('id'));
    if (!r) throw notFound('论证不存在');
    audienceOf(actor, r);
    return ok(c, { reviewId: r._id, commitment: r.draw.commitment, seed: r.draw.seed, eligible: r.draw.eligible, order: r.draw.order, invited: r.invitations.map((i) => i.expertId) });
  });

  app.post('/api/reviews/:id/draw', async (c) => send(c, await drawExperts(c.get('deps'), requireActor(c), c.req.param('id'), ctxOf(c))));
  app.post('/api/reviews/:id/respond', async (c) => {
    const b = await jsonBody(c, respondRequest);
    return send(c, await respondToInvitation(c.get('deps'), requireActor(c), c.req.param('id'), b.accept, b.reason, ctxOf(c)));
  });
  app.post('/api/reviews/:id/sign-in', async (c) => send(c, await signIn(c.get('deps'), requireActor(c), c.req.param('id'), ctxOf(c))));
  app.post('/api/reviews/:id/opinion', async (c) => send(c, await giveOpinion(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, opinionRequest), ctxOf(c))));
  app.post('/api/reviews/:id/report', async (c) => send(c, await fileReport(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, reportRequest), ctxOf(c))));
  app.post('/api/reviews/:id/inform', async (c) => send(c, await informExperts(c.get('deps'), requireActor(c), c.req.param('id'), await jsonBody(c, informRequest), ctxOf(c))));
  app.post('/api/reviews/:id/archive', async (c) => {
    const b = await jsonBody(c, informRequest.pick({ version: true }));
    return send(c, await archiveReview(c.get('deps'), requireActor(c), c.req.param('id'), b.version, ctxOf(c)));
  });

  /** From an alarm: the linked review's trail, and the invitation of the original experts. */
  app.get('/api/pit-alarms/:id/review', async (c) => {
    const actor = requireActor(c);
    const { review } = await reviewForAlarm(c.get('deps'), actor, c.req.param('id'));
    return send(c, (await findReview(c.get('deps').db, review._id))!);
  });
  app.post('/api/pit-alarms/:id/expert-consultation', async (c) => {
    const b = await jsonBody(c, consultRequest);
    const r = await consultExperts(c.get('deps'), requireActor(c), c.req.param('id'), b.note, ctxOf(c));
    touched(c, PIT_ALARMS, c.req.param('id'));
    return send(c, r.review, 201);
  });
  app.post('/api/reviews/:id/consultations/:cid/opinion', async (c) => {
    const b = await jsonBody(c, consultOpinionRequest);
    const r = await consultOpinion(c.get('deps'), requireActor(c), c.req.param('id'), c.req.param('cid'), b.text, ctxOf(c));
    const alarmId = r.consultations.find((x) => x.id === c.req.param('cid'))?.alarmId;
    if (alarmId) touched(c, PIT_ALARMS, alarmId); // the parties hear of the opinion now
    return send(c, r);
  });
}
