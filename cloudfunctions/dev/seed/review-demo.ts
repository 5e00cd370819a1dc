import { createHash } from 'node:crypto';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import type { ReviewConclusion } from '@cityloop/shared/dangerous-works/review-outcome';
import type { Deps } from '../../src/platform/deps';
import { newId } from '../../src/platform/ids';
import { USERS, type User } from '../../src/platform/auth/users';
import { ensureContact } from '../../src/platform/auth/users.repository';
import { BLOBS, blobKey, type BlobMeta } from '../../src/contexts/evidence/blob.collection';
import { findDwProject } from '../../src/contexts/schemereview/public';
import { registerProject } from '../../src/contexts/schemereview/register-project';
import { schemeAction, uploadScheme } from '../../src/contexts/schemereview/scheme-commands';
import { applyExpert } from '../../src/contexts/schemereview/expert-library';
import { applyReview, drawExperts } from '../../src/contexts/schemereview/apply-review';
import { respondToInvitation } from '../../src/contexts/schemereview/invitations';
import { fileReport, giveOpinion, informExperts, signIn } from '../../src/contexts/schemereview/meeting';
import { archiveReview } from '../../src/contexts/schemereview/archive-review';
import { REVIEW_SITE_KIND } from '../../src/contexts/schemereview/meeting-presence';
import { enrolPerson, recordCheckin } from '../../src/contexts/checkin/public';
import { idNumberCheckDigitOk } from '@cityloop/shared/checkin/checkin.contract';
import { standinFaceImage } from '../standins/tencent/iai-face.handler';
import { findScheme } from '../../src/contexts/schemereview/scheme.repository';
import { findReview } from '../../src/contexts/schemereview/review.repository';
import { demoPng } from './plaque-demo';
import type { OpenidFor } from './demo-seeds';

const C = 'dongguan';
const HOUR = 3_600_000;
/** The seeded pit project A (pit-demo.ts): its 危大 register is the 超规模 deep pit linked to its monitoring. */
const PIT_A = 'pj_demo0nc0pit0a';
const PROJECTS = [
  { id: PIT_A, name: '南城国际商务中心', address: '东莞市南城街道鸿福路88号', townId: 'nancheng', loc: { lng: 113.748, lat: 23.012 }, pit: true, items: [{ name: '主楼深基坑（12 m）', category: 'excavation', fields: { depthM: 12 } }], outcome: '通过' },
  { id: 'pj_demo0dw0hfs0b', name: '东城文化中心', address: '东莞市东城街道东纵路66号', townId: 'dongcheng', loc: { lng: 113.781, lat: 23.031 }, items: [{ name: '报告厅高大模板（9 m）', category: 'formwork_support', fields: { heightM: 9 } }], outcome: '修改后通过' },
  { id: 'pj_demo0dw0crn0c', name: '松山湖科创园三期', address: '东莞市松山湖大道9号', townId: 'nancheng', loc: { lng: 113.752, lat: 23.016 }, items: [{ name: '塔吊安装拆卸（额定 320 kN·m 级）', category: 'crane_erection', fields: { ratedLoadKN: 320 } }], outcome: '不通过' },
  { id: 'pj_demo0dw0scf0d', name: '南城滨江住宅', address: '东莞市南城街道滨江路18号', townId: 'nancheng', loc: { lng: 113.744, lat: 23.02 }, items: [{ name: '落地式脚手架（55 m）', category: 'scaffold_floor', fields: { heightM: 55 } }], outcome: 'inviting' },
  { id: 'pj_demo0dw0cw00e', name: '东城金融大厦', address: '东莞市东城街道东城大道1号', townId: 'dongcheng', loc: { lng: 113.779, lat: 23.028 }, items: [{ name: '人工挖孔桩（12 m）', category: 'manual_dug_pile', fields: { depthM: 12 } }, { name: '玻璃幕墙（60 m）', category: 'curtain_wall', fields: { constructionHeightM: 60 } }], outcome: 'committed' },
] as const;
const PARTICIPANTS = (p: string) => [
  { role: 'owner', org: `${p}建设单位` },
  { role: 'contractor', org: '广东建工集团' },
  { role: 'supervisor', org: '东莞正信工程监理' },
  { role: 'designer', org: '东莞市建筑设计院' },
  { role: 'monitor', org: '广东岩土监测中心' },
];
/** A project of the contractor's and supervisor's bindings not yet registered: the demo registers it on the pages. */
export const PENDING_PROJECT = 'pj_demo0dw0new0f';
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏';
const EMPLOYERS = ['华南理工大学', '东莞理工学院', '广东省建筑科学研究院', '广州大学', '中建四局', '广东建工集团', '东莞正信工程监理', '省岩土勘察设计院'];
const SPECIALTIES = ['geotech', 'formwork', 'lifting', 'geotech', 'formwork', 'lifting', 'steel'];

/** The demo personas of the review (log in as them); experts are people of the library. */
export const REVIEW_PERSONAS = [
  { persona: 'review-contractor', name: '林施工（施工单位·危大工程技术负责人）', phone: '13800000161', role: 'contractor' as const },
  { persona: 'review-supervisor', name: '何总监（监理单位·总监理工程师）', phone: '13800000162', role: 'supervisor' as const },
  { persona: 'review-expert', name: '郑专家（论证专家·岩土/深基坑）', phone: '13800000163', role: null },
];

async function storeDoc(deps: Deps, bytes: Buffer, type: 'application/pdf' | 'image/png' | 'image/jpeg', purpose: 'document' | 'photo', uploadedBy: string, at: Date) {
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (!(await deps.blobs.exists(blobKey(sha)))) await deps.blobs.put(blobKey(sha), bytes, type);
  const meta: BlobMeta = { _id: sha, size: bytes.length, contentType: type, uploadedBy, at, purpose };
  await deps.db.collection<BlobMeta>(BLOBS).updateOne({ _id: sha }, { $setOnInsert: meta }, { upsert: true });
  return sha;
}
const pdfOf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/** A Dongguan (4419) resident ID number with a valid check digit, the n-th of the demo. */
function demoIdNumber(n: number): string {
  const body = `4419001975${String(101 + (n % 800)).padStart(4, '0')}${String(100 + n).slice(-3)}`;
  return body + [...'0123456789X'].find((c) => idNumberCheckDigitOk(body + c))!;
}

/**
 * The expert checks in (or out) at the meeting venue through the check-in machinery's own command, with a face
 * photo the IAI stand-in matches to their enrolment (enrolled the first time, through the enrolment command).
 */
async function venueCheckin(d: Deps, inv: { userId: string; name: string }, reviewId: string, loc: { lng: number; lat: number }, direction: 'in' | 'out', scene: string, enrolled: Set<string>) {
  const actor = { userId: inv.userId, roles: [] };
  const face = (salt: string) => storeDoc(d, standinFaceImage(inv.userId, { salt }), 'image/jpeg', 'photo', inv.userId, d.now());
  if (!enrolled.has(inv.userId)) {
    await enrolPerson(d, actor, { name: inv.name, idNumber: demoIdNumber(enrolled.size), photoHash: await face('enrol') }, {});
    enrolled.add(inv.userId);
  }
  await recordCheckin(d, actor, { siteKind: REVIEW_SITE_KIND, siteId: reviewId, direction, gps: { ...loc, accuracyM: 12 }, photoHash: scene, face: { photoHash: await face(`${reviewId}-${direction}`) } }, {});
}

async function persona(deps: Deps, openidFor: OpenidFor, p: (typeof REVIEW_PERSONAS)[number], roles: RoleBinding[], at: Date): Promise<string> {
  const users = deps.db.collection<User>(USERS);
  const found = await users.findOne({ persona: p.persona });
  if (found) return found._id;
  const id = newId('u', at.getTime());
  await users.insertOne({ _id: id, openid: await openidFor(p.persona), persona: p.persona, name: p.name, phone: p.phone, roles, roleKeys: roleKeysOf(roles), createdAt: at, version: 1 } as User);
  return id;
}

/**
 * 危大工程 demo: a library of 30 experts (several specialties and employers), five projects across categories — the
 * seeded pit A's 12 m deep pit (linked to its monitoring) and reviews in each outcome (通过 archived, 修改后通过 waiting
 * for the revision, 不通过, one inviting, one applied for) — all through the real commands on a moving clock.
 * Idempotent: nothing when pit A's register exists.
 */
export async function seedReviewDemo(deps: Deps, openidFor: OpenidFor) {
  if (await findDwProject(deps.db, PIT_A)) return { skipped: true };
  let t = deps.now().getTime() - 20 * 24 * HOUR;
  const d: Deps = { ...deps, now: () => new Date(t) };
  const at = () => new Date(t);
  const projectIds = [...PROJECTS.map((p) => p.id), PENDING_PROJECT];
  const contractorId = await persona(deps, openidFor, REVIEW_PERSONAS[0], [{ role: 'contractor', cityId: C, projectIds }], at());
  const supervisorId = await persona(deps, openidFor, REVIEW_PERSONAS[1], [{ role: 'supervisor', cityId: C, projectIds }], at());
  const expertUserId = await persona(deps, openidFor, REVIEW_PERSONAS[2], [], at());
  const contractor = { userId: contractorId, roles: [{ role: 'contractor' as const, cityId: C, projectIds }] };
  const supervisor = { userId: supervisorId, roles: [{ role: 'supervisor' as const, cityId: C, projectIds }] };
  const regulatorUser = await deps.db.collection<User>(USERS).findOne({ persona: 'city-regulator' });
  const regulator = { userId: regulatorUser?._id ?? 'u_seed_regulator', roles: [{ role: 'regulator' as const, level: 'city' as const, cityId: C }] };

  // the library: 30 experts; the persona expert is the first
  for (let i = 0; i < 30; i++) {
    const name = i === 0 ? '郑专家' : `${SURNAMES[i]}${['建国', '立新', '志强', '文华', '振宇'][i % 5]}`;
    const phone = i === 0 ? REVIEW_PERSONAS[2].phone : `1390000${String(1000 + i).slice(-4)}`;
    await applyExpert(d, regulator, C, { name, phone, title: i % 3 === 0 ? '正高级' : '高级', years: 15 + (i % 12), richExperience: false, badCredit: false, specialties: i === 0 ? ['geotech', 'safety'] : [SPECIALTIES[i % SPECIALTIES.length], ...(i % 7 === 0 ? ['safety'] : [])], employer: EMPLOYERS[i % EMPLOYERS.length] }, {});
  }
  // two applications waiting for the keeper (their own, from the library's public page)
  for (const [i, a] of [{ name: '邝振华', title: '正高级' as const, years: 12, richExperience: true, specialties: ['demolition'] }, { name: '温志明', title: '高级' as const, years: 17, richExperience: false, specialties: ['geotech', 'safety'] }].entries()) {
    const phone = `1390000${2001 + i}`;
    const userId = await ensureContact(d.db, { name: a.name, phone }, at());
    await applyExpert(d, { userId, roles: [] }, C, { ...a, phone, badCredit: false, employer: EMPLOYERS[(i + 3) % EMPLOYERS.length] }, {});
  }
  const png = (k: number, j: number) => demoPng([60 + k * 30, 100 + j * 20, 140]);
  const enrolled = new Set<string>();

  for (const [k, p] of PROJECTS.entries()) {
    t += HOUR;
    const proj = await registerProject(d, contractor, p.id, { name: p.name, address: p.address, townId: p.townId, location: p.loc, participants: PARTICIPANTS(p.name), items: p.items.map((i) => ({ ...i, fields: { ...i.fields } })), ...('pit' in p ? { pitProjectId: PIT_A } : {}) }, {});
    for (const item of proj.items.filter((i) => i.schemeId)) {
      const sid = item.schemeId!;
      const doc = async (kind: string) => storeDoc(d, pdfOf(`${p.name} ${item.name} ${kind}`), 'application/pdf', 'document', contractorId, at());
      let s = (await findScheme(d.db, sid))!;
      s = await uploadScheme(d, contractor, sid, { scheme: await doc('方案'), calculations: await doc('计算书'), drawings: await doc('图纸'), note: '', version: s.version }, {});
      s = await schemeAction(d, contractor, sid, 'sign', { note: '', version: s.version }, {});
      s = await schemeAction(d, supervisor, sid, 'approve', { note: '同意报审', version: s.version }, {});
      if (item.level !== '超规模危大') continue;
      t += HOUR;
      const meetingAt = new Date(t + 2 * 24 * HOUR);
      const review = await applyReview(d, contractor, sid, { meetingAt: meetingAt.toISOString(), venue: '东莞市住建局 3 楼论证室', venueLocation: p.loc, declaredConflicts: [], version: s.version }, {});
      if (p.outcome === 'committed') continue;
      t += HOUR;
      let r = await drawExperts(d, regulator, review._id, {});
      if (p.outcome === 'inviting') continue;
      for (const inv of r.invitations) r = await respondToInvitation(d, { userId: inv.userId, roles: [] }, r._id, true, '', {});
      t = meetingAt.getTime();
      const panel = r.invitations.filter((i) => i.status === 'accepted');
      for (const [j, inv] of panel.entries()) {
        const actor = { userId: inv.userId, roles: [] };
        const photo = await storeDoc(d, png(k, j), 'image/png', 'photo', inv.userId, at());
        await venueCheckin(d, inv, r._id, p.loc, 'in', photo, enrolled);
        await signIn(d, actor, r._id, {});
        await giveOpinion(d, actor, r._id, { text: `${item.name}：${p.outcome === '通过' ? '方案可行' : p.outcome === '修改后通过' ? '立杆间距与验算需调整' : '基础承载力验算缺失，方案不可行'}`, conclusion: p.outcome as ReviewConclusion, sign: true }, {});
      }
      t += 3 * HOUR;
      r = (await findReview(d.db, r._id))!;
      r = await fileReport(d, { userId: panel[0].userId, roles: [] }, r._id, { conclusion: p.outcome as ReviewConclusion, summary: `专家组一致意见：${p.outcome}`, version: r.version }, {});
      for (const [j, inv] of panel.entries()) await venueCheckin(d, inv, r._id, p.loc, 'out', await storeDoc(d, png(k, j), 'image/png', 'photo', inv.userId, at()), enrolled);
      if (p.outcome === '通过') {
        t += 24 * HOUR;
        await archiveReview(d, regulator, r._id, r.version, {});
      }
    }
  }
  // the persona expert has an account already (a contact until they sign in): nothing else to bind
  void expertUserId;
  t = deps.now().getTime();
  return { projects: PROJECTS.length, experts: 30 };
}
