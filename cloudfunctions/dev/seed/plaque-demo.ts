import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import { classByCode } from '@cityloop/shared/city/classes';
import { addWorkingHours } from '@cityloop/shared/city/working-calendar';
import { nextGrade, scoreOf, type Grade, type VerifiedComplaint } from '@cityloop/shared/plaques/score';
import type { Deps } from '../../src/platform/deps';
import type { DomainEvent } from '../../src/platform/aggregate';
import { USERS, type User } from '../../src/platform/auth/users';
import { BLOBS, blobKey, type BlobMeta } from '../../src/contexts/evidence/blob.collection';
import { cityCalendar } from '../../src/contexts/cityconfig/public';
import { PLAQUE_COMPLAINTS, SHOPS, type PlaqueComplaint, type Shop } from '../../src/contexts/plaques/plaque.collections';
import { PLAQUE_CLASSES } from '../../src/contexts/plaques/plaque-rules';
import { ZS } from './zhongshan-data';
import { asVerified, rescoreShop, syncPatrolRule } from '../../src/contexts/plaques/shop-score';

type DemoComplaint = {
  id: string;
  /** days before the seed */
  daysAgo: number;
  classCode: keyof typeof PLAQUE_CLASSES;
  text: string;
  /** fixed by the shop within the deadline (half deduction) or after it (full) */
  inTime: boolean;
  fixNote: string;
  /** a pending 申诉 (for the area chief's appeals page) */
  appeal?: string;
};

/**
 * Street-front shops on 孙文西路, 石岐街道, Zhongshan (grid sq-01; responsibility plaques are Zhongshan's system) with plaques; the first belongs to the `shop-owner` persona.
 * Scores and grades are not typed in: they are what the published rule (shared/plaques/score.ts, the same
 * function the nightly `plaque-scores` job runs) makes of each shop's seeded complaints, so rescoring keeps
 * them. 老王烧腊店 has a clean record (100, A: the E2E complains about it); 鸿福便利店 is B (83) and 粤味茶餐厅
 * C (66, one repeat doubled), with a pending appeal.
 */
export const DEMO_SHOPS: { id: string; name: string; licence: string; address: string; lng: number; lat: number; duties: readonly ('sanitation' | 'order' | 'greenery')[]; complaints: DemoComplaint[] }[] = [
  { id: 'pq_demo0shop0001', name: '老王烧腊店', licence: '91442000MA5DEMO001', address: '石岐街道孙文西路 12 号', lng: 113.3772, lat: 22.5191, duties: ['sanitation', 'order'], complaints: [] },
  {
    id: 'pq_demo0shop0002', name: '鸿福便利店', licence: '91442000MA5DEMO002', address: '石岐街道孙文西路 14 号', lng: 113.3775, lat: 22.5192, duties: ['sanitation', 'order', 'greenery'],
    complaints: [
      { id: 'pc_demo0shop2c01', daysAgo: 60, classCode: '0502', text: '门口堆放饮料箱摆卖，占用人行道', inTime: false, fixNote: '已将饮料箱搬回店内' },
      { id: 'pc_demo0shop2c02', daysAgo: 40, classCode: '0104', text: '门前地面有大片油渍', inTime: true, fixNote: '已用清洁剂冲洗地面' },
      { id: 'pc_demo0shop2c03', daysAgo: 12, classCode: '0201', text: '卷帘门上贴满小广告', inTime: false, fixNote: '已铲除小广告' },
      { id: 'pc_demo0shop2c04', daysAgo: 5, classCode: '0104', text: '门前纸屑烟头较多', inTime: true, fixNote: '已清扫' },
    ],
  },
  {
    id: 'pq_demo0shop0003', name: '粤味茶餐厅', licence: '91442000MA5DEMO003', address: '石岐街道孙文西路 18 号', lng: 113.3781, lat: 22.5193, duties: ['sanitation', 'order'],
    complaints: [
      { id: 'pc_demo0shop3c01', daysAgo: 75, classCode: '0502', text: '店外摆放桌椅经营，行人无法通过', inTime: false, fixNote: '已收回桌椅' },
      { id: 'pc_demo0shop3c02', daysAgo: 55, classCode: '0502', text: '又在店外摆桌椅', inTime: true, fixNote: '桌椅已收回店内' },
      { id: 'pc_demo0shop3c03', daysAgo: 20, classCode: '0503', text: '门口堆放杂物和泡沫箱', inTime: false, fixNote: '杂物已清走' },
      { id: 'pc_demo0shop3c04', daysAgo: 3, classCode: '0102', text: '门口垃圾桶满溢，垃圾散落地面', inTime: false, fixNote: '已清理并加盖', appeal: '当天环卫车未按时清运，满溢的是公共垃圾桶，非本店垃圾' },
    ],
  },
];

/** Where the demo shops stand: Zhongshan, 石岐街道, grid sq-01 (dev/seed/zhongshan-data.ts). */
export const SHOP_PLACE = { cityId: ZS, townId: 'shiqi', gridId: 'sq-01' };

const DAY = 86_400_000;
const HOUR = 3_600_000;

// A small real PNG (the server sniffs photo bytes): a coloured tile with a darker band.
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function pngChunk(type: string, data: Buffer): Buffer {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let c = 0xffffffff;
  for (const b of td) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return Buffer.concat([len, td, crc]);
}
export function demoPng(rgb: [number, number, number], size = 64): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = 1 + size * 3;
  const raw = Buffer.alloc(size * row);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const band = y > size * 0.4 && y < size * 0.6;
      for (let k = 0; k < 3; k++) raw[y * row + 1 + x * 3 + k] = band ? rgb[k] >> 1 : rgb[k];
    }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Stores a demo photo like an upload would (content-addressed blob + its metadata); returns its SHA-256. */
async function storePhoto(deps: Deps, bytes: Buffer, uploadedBy: string, at: Date): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (!(await deps.blobs.exists(blobKey(sha)))) await deps.blobs.put(blobKey(sha), bytes, 'image/png');
  const meta: BlobMeta = { _id: sha, size: bytes.length, contentType: 'image/png', uploadedBy, at, purpose: 'photo' };
  await deps.db.collection<BlobMeta>(BLOBS).updateOne({ _id: sha }, { $setOnInsert: meta }, { upsert: true });
  return sha;
}

/** 10:00 Beijing time `days` before `now` (working hours, so the deadlines are ordinary ones). */
const morning = (now: Date, days: number) => {
  const d = new Date(now.getTime() - days * DAY);
  d.setUTCHours(2, 0, 0, 0);
  return d;
};

/** A confirmed complaint with the shop's fix (and maybe a pending appeal), as the API would have left it. */
async function demoComplaint(deps: Deps, shop: Shop, dc: DemoComplaint, i: number, complainantId: string, now: Date): Promise<PlaqueComplaint> {
  const cls = classByCode('event', dc.classCode);
  // on a working morning (back from a weekend or holiday), so the whole story fits in the day it started
  let createdAt = morning(now, dc.daysAgo);
  const calendar = await cityCalendar(deps.db, shop.scope.cityId);
  let deadline = addWorkingHours(createdAt, PLAQUE_CLASSES[dc.classCode].fixWithinHours, calendar);
  while (deadline.getTime() - createdAt.getTime() > 8 * HOUR) {
    createdAt = new Date(createdAt.getTime() - DAY);
    deadline = addWorkingHours(createdAt, PLAQUE_CLASSES[dc.classCode].fixWithinHours, calendar);
  }
  const fixedAt = dc.inTime ? new Date(createdAt.getTime() + 50 * 60_000) : new Date(deadline.getTime() + 3 * HOUR);
  const confirmedAt = new Date(fixedAt.getTime() + 2 * HOUR);
  const shade = 30 * i;
  const before = await storePhoto(deps, demoPng([200, 110 + shade, 60]), complainantId, createdAt);
  const after = await storePhoto(deps, demoPng([60, 150 + shade / 2, 100 + shade]), shop.owner.userId, fixedAt);
  const history: DomainEvent[] = [
    { id: `${dc.id}:create`, action: 'complaint.create', at: createdAt, actorId: complainantId, role: 'citizen', to: 'open', evidence: [before] },
    { id: `${dc.id}:fix`, action: 'complaint.fix', at: fixedAt, actorId: shop.owner.userId, role: 'shopOwner', from: 'open', to: 'fixed', reason: dc.fixNote, evidence: [after] },
    { id: `${dc.id}:confirm`, action: 'complaint.confirm', at: confirmedAt, actorId: complainantId, role: 'citizen', from: 'fixed', to: 'confirmed' },
  ];
  const appealAt = new Date(confirmedAt.getTime() + 20 * HOUR);
  if (dc.appeal) history.push({ id: `${dc.id}:appeal`, action: 'complaint.appeal', at: appealAt, actorId: shop.owner.userId, role: 'shopOwner', reason: dc.appeal });
  return {
    _id: dc.id,
    version: history.length,
    history,
    outbox: [],
    pendingAudit: [],
    hasPending: false,
    shopId: shop._id,
    shopName: shop.name,
    classCode: cls.code,
    className: cls.name,
    description: dc.text,
    photos: [before],
    complainantId,
    state: 'confirmed',
    deadline,
    fix: { photos: [after], note: dc.fixNote, at: fixedAt, inTime: dc.inTime },
    verified: true,
    ...(dc.appeal ? { appeal: { reason: dc.appeal, at: appealAt, status: 'pending' as const } } : {}),
    scope: { ...shop.scope, public: false, createdBy: complainantId, orgIds: [`shop:${shop._id}`] },
    createdAt,
    updatedAt: dc.appeal ? appealAt : confirmedAt,
  };
}

/** The score trend the rule gives: registration at 100/A, then a point after each confirmation. */
function trendOf(complaints: PlaqueComplaint[], start: Date): { at: Date; score: number; grade: Grade }[] {
  const points: { at: Date; score: number; grade: Grade }[] = [{ at: start, score: 100, grade: 'A' }];
  for (const c of [...complaints].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())) {
    const at = c.history.find((e) => e.action === 'complaint.confirm')!.at;
    const counted = complaints.filter((x) => x.history.some((e) => e.action === 'complaint.confirm' && e.at <= at));
    const { score } = scoreOf(counted.map(asVerified).filter((x): x is VerifiedComplaint => !!x), at);
    points.push({ at, score, grade: nextGrade(points[points.length - 1].grade, score) });
  }
  return points;
}

export async function seedPlaqueDemo(deps: Deps, openidFor: (persona: string) => Promise<string>, now = new Date()) {
  const db: Db = deps.db;
  const users = db.collection<User>(USERS);
  const complainant = await users.findOne({ persona: 'citizen2' });
  if (!complainant) throw new Error('seedPlaqueDemo needs the demo personas (seedDemo) first');
  let complaints = 0;
  for (const [i, s] of DEMO_SHOPS.entries()) {
    const persona = i === 0 ? 'shop-owner' : `shop-owner-${i + 1}`;
    const roles: RoleBinding[] = [{ role: 'shopOwner', cityId: SHOP_PLACE.cityId, townId: SHOP_PLACE.townId, gridIds: [SHOP_PLACE.gridId] }];
    let owner = await users.findOne({ persona });
    // a database seeded when the demo shops stood in Dongguan: the owner's binding moves with the shop
    if (owner && owner.roles[0]?.cityId !== SHOP_PLACE.cityId) await users.updateOne({ _id: owner._id }, { $set: { roles, roleKeys: roleKeysOf(roles) } });
    if (!owner) {
      owner = { _id: `u_${persona}`, openid: await openidFor(persona), persona, name: i === 0 ? '王老板（商户）' : `${s.name}店主`, phone: `1380000005${i}`, roles, roleKeys: roleKeysOf(roles), createdAt: now, version: 1 };
      await users.insertOne(owner);
    }
    const registered = new Date(now.getTime() - 90 * DAY);
    const base: Shop = {
      _id: s.id,
      version: 1,
      history: [],
      outbox: [],
      pendingAudit: [],
      hasPending: false,
      name: s.name,
      licenceNo: s.licence,
      address: s.address,
      location: { lng: s.lng, lat: s.lat },
      owner: { userId: owner._id, name: owner.name },
      zone: { frontageM: 8, depthM: 4 },
      duties: [...s.duties],
      scope: { ...SHOP_PLACE, public: true },
      score: 100,
      grade: 'A',
      gradeHistory: [],
      createdAt: registered,
    };
    const docs: PlaqueComplaint[] = [];
    for (const [j, dc] of s.complaints.entries()) docs.push(await demoComplaint(deps, base, dc, j, complainant._id, now));
    for (const d of docs) await db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS).updateOne({ _id: d._id }, { $setOnInsert: d }, { upsert: true });
    // moved from an older seed's Dongguan address: the shop and its complaints follow (scores are unaffected)
    await db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS).updateMany({ shopId: base._id, 'scope.cityId': { $ne: SHOP_PLACE.cityId } }, { $set: { 'scope.cityId': SHOP_PLACE.cityId, 'scope.townId': SHOP_PLACE.townId, 'scope.gridId': SHOP_PLACE.gridId } });
    await db.collection<Shop>(SHOPS).updateOne({ _id: base._id, 'scope.cityId': { $ne: SHOP_PLACE.cityId } }, { $set: { scope: base.scope, address: base.address, location: base.location, licenceNo: base.licenceNo } });
    complaints += docs.length;

    // the score and grade the published rule gives (the nightly job computes exactly this)
    const trend = trendOf(docs, registered);
    const last = trend[trend.length - 1];
    const shop: Shop = { ...base, score: last.score, grade: last.grade, gradeHistory: trend };
    await db.collection<Shop>(SHOPS).updateOne({ _id: shop._id }, { $setOnInsert: shop }, { upsert: true });
    const stored = (await db.collection<Shop>(SHOPS).findOne({ _id: shop._id }))!;
    // a database seeded before the scores were computed (typed-in 86/B, 95/A, 68/C) is brought in line
    if (stored.score !== shop.score || stored.grade !== shop.grade) await rescoreShop(deps, stored);
    else await syncPatrolRule(deps, stored);
  }
  return { shops: DEMO_SHOPS.length, complaints };
}
