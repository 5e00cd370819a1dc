import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, type CityFixture } from '../helpers/city-factory';
import { requireOwnEvidence } from '../../src/contexts/evidence/own-evidence';

let sys: TestSystem;
let city: CityFixture;
before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
});
after(async () => sys.close());

const jpeg = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`scene ${seed}`)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const start = (token: string, bytes: Buffer) => sys.call('POST', '/api/uploads', { token, body: { sha256: sha(bytes), size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
const complete = (token: string, bytes: Buffer) => sys.call('POST', '/api/uploads/complete', { token, body: { sha256: sha(bytes), purpose: 'photo' } });
async function upload(token: string, bytes: Buffer) {
  const s = await start(token, bytes);
  if (s.json.data.uploadUrl) assert.equal((await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) })).status, 200);
  return complete(token, bytes);
}
const report = (token: string, photo: string) =>
  sys.call('POST', '/api/cases', { token, body: { facilityId: city.facilityA, kind: 'component', classCode: '0101', description: '井盖松动，有异响', photos: [photo], location: { lng: 113.745, lat: 23.005, accuracy: 15 } } });

test('knowing another user\'s photo hash is not having it: no shortcut, no claim without the bytes, no attaching it', async () => {
  const bytes = jpeg('A only');
  assert.equal((await upload(city.citizen.token, bytes)).status, 201);
  // citizen2 has only the hash (seen in a response, say)
  const s = await start(city.citizen2.token, bytes);
  assert.equal(s.json.data.alreadyStored, false, 'an existing blob is not a shortcut for someone who has not uploaded it');
  assert.ok(s.json.data.uploadUrl);
  const claim = await complete(city.citizen2.token, bytes);
  assert.equal(claim.status, 400);
  assert.equal(claim.json.error, 'upload_missing');
  const before = await sys.db.collection('cases').countDocuments();
  const r = await report(city.citizen2.token, sha(bytes));
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json.error, 'evidence_not_yours');
  assert.match(r.json.message, /本人/);
  assert.equal(await sys.db.collection('cases').countDocuments(), before, 'nothing written');
  const read = await sys.call('GET', `/api/blobs/${sha(bytes)}`, { token: city.citizen2.token });
  assert.equal(read.status, 404, 'nor can they read it');
  // the first uploader can use it
  assert.equal((await report(city.citizen.token, sha(bytes))).status, 201);
});

test('someone who really has the same bytes uploads them and holds the blob too', async () => {
  const bytes = jpeg('same scene, two phones');
  assert.equal((await upload(city.citizen.token, bytes)).status, 201);
  const second = await upload(city.citizen2.token, bytes);
  assert.equal(second.status, 201, JSON.stringify(second.json));
  assert.equal((await start(city.citizen2.token, bytes)).json.data.alreadyStored, true);
  const read = await fetch(`${sys.url}/api/blobs/${sha(bytes)}`, { headers: { authorization: `Bearer ${city.citizen2.token}` } });
  assert.equal(read.status, 200);
  assert.deepEqual(Buffer.from(await read.arrayBuffer()), bytes);
  assert.equal(await sys.db.collection('blobs').countDocuments({ _id: sha(bytes) as never }), 1, 'still one blob');
});

test('a staging upload that does not hash to its name is refused before it is stored', async () => {
  const bytes = jpeg('honest');
  const s = await start(city.citizen.token, bytes);
  const put = await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(jpeg('something else')) });
  assert.equal(put.status, 400);
  assert.equal((await complete(city.citizen.token, bytes)).json.error, 'upload_missing');
});

test('after photos cannot be the report\'s own photos, even re-uploaded by the fixer', async () => {
  const bytes = jpeg('the problem');
  await upload(city.citizen.token, bytes);
  await upload(city.unitA.token, bytes); // the unit downloaded the report photo and uploaded it as its own
  await assert.rejects(requireOwnEvidence(sys.db, city.unitA.id, [sha(bytes)], { images: true, notAmong: [sha(bytes)] }), (e: { code?: string }) => e.code === 'photo_reused');
  await requireOwnEvidence(sys.db, city.unitA.id, [sha(bytes)], { images: true }); // its own upload otherwise
  await assert.rejects(requireOwnEvidence(sys.db, city.patrollerA.id, [sha(bytes)], { images: true }), (e: { code?: string }) => e.code === 'evidence_not_yours');
  await assert.rejects(requireOwnEvidence(sys.db, city.unitA.id, ['0'.repeat(64)], { images: true }), (e: { code?: string }) => e.code === 'photos_missing');
});

test('evidence is read by who may read its record: the grid\'s chief yes, staff of another town or another domain no', async () => {
  const bytes = jpeg('report photo, private');
  await upload(city.citizen.token, bytes);
  // an event report by location (a new case, not a follow of the component case above)
  const r = await sys.call('POST', '/api/cases', { token: city.citizen.token, body: { kind: 'event', classCode: '0104', description: '路面有大片油污', photos: [sha(bytes)], location: { lng: 113.745, lat: 23.005, accuracy: 15 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const read = (token: string) => fetch(`${sys.url}/api/blobs/${sha(bytes)}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await read(city.chiefA.token)).status, 200, 'the grid\'s area chief');
  assert.equal((await read(city.patrollerA.token)).status, 200, 'the grid\'s patroller');
  assert.equal((await read(city.chiefB.token)).status, 404, 'another town\'s chief');
  assert.equal((await read(city.regulatorB.token)).status, 404, 'another town\'s regulator');
  const pitParty = await sys.user('监测员', [{ role: 'monitor', cityId: 'dongguan', projectIds: ['pj_x'] }]);
  assert.equal((await read(pitParty.token)).status, 404, 'a role in another domain is not a licence to read');
  assert.equal((await read(city.citizen2.token)).status, 404);
  // evidence in an event of the history (an after photo) is found the same way
  const after = jpeg('after photo by the unit');
  await upload(city.unitA.token, after);
  await sys.db.collection('cases').updateOne({ _id: r.json.data.id }, { $push: { history: { id: 'ev_x', action: 'case.report', at: new Date(), actorId: city.unitA.id, evidence: [sha(after)] } } } as never);
  const afterRead = await fetch(`${sys.url}/api/blobs/${sha(after)}`, { headers: { authorization: `Bearer ${city.citizen.token}` } });
  assert.equal(afterRead.status, 200, 'the reporter sees the after photo of their case');
});
