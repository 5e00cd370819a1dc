import type { Context, Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { classByCode } from '@cityloop/shared/city/classes';
import { GRADE_PATROL } from '@cityloop/shared/plaques/score';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { DUTIES, PLAQUE_COMPLAINTS, type PlaqueComplaint } from './plaque.collections';
import { findOwnShop, findShopOwner, findVisibleShop, ownShopIds } from './shop.repository';
import { complaintsOfComplainant, findComplaint, latestComplaintsOf, shopComplaintsSince } from './complaint.repository';
import { loadNames } from '../cases/public';
import { plaqueAdminRoutes } from './plaque-admin.routes';
import { ownerBindingRoutes } from './owner-binding.routes';
import { PLAQUE_CLASSES, classesForDuties } from './plaque-rules';
import { answerFix, createComplaint, fixComplaint } from './complaints';
import { deductionsOf } from './shop-score';
import { APPEAL_WITHIN_DAYS } from '@cityloop/shared/plaques/appeal.machine';
import { appealComplaint, decideAppeal, listAppeals } from './appeals';
import { photoLinker, plaquePhotoRoutes, type PhotoLinker } from './photo-links';
import { COMPLAINT_STATE_LABELS } from '@cityloop/shared/plaques/plaque.limits';
import { answerRequest, appealDecisionRequest, appealListQuery, appealRequest, fixRequest, newComplaintRequest } from '@cityloop/shared/plaques/plaque.contract';


/**
 * Anonymous to the shop and to the public: no complainant, no location of the complainant. With `link`, photos
 * come with short-lived URLs: the complaint's own photos for the complainant / owner / area chief
 * (`forOwner`), the shop's fix photos for everyone (they show the shop's frontage, nobody's identity).
 */
const presentComplaint = (c: PlaqueComplaint, forOwner = false, link?: PhotoLinker) => ({
  id: c._id,
  version: c.version,
  shopId: c.shopId,
  shopName: c.shopName,
  classCode: c.classCode,
  className: c.className,
  description: forOwner ? c.description : c.description.slice(0, 60),
  photos: forOwner ? c.photos : [],
  state: c.state,
  stateLabel: COMPLAINT_STATE_LABELS[c.state],
  deadline: c.deadline.toISOString(),
  createdAt: c.createdAt.toISOString(),
  fixedAt: c.fix?.at.toISOString() ?? null,
  fixMinutes: c.fix ? Math.round((c.fix.at.getTime() - c.createdAt.getTime()) / 60_000) : null,
  fixInTime: c.fix?.inTime ?? null,
  fixPhotos: forOwner ? (c.fix?.photos ?? []) : [],
  photoUrls: forOwner && link ? c.photos.map((sha) => link(c._id, sha)) : [],
  fixPhotoUrls: link ? (c.fix?.photos ?? []).map((sha) => link(c._id, sha)) : [],
  fixNote: forOwner ? (c.fix?.note ?? null) : null,
  escalationReason: c.escalationReason ?? null,
  disputeReason: forOwner ? (c.dispute?.reason ?? null) : null,
  // until when the shop may appeal a counted complaint (the appeal machine's window, from the last change)
  appealBy: forOwner && !c.appeal && (c.state === 'confirmed' || c.state === 'escalated') ? new Date(c.updatedAt.getTime() + APPEAL_WITHIN_DAYS * 86_400_000).toISOString() : null,
  appeal: forOwner && c.appeal ? { status: c.appeal.status, reason: c.appeal.reason, at: c.appeal.at.toISOString(), note: c.appeal.note ?? null } : null,
  caseId: forOwner ? c.caseId : undefined,
});

export function plaquesRoutes(app: Hono<AppEnv>) {
  plaqueAdminRoutes(app); // shop import and printable plaques (before `/api/plaques/:id`)
  ownerBindingRoutes(app);
  plaquePhotoRoutes(app);
  const linker = (c: Context<AppEnv>) => photoLinker(c.get('deps').config.codeSecret, c.get('deps').now());

  /** Public plaque page: the shop, its duties, grade and score trend, recent complaints and how fast they were fixed. */
  app.get('/api/plaques/:id', async (c) => {
    const { db } = c.get('deps');
    const s = await findVisibleShop(db, c.req.param('id'));
    if (!s) throw notFound('责任牌不存在', 'shop_not_found');
    const link = linker(c);
    const recent = await latestComplaintsOf(db, [s._id], 10);
    return ok(c, {
      id: s._id,
      name: s.name,
      address: s.address,
      owner: { name: s.owner.name.slice(0, 1) + '**' },
      duties: s.duties.map((d) => DUTIES[d]),
      zone: s.zone,
      score: s.score,
      grade: s.grade,
      patrol: GRADE_PATROL[s.grade].label,
      trend: s.gradeHistory.slice(-30).map((h) => ({ at: h.at.toISOString(), score: h.score, grade: h.grade })),
      recentComplaints: recent.map((x) => presentComplaint(x, false, link)),
      // only the classes of the shop's own duties (the complaint API refuses the others)
      complaintClasses: classesForDuties(s.duties).map((code) => ({ code, name: classByCode('event', code).name, duty: DUTIES[PLAQUE_CLASSES[code].duty] })),
    });
  });

  app.post('/api/plaques/:id/complaints', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, newComplaintRequest);
    const x = await createComplaint(c.get('deps'), actor, c.req.param('id'), b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x), { status: 201 });
  });

  /** The shop owner's complaints to handle (with the deadline), and the complainant's own. */
  app.get('/api/shop/complaints', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const rows = await latestComplaintsOf(db, await ownShopIds(db, actor.userId), 100);
    const link = linker(c);
    // the points each counted complaint takes off today (per the city's published rule), per shop's city
    const points = new Map<string, { points: number; why: string }>();
    for (const cityId of new Set(rows.map((x) => x.scope.cityId))) {
      for (const shopId of new Set(rows.filter((x) => x.scope.cityId === cityId).map((x) => x.shopId))) {
        for (const [id, d] of await deductionsOf(c.get('deps'), cityId, rows.filter((x) => x.shopId === shopId))) points.set(id, d);
      }
    }
    return ok(c, rows.map((x) => ({ ...presentComplaint(x, true, link), deduction: points.get(x._id) ?? null })));
  });

  app.get('/api/shop/mine', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const s = await findOwnShop(db, actor.userId);
    if (!s) throw notFound('您名下没有登记的商户', 'shop_not_found');
    return ok(c, { id: s._id, name: s.name, score: s.score, grade: s.grade, patrol: GRADE_PATROL[s.grade].label, history: s.gradeHistory.map((h) => ({ at: h.at.toISOString(), score: h.score, grade: h.grade })) });
  });

  /** 我的上报: the caller's own plaque complaints, newest first (the shop, the state, the deadline). */
  app.get('/api/plaque-complaints/mine', async (c) => {
    const actor = requireActor(c);
    const rows = await complaintsOfComplainant(c.get('deps').db, actor.userId, 50);
    return ok(c, rows.map((x) => ({ ...presentComplaint(x), description: x.description.slice(0, 60) })));
  });

  /** One complaint, for its complainant (anonymous view of the shop side) or the shop owner. */
  app.get('/api/plaque-complaints/:id', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const x = await findComplaint(db, c.req.param('id'));
    const owner = x ? await findShopOwner(db, x.shopId) : null;
    const isOwner = !!owner && owner.userId === actor.userId;
    if (!x || (!isOwner && x.complainantId !== actor.userId)) throw notFound('投诉不存在');
    // the complainant sees their own photos and the shop's fix photos; the owner never sees who complained
    // the owner also reads what this complaint takes off the score today
    const deps = c.get('deps');
    const deduction = isOwner ? ((await deductionsOf(deps, x.scope.cityId, await shopComplaintsSince(db, x.shopId, new Date(deps.now().getTime() - 91 * 86_400_000)))).get(x._id) ?? null) : null;
    return ok(c, { ...presentComplaint(x, true, linker(c)), mine: x.complainantId === actor.userId, deduction });
  });

  app.post('/api/plaque-complaints/:id/fix', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, fixRequest);
    const x = await fixComplaint(c.get('deps'), actor, c.req.param('id'), b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x, true, linker(c)));
  });

  app.post('/api/plaque-complaints/:id/answer', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, answerRequest);
    const x = await answerFix(c.get('deps'), actor, c.req.param('id'), b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x));
  });

  app.post('/api/plaque-complaints/:id/appeal', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, appealRequest);
    const x = await appealComplaint(c.get('deps'), actor, c.req.param('id'), b.reason);
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x, true));
  });

  /** 申诉审核: the appeals the caller decides (area chief: their grids) or oversees (regulator: their area). */
  app.get('/api/plaque-appeals', async (c) => {
    const actor = requireActor(c);
    const q = query(c, appealListQuery);
    const rows = await listAppeals(c.get('deps'), actor, q.status);
    const link = linker(c);
    // the grid by its name on the card (the id stays for links and tests)
    const names = await loadNames(c.get('deps').db, { regions: rows.map((r) => r.complaint.scope.gridId) });
    return ok(c, rows.map(({ complaint, shop, canDecide }) => ({ ...presentComplaint(complaint, true, link), shopAddress: shop?.address ?? null, gridId: complaint.scope.gridId ?? null, gridName: names.region(complaint.scope.gridId), canDecide })));
  });

  app.post('/api/plaque-complaints/:id/appeal-decision', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, appealDecisionRequest);
    const x = await decideAppeal(c.get('deps'), actor, c.req.param('id'), b.upheld, b.note);
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x, true));
  });
}
