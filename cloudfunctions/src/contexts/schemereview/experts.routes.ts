import type { Context, Hono } from 'hono';
import * as z from 'zod';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { employerRequest, expertActionRequest, expertApplicationRequest, expertImportRequest, integrityRequest, type ExpertFull } from '@cityloop/shared/dangerous-works/review.contract';
import { EXPERT_SPECIALTIES, EXPERT_STATE_LABELS, REVIEW_STATE_LABELS, CATEGORY_LABELS } from '@cityloop/shared/dangerous-works/review.limits';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { DW_EXPERTS, type Expert } from './schemereview.collections';
import { cityLibrary, findExpert, keeperLibrary } from './expert.repository';
import { listReviews } from './review.repository';
import { admissionOf, applyExpert, expertAction, recordIntegrity, setEmployer } from './expert-library';
import { importExperts } from './import-experts';
import { myExpertWork } from './my-expert-work';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip') });
const cityQuery = z.object({ cityId: z.string().min(1).max(40).default('dongguan') });

/** The public list shows name, title, specialties, employer and status — never a phone or the integrity notes. */
const presentPublic = (e: Expert) => ({ id: e._id, name: e.name, title: e.title, specialties: e.specialties.map((s) => EXPERT_SPECIALTIES[s] ?? s), employer: e.employer, state: e.state, stateLabel: EXPERT_STATE_LABELS[e.state] });
/** The keeper's view: the record, its integrity entries, the yearly review, what `expertAdmission` says now, the history. */
const presentFull = (e: Expert): ExpertFull => ({
  ...presentPublic(e), version: e.version, years: e.years, richExperience: e.richExperience, specialtyCodes: e.specialties, reviewsSat: e.reviewsSat, idNumberMasked: e.idNumberMasked ?? null,
  integrity: e.integrity.map((x) => ({ at: x.at.toISOString(), kind: x.kind, note: x.note, reviewId: x.reviewId ?? null })), lastYearlyReview: e.lastYearlyReview?.toISOString() ?? null,
  admission: admissionOf(e),
  history: (e.history ?? []).map((x) => ({ action: x.action, at: x.at.toISOString(), role: x.role ?? null, from: x.from ?? null, to: x.to ?? null, reason: x.reason ?? null })),
});

/** Counts of `key` over rows. */
const countBy = <T,>(rows: T[], key: (r: T) => string) => rows.reduce<Record<string, number>>((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});

export function expertsRoutes(app: Hono<AppEnv>) {
  /** 专家库公示: anyone may read the active library of a city. */
  app.get('/api/experts/public', async (c) => {
    const { cityId } = query(c, cityQuery);
    return ok(c, (await cityLibrary(c.get('deps').db, cityId, { state: 'active' })).map(presentPublic));
  });

  /** The keeper's view: every state, with integrity records and load. */
  app.get('/api/experts', async (c) => {
    const actor = requireActor(c);
    const { cityId } = query(c, cityQuery);
    if (!can(actor, 'expert.manage', { kind: 'expert', scope: { cityId } }).allow) throw forbidden('只有本市监管部门可以管理专家库');
    return ok(c, (await keeperLibrary(c.get('deps').db, cityId)).map(presentFull));
  });

  /** The caller's place in the library and their invitations, meetings and opinions to write ("我的论证邀请"). */
  app.get('/api/experts/me', async (c) => ok(c, await myExpertWork(c.get('deps'), requireActor(c))));

  /** 批量导入: dry run (every problem by line, a preview) or commit (every expert or none); the city's keepers only. */
  app.post('/api/experts/import', async (c) => {
    const actor = requireActor(c);
    const r = await importExperts(c.get('deps'), actor, await jsonBody(c, expertImportRequest), ctxOf(c));
    return ok(c, r, { status: r.committed ? 201 : 200 });
  });

  /** An application (the person themself), or an entry by the keeper; `expertAdmission` decides, nothing written on refusal. */
  app.post('/api/experts', async (c) => {
    const actor = requireActor(c);
    const { cityId } = query(c, cityQuery);
    const b = await jsonBody(c, expertApplicationRequest);
    const e = await applyExpert(c.get('deps'), actor, cityId, b, ctxOf(c));
    touched(c, DW_EXPERTS, e._id);
    return ok(c, presentFull(e), { status: 201 });
  });

  const keeperRead = async (c: Context<AppEnv>) => {
    const e = await findExpert(c.get('deps').db, c.req.param('id') ?? '');
    if (!e || !can(requireActor(c), 'expert.manage', { kind: 'expert', scope: e.scope }).allow) throw notFound('专家不存在');
    return e;
  };
  app.get('/api/experts/:id', async (c) => ok(c, presentFull(await keeperRead(c))));
  app.post('/api/experts/:id/action', async (c) => {
    const b = await jsonBody(c, expertActionRequest);
    const e = await expertAction(c.get('deps'), requireActor(c), c.req.param('id'), b, ctxOf(c));
    return ok(c, presentFull(e));
  });
  app.post('/api/experts/:id/integrity', async (c) => {
    const b = await jsonBody(c, integrityRequest);
    return ok(c, presentFull(await recordIntegrity(c.get('deps'), requireActor(c), c.req.param('id'), b, ctxOf(c))));
  });
  app.post('/api/experts/:id/employer', async (c) => {
    const b = await jsonBody(c, employerRequest);
    return ok(c, presentFull(await setEmployer(c.get('deps'), requireActor(c), c.req.param('id'), b.employer, b.version, ctxOf(c))));
  });

  /** Statistics for 住建 and emergency management: reviews by category, town and outcome; experts by specialty and load. */
  app.get('/api/review-stats', async (c) => {
    const actor = requireActor(c);
    const { cityId } = query(c, cityQuery);
    const filter = scopeFilter(actor, 'review.stats');
    if (!filter || !can(actor, 'review.stats', { kind: 'review', scope: { cityId, townId: actor.roles.find((b) => b.role === 'regulator')?.townId } }).allow) throw forbidden('只有监管部门可以查看统计');
    const { db } = c.get('deps');
    const [reviews, experts] = await Promise.all([listReviews(db, filter, 5000), cityLibrary(db, cityId)]);
    const active = experts.filter((e) => e.state === 'active');
    return ok(c, {
      reviews: reviews.length,
      byCategory: Object.entries(countBy(reviews, (r) => r.category)).map(([k, n]) => ({ key: k, label: CATEGORY_LABELS[k] ?? k, n })),
      byTown: Object.entries(countBy(reviews, (r) => r.scope.townId)).map(([k, n]) => ({ key: k, n })),
      byState: Object.entries(countBy(reviews, (r) => r.state)).map(([k, n]) => ({ key: k, label: REVIEW_STATE_LABELS[k as keyof typeof REVIEW_STATE_LABELS] ?? k, n })),
      byOutcome: Object.entries(countBy(reviews.filter((r) => r.report), (r) => r.report!.conclusion)).map(([k, n]) => ({ key: k, n })),
      expertsBySpecialty: Object.keys(EXPERT_SPECIALTIES).map((s) => ({ key: s, label: EXPERT_SPECIALTIES[s], active: active.filter((e) => e.specialties.includes(s)).length })),
      expertLoad: active.map((e) => ({ id: e._id, name: e.name, reviewsSat: e.reviewsSat })).sort((a, b) => b.reviewsSat - a.reviewsSat).slice(0, 20),
      expertsByState: Object.entries(countBy(experts, (e) => e.state)).map(([k, n]) => ({ key: k, label: EXPERT_STATE_LABELS[k as keyof typeof EXPERT_STATE_LABELS], n })),
    });
  });
}
