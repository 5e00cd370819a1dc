import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem } from '../helpers/test-system';
import { INDEX_STAMP, ensureIndexesOnce, indexFingerprint } from '../../src/platform/db/indexes';
import type { CollectionIndexes } from '../../src/platform/context-module';

const sys = await startTestSystem();
after(() => sys.close());

test('a cold start on a stamped database reads the stamp and creates no index; a changed list is ensured and stamped', async () => {
  // the test system ensured the declared indexes: the stamp is there, so the instance's first request skips them
  const stamp = await sys.db.collection(INDEX_STAMP.collection).findOne({ _id: INDEX_STAMP.id as never });
  assert.ok(stamp, 'ensureIndexes stamps the database');
  assert.equal(await ensureIndexesOnce(sys.db), 'current');

  // a deployment that declares one more index: its first instance creates it (and only then stamps)
  const more: CollectionIndexes[] = [{ collection: 'stamp_probe', indexes: [{ key: { at: 1 }, name: 'at_1' }] }];
  assert.deepEqual(await ensureIndexesOnce(sys.db, more), ['stamp_probe.at_1']);
  const names = (await sys.db.collection('stamp_probe').indexes()).map((i) => i.name);
  assert.ok(names.includes('at_1'), names.join());
  const after = await sys.db.collection<{ _id: string; fingerprint: string }>(INDEX_STAMP.collection).findOne({ _id: INDEX_STAMP.id });
  assert.equal(after?.fingerprint, indexFingerprint(more));
  assert.equal(await ensureIndexesOnce(sys.db, more), 'current');
});
