import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { LIMIT_SLOTS, takeSlots, type Limit } from '../../src/platform/limits/limit-slots';
import { DomainError } from '@cityloop/shared/errors';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

// The Open311 partner limit's shape: a small window inside a very large one.
const PARTNER: Limit = { windows: [{ name: 'minute', ms: 60_000, max: 60 }, { name: 'day', ms: 86_400_000, max: 5000 }], message: '调用过于频繁' };

// Found by the harness (races): 80 concurrent first requests on a partner key each created the day window's 5000
// slot documents (one insertMany of 5000 each, mostly duplicates) on the one FerretDB connection, and no request
// answered within 60 s. Slots are now created as they are needed, a few at a time.
test('80 concurrent first uses of a 60/min + 5000/day limit: exactly 60 pass, quickly, without creating 5000 slots', async () => {
  const now = new Date('2026-03-02T02:00:00Z');
  const t0 = Date.now();
  const rs = await Promise.allSettled(Array.from({ length: 80 }, () => takeSlots(sys.db, 'report:partner-1', PARTNER, now)));
  const ms = Date.now() - t0;
  assert.equal(rs.filter((r) => r.status === 'fulfilled').length, 60);
  assert.ok(rs.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof DomainError && (r as PromiseRejectedResult).reason.status === 429));
  const daySlots = await sys.db.collection(LIMIT_SLOTS).countDocuments({ key: 'report:partner-1|day' });
  assert.ok(daySlots >= 60 && daySlots <= 300, `day slots created: ${daySlots}`);
  assert.ok(ms < 30_000, `took ${ms} ms`);
  // the day's slots still cap at their maximum: a small limit is exact at its edge
  const small: Limit = { windows: [{ name: 'day', ms: 86_400_000, max: 7 }], message: 'x' };
  const small40 = await Promise.allSettled(Array.from({ length: 40 }, () => takeSlots(sys.db, 'k-small', small, now)));
  assert.equal(small40.filter((r) => r.status === 'fulfilled').length, 7);
  assert.equal(await sys.db.collection(LIMIT_SLOTS).countDocuments({ key: 'k-small|day' }), 7);
});
