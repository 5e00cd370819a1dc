import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '@cityloop/shared/errors';
import { classByCode } from '@cityloop/shared/city/classes';
import { GRADE_PATROL } from '@cityloop/shared/plaques/score';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { maskPhone } from '../../platform/auth/users';
import { DUTIES, PLAQUE_COMPLAINTS, SHOPS, findVisibleShop, visibleShopFilter, type PlaqueComplaint, type Shop } from './plaque.collections';
import { plaqueAdminRoutes } from './plaque-admin.routes';
import { PLAQUE_CLASSES, classesForDuties } from './plaque-rules';
import { answerFix, createComplaint, fixComplaint } from './complaints';
import { appealComplaint, decideAppeal, listAppeals } from './appeals';
import { photoLinker, plaquePhotoRoutes, type PhotoLinker } from './photo-links';
import { RECORD_VERSION } from '../../platform/command/record-version';

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const STATE_LABELS = { open: '待整改', fixed: '已整改待确认', confirmed: '已确认', disputed: '有异议', escalated: '已转执法' } as const;

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
  stateLabel: STATE_LABELS[c.state],
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
  appeal: forOwner && c.appeal ? { status: c.appeal.status, reason: c.appeal.reason, at: c.appeal.at.toISOString(), note: c.appeal.note ?? null } : null,
  caseId: forOwner ? c.caseId : undefined,
});

export function plaquesRoutes(app: Hono<AppEnv>) {
  plaqueAdminRoutes(app); // shop import and printable plaques (before `/api/plaques/:id`)
  plaquePhotoRoutes(app);
  const linker = (c: Context<AppEnv>) => photoLinker(c.get('deps').config.codeSecret, c.get('deps').now());

  /** Public plaque page: the shop, its duties, grade and score trend, recent complaints and how fast they were fixed. */
  app.get('/api/plaques/:id', async (c) => {
    const { db } = c.get('deps');
    const s = await findVisibleShop(db, c.req.param('id'));
    if (!s) throw notFound('责任牌不存在', 'shop_not_found');
    const link = linker(c);
    const recent = await db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS).find({ shopId: s._id }).sort({ createdAt: -1 }).limit(10).toArray();
    return ok(c, {
      id: s._id,
      name: s.name,
      address: s.address,
      owner: { name: s.owner.name.slice(0, 1) + '**', phone: maskPhone(s.owner.phone) },
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
    const b = await jsonBody(c, z.object({ classCode: z.string().regex(/^\d{4}$/), description: z.string().trim().min(4, '请描述问题').max(500), photos: z.array(sha).min(1, '请至少上传 1 张现场照片').max(9), location: z.object({ lng: z.number(), lat: z.number(), accuracy: z.number().optional() }).optional() }));
    const x = await createComplaint(c.get('deps'), actor, c.req.param('id'), b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x), { status: 201 });
  });

  /** The shop owner's complaints to handle (with the deadline), and the complainant's own. */
  app.get('/api/shop/complaints', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const shops = await db.collection<Shop>(SHOPS).find({ 'owner.userId': actor.userId, ...(await visibleShopFilter(db)) }, { projection: { _id: 1 } }).toArray();
    const rows = await db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS).find({ shopId: { $in: shops.map((s) => s._id) } }).sort({ createdAt: -1 }).limit(100).toArray();
    const link = linker(c);
    return ok(c, rows.map((x) => presentComplaint(x, true, link)));
  });

  app.get('/api/shop/mine', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const s = await db.collection<Shop>(SHOPS).findOne({ 'owner.userId': actor.userId, ...(await visibleShopFilter(db)) });
    if (!s) throw notFound('您名下没有登记的商户', 'shop_not_found');
    return ok(c, { id: s._id, name: s.name, score: s.score, grade: s.grade, patrol: GRADE_PATROL[s.grade].label, history: s.gradeHistory.map((h) => ({ at: h.at.toISOString(), score: h.score, grade: h.grade })) });
  });

  /** One complaint, for its complainant (anonymous view of the shop side) or the shop owner. */
  app.get('/api/plaque-complaints/:id', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const x = await db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS).findOne({ _id: c.req.param('id') });
    const shop = x ? await db.collection<Shop>(SHOPS).findOne({ _id: x.shopId }, { projection: { owner: 1 } }) : null;
    const isOwner = !!shop && shop.owner.userId === actor.userId;
    if (!x || (!isOwner && x.complainantId !== actor.userId)) throw notFound('投诉不存在');
    // the complainant sees their own photos and the shop's fix photos; the owner never sees who complained
    return ok(c, { ...presentComplaint(x, true, linker(c)), mine: x.complainantId === actor.userId });
  });

  app.post('/api/plaque-complaints/:id/fix', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, z.object({ photos: z.array(sha).max(9).default([]), note: z.string().trim().max(300).default(''), version: RECORD_VERSION }));
    const x = await fixComplaint(c.get('deps'), actor, c.req.param('id'), b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x, true, linker(c)));
  });

  app.post('/api/plaque-complaints/:id/answer', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, z.object({ answer: z.enum(['confirm', 'dispute']), reason: z.string().trim().max(300).optional(), version: RECORD_VERSION }));
    const x = await answerFix(c.get('deps'), actor, c.req.param('id'), b, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x));
  });

  app.post('/api/plaque-complaints/:id/appeal', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, z.object({ reason: z.string().trim().min(4, '请说明申诉理由').max(500) }));
    const x = await appealComplaint(c.get('deps'), actor, c.req.param('id'), b.reason);
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x, true));
  });

  /** 申诉审核: the appeals the caller decides (area chief: their grids) or oversees (regulator: their area). */
  app.get('/api/plaque-appeals', async (c) => {
    const actor = requireActor(c);
    const q = query(c, z.object({ status: z.enum(['pending', 'decided']).default('pending') }));
    const rows = await listAppeals(c.get('deps'), actor, q.status);
    const link = linker(c);
    return ok(c, rows.map(({ complaint, shop, canDecide }) => ({ ...presentComplaint(complaint, true, link), shopAddress: shop?.address ?? null, gridId: complaint.scope.gridId ?? null, canDecide })));
  });

  app.post('/api/plaque-complaints/:id/appeal-decision', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, z.object({ upheld: z.boolean(), note: z.string().trim().max(300) }));
    const x = await decideAppeal(c.get('deps'), actor, c.req.param('id'), b.upheld, b.note);
    touched(c, PLAQUE_COMPLAINTS, x._id);
    return ok(c, presentComplaint(x, true));
  });
}
