import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPitSystem } from '../helpers/pit-factory';
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
