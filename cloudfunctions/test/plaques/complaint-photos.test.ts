/**
 * The complainant sees the fix: short-lived signed photo URLs on their complaint (their own photo and the
 * shop's after photo) that really download; the public plaque shows only the shop's after photos; the shop's
 * view of the same complaint never names the complainant. Links are bound to complaint, photo and expiry.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let city: CityFixture;
let owner: { id: string; token: string };
let clock = Date.parse('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Dongguan
const SHOP = 'pq_test0photos001';
const CITIZEN_PHONE = '13700001234';
const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
let complaintId = '';
let before_ = '';
let after_ = '';
let otherComplaint = '';

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  await sys.db.collection('users').updateOne({ _id: city.citizen.id as never }, { $set: { phone: CITIZEN_PHONE, name: '赵投诉人' } });
  owner = await sys.user('店主', [{ role: 'shopOwner', cityId: 'dongguan', townId: 'nancheng' }], { phone: '13911113333' });
  await sys.db.collection('shops').insertOne({
    _id: SHOP as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false,
    name: '照片测试店', licenceNo: '91441900MA5PHOTO1', address: '南城鸿福路 30 号', location: { lng: 113.746, lat: 23.004 },
    owner: { userId: owner.id, name: '孙老板', phone: '13911113333' }, zone: { frontageM: 8, depthM: 4 }, duties: ['sanitation', 'order'],
    scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', public: true }, score: 100, grade: 'A', gradeHistory: [], createdAt: new Date(clock),
  });
  before_ = await photo(sys, await tok(city.citizen.id), 'before');
  const r = await sys.call('POST', `/api/plaques/${SHOP}/complaints`, { token: await tok(city.citizen.id), body: { classCode: '0102', description: '门口垃圾堆放未清理', photos: [before_], location: { lng: 113.7461, lat: 23.0041 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  complaintId = r.json.data.id;
  clock += 40 * 60_000;
  after_ = await photo(sys, await tok(owner.id), 'after');
  const fixed = await sys.call('POST', `/api/plaque-complaints/${complaintId}/fix`, { token: await tok(owner.id), body: { note: '垃圾已清走', photos: [after_], version: r.json.data.version } });
  assert.equal(fixed.json.data.state, 'fixed');
  const other = await sys.call('POST', `/api/plaques/${SHOP}/complaints`, { token: await tok(city.citizen2.id), body: { classCode: '0201', description: '卷帘门上小广告', photos: [await photo(sys, await tok(city.citizen2.id), 'other')] } });
  otherComplaint = other.json.data.id;
});
after(async () => sys.close());

const sha256 = (b: ArrayBuffer) => createHash('sha256').update(Buffer.from(b)).digest('hex');
async function download(url: string) {
  const res = await fetch(sys.url + url);
  return { status: res.status, type: res.headers.get('content-type'), sha: res.status === 200 ? sha256(await res.arrayBuffer()) : null };
}

test('the complainant’s page has URLs of their photo and the shop’s after photo, and GET returns those bytes', async () => {
  const r = await sys.call('GET', `/api/plaque-complaints/${complaintId}`, { token: await tok(city.citizen.id) });
  assert.equal(r.status, 200);
  const c = r.json.data;
  assert.equal(c.mine, true);
  assert.equal(c.state, 'fixed');
  assert.equal(c.photoUrls.length, 1);
  assert.equal(c.fixPhotoUrls.length, 1);
  const fix = await download(c.fixPhotoUrls[0]);
  assert.deepEqual([fix.status, fix.type, fix.sha], [200, 'image/jpeg', after_], 'the after photo, byte for byte');
  const own = await download(c.photoUrls[0]);
  assert.deepEqual([own.status, own.sha], [200, before_]);
  // the evidence route agrees: the complainant may read the record the after photo is attached to; a stranger may not
  assert.equal((await fetch(`${sys.url}/api/blobs/${after_}`, { headers: { authorization: `Bearer ${await tok(city.citizen.id)}` } })).status, 200);
  assert.equal((await sys.call('GET', `/api/blobs/${after_}`, { token: await tok(city.citizen2.id) })).status, 404);
});

test('the shop’s view of the same complaint: photos, but no trace of who complained', async () => {
  const r = await sys.call('GET', `/api/plaque-complaints/${complaintId}`, { token: await tok(owner.id) });
  assert.equal(r.status, 200);
  assert.equal(r.json.data.mine, false);
  assert.equal((await download(r.json.data.photoUrls[0])).sha, before_);
  const listed = await sys.call('GET', '/api/shop/complaints', { token: await tok(owner.id) });
  for (const body of [JSON.stringify(r.json), JSON.stringify(listed.json)]) {
    for (const secret of [city.citizen.id, CITIZEN_PHONE, '赵投诉人', '113.7461', 'complainant', 'createdBy']) assert.ok(!body.includes(secret), `the shop sees no ${secret}`);
  }
});

test('the public plaque: the fix photos of recent complaints, never the complainant’s photos or identity', async () => {
  const v = await sys.call('GET', `/api/plaques/${SHOP}`);
  const rec = v.json.data.recentComplaints.find((x: { id: string }) => x.id === complaintId);
  assert.deepEqual([rec.photos, rec.photoUrls], [[], []]);
  assert.equal(rec.fixPhotoUrls.length, 1);
  assert.equal((await download(rec.fixPhotoUrls[0])).sha, after_);
  const unfixed = v.json.data.recentComplaints.find((x: { id: string }) => x.id === otherComplaint);
  assert.deepEqual(unfixed.fixPhotoUrls, []);
  const body = JSON.stringify(v.json);
  for (const secret of [city.citizen.id, city.citizen2.id, CITIZEN_PHONE, '赵投诉人', before_]) assert.ok(!body.includes(secret), `the public sees no ${secret}`);
});

test('a link works for its own complaint and photo only, and not after it expires', async () => {
  const v = await sys.call('GET', `/api/plaques/${SHOP}`);
  const link: string = v.json.data.recentComplaints.find((x: { id: string }) => x.id === complaintId).fixPhotoUrls[0];
  const swappedPhoto = link.replace(after_, before_);
  assert.equal((await download(swappedPhoto)).status, 404, 'the public link cannot be turned into the complainant’s photo');
  const swappedComplaint = link.replace(complaintId, otherComplaint);
  assert.equal((await download(swappedComplaint)).status, 404);
  const forged = link.replace(/sig=([0-9a-f])/, (_, ch: string) => `sig=${ch === '0' ? '1' : '0'}`);
  assert.equal((await download(forged)).status, 404);
  const later = link.replace(/exp=(\d+)/, (_, e: string) => `exp=${Number(e) + 3600}`);
  assert.equal((await download(later)).status, 404, 'the expiry is signed');
  assert.equal((await download(link)).status, 200);
  clock += 25 * 60_000; // past the 15-minute life (rounded up to 5 minutes)
  const expired = await sys.call('GET', link);
  assert.deepEqual([expired.status, expired.json.error], [404, 'photo_link_invalid']);
  const fresh = await sys.call('GET', `/api/plaque-complaints/${complaintId}`, { token: await tok(city.citizen.id) });
  assert.equal((await download(fresh.json.data.fixPhotoUrls[0])).sha, after_, 'a reload gets a fresh link');
});
