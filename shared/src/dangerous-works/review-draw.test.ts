import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { drawOrder, replayDraw, seedCommitment } from './review-draw';

const seed = '3f'.repeat(32);
const ids = ['ex_a', 'ex_b', 'ex_c', 'ex_d', 'ex_e', 'ex_f', 'ex_g'];

test('the commitment is the SHA-256 of the seed text, as documented', () => {
  assert.equal(seedCommitment(seed), createHash('sha256').update(seed).digest('hex'));
});

test('the order sorts sha256(seed:review:id) ascending: independent of pool order, changes with seed and review', () => {
  const o = drawOrder(seed, 'rv_1', ids);
  const byHand = [...ids].sort((a, b) => {
    const k = (id: string) => createHash('sha256').update(`${seed}:rv_1:${id}`).digest('hex');
    return k(a) < k(b) ? -1 : 1;
  });
  assert.deepEqual(o, byHand);
  assert.deepEqual(drawOrder(seed, 'rv_1', [...ids].reverse()), o);
  assert.notDeepEqual(drawOrder(seed, 'rv_2', ids), o);
  assert.notDeepEqual(drawOrder('40'.repeat(32), 'rv_1', ids), o);
  // an expert added later does not move the others relative to each other
  assert.deepEqual(drawOrder(seed, 'rv_1', [...ids, 'ex_z']).filter((x) => x !== 'ex_z'), o);
});

test('replay reproduces the order and refuses a tampered or missing seed', () => {
  const order = drawOrder(seed, 'rv_1', ids);
  const rec = { reviewId: 'rv_1', commitment: seedCommitment(seed), seed, eligible: ids, order };
  assert.deepEqual(replayDraw(rec), { ok: true, order, matches: true });
  const tampered = replayDraw({ ...rec, seed: '3e' + seed.slice(2) });
  assert.equal(tampered.ok, false);
  assert.equal(!tampered.ok && tampered.reason, 'seed_does_not_match_commitment');
  assert.equal((replayDraw({ ...rec, seed: null }) as { reason: string }).reason, 'seed_not_revealed');
  const swapped = replayDraw({ ...rec, order: [order[1], order[0], ...order.slice(2)] });
  assert.equal(swapped.ok && swapped.matches, false);
});
