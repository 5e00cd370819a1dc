import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPit, withPitSystem } from '../helpers/pit-factory';
import { database } from '../../src/platform/db/client';
import { recordCheckin } from '../../src/contexts/checkin/record-checkin';
import { enrol, facePhoto, northOf, scenePhoto, uploadPhoto } from '../helpers/checkin-factory';
import { PIT_PROJECTS } from '../../src/contexts/pit/pit.collections';
import { listCheckins } from '../../src/contexts/checkin/public';
import { verifyCheckinChain } from '@cityloop/shared/checkin/chain';

const ctx = withPitSystem();
const N = 40;

test(`${N} concurrent check-ins at one site: all written, seq 1…${N} once each, the chain intact`, async () => {
  const { sys, pit } = ctx;
  const people = await Promise.all(Array.from({ length: N }, (_, i) => sys.user(`监测员${i}`, [{ role: 'monitor', cityId: 'dongguan', projectIds: [pit.projectId] }])));
  await sys.db.collection(PIT_PROJECTS).updateOne({ _id: pit.projectId as never }, { $set: { 'parties.monitor.people': people.map((p) => ({ userId: p.id })) } });
  const bodies: Record<string, unknown>[] = [];
  for (const [i, p] of people.entries()) {
    await enrol(sys, p.token, `监测员${i}`, `m${i}`, 100 + i);
    bodies.push({ siteKind: 'pit_site', siteId: pit.projectId, direction: 'in', gps: { ...northOf({ lng: 113.75, lat: 23.0 }, i * 3), accuracyM: 10 }, photoHash: await uploadPhoto(sys, p.token, scenePhoto()), face: { photoHash: await uploadPhoto(sys, p.token, facePhoto(`m${i}`)) } });
  }
  const results = await Promise.all(people.map((p, i) => sys.call('POST', '/api/checkins', { token: p.token, body: bodies[i] })));
  assert.deepEqual(results.map((r) => r.status), Array(N).fill(201), JSON.stringify(results.find((r) => r.status !== 201)?.json));
  const records = await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: pit.projectId });
  assert.deepEqual(records.map((r) => r.seq), Array.from({ length: N }, (_, i) => i + 1));
  assert.equal(new Set(records.map((r) => r.userId)).size, N);
  assert.equal(verifyCheckinChain(records), null);
  // tampering with one stored record is detected at its link
  await sys.db.collection('checkins').updateOne({ _id: records[9].id as never }, { $set: { distanceM: 1 } });
  assert.equal(verifyCheckinChain(await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: pit.projectId })), 10);
  const list = await sys.call('GET', `/api/checkins?siteKind=pit_site&siteId=${pit.projectId}`, { token: pit.people.townRegulator.token });
  assert.equal(list.json.data.chainIntact, false);
});

/**
 * A function instance remembers the end of each chain it wrote and lets its own check-ins at a site take turns, so
 * the collisions that remain are between instances. A second `Db` object on the same database stands for a second
 * instance (nothing remembered is shared): its check-ins, direct, race the first instance's HTTP ones.
 */
test('two instances at one site: a stale remembered head collides, is re-read, and the chain stays intact', async () => {
  const { sys } = ctx;
  const pit = await buildPit(sys);
  const otherInstance = { ...sys.deps, db: database(sys.deps.config.mongodbUri, sys.deps.config.dbName) };
  assert.notEqual(otherInstance.db, sys.deps.db);
  const roles = [{ role: 'monitor' as const, cityId: 'dongguan', projectIds: [pit.projectId] }];
  const people = await Promise.all(Array.from({ length: 24 }, (_, i) => sys.user(`另一实例监测员${i}`, roles)));
  await sys.db.collection(PIT_PROJECTS).updateOne({ _id: pit.projectId as never }, { $set: { 'parties.monitor.people': people.map((p) => ({ userId: p.id })) } });
  const bodies: Record<string, unknown>[] = [];
  for (const [i, p] of people.entries()) {
    await enrol(sys, p.token, `另一实例监测员${i}`, `o${i}`, 300 + i);
    bodies.push({ siteKind: 'pit_site', siteId: pit.projectId, direction: 'in', gps: { ...northOf({ lng: 113.75, lat: 23.0 }, i * 3), accuracyM: 10 }, photoHash: await uploadPhoto(sys, p.token, scenePhoto()), face: { photoHash: await uploadPhoto(sys, p.token, facePhoto(`o${i}`)) } });
  }
  const viaHttp = (i: number) => sys.call('POST', '/api/checkins', { token: people[i].token, body: bodies[i] }).then((r) => r.status);
  const direct = (i: number) => recordCheckin(otherInstance, { userId: people[i].id, roles }, bodies[i] as never, {}).then((r) => (r.doc.seq > 0 ? 201 : 500));
  // one after another: the first instance remembers seq 1, the other writes seq 2, the first's next insert at seq 2
  // collides and goes to seq 3 from the head
  assert.equal(await viaHttp(0), 201);
  assert.equal(await direct(1), 201);
  assert.equal(await viaHttp(2), 201);
  const seqOf = async () => (await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: pit.projectId })).map((r) => [r.userId, r.seq]);
  assert.deepEqual(await seqOf(), [[people[0].id, 1], [people[1].id, 2], [people[2].id, 3]]);
  // then both instances at once
  const statuses = await Promise.all(people.slice(3).map((_, k) => (k % 2 ? direct(k + 3) : viaHttp(k + 3))));
  assert.deepEqual(statuses, Array(people.length - 3).fill(201));
  const records = await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: pit.projectId });
  assert.deepEqual(records.map((r) => r.seq), Array.from({ length: people.length }, (_, i) => i + 1));
  assert.equal(new Set(records.map((r) => r.userId)).size, people.length);
  assert.equal(verifyCheckinChain(records), null);
});
