import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SwrCache } from '../../src/platform/cache/swr-cache';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const deferred = <T>() => {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

test('100 concurrent misses of one key share one load', async () => {
  const c = clock();
  const cache = new SwrCache<string>({ freshMs: 3000, staleMs: 13000, maxEntries: 10, now: c.now });
  let loads = 0;
  const d = deferred<string>();
  const all = Array.from({ length: 100 }, () => cache.get('k', () => (loads++, d.promise)));
  d.resolve('v1');
  assert.deepEqual(new Set(await Promise.all(all)), new Set(['v1']));
  assert.equal(loads, 1);
});

test('a stale entry is answered at once while one refresh runs; past staleMs the caller waits', async () => {
  const c = clock();
  const cache = new SwrCache<string>({ freshMs: 3000, staleMs: 13000, maxEntries: 10, now: c.now });
  await cache.get('k', async () => 'v1');
  c.advance(5000);
  let loads = 0;
  const d = deferred<string>();
  assert.equal(cache.get('k', () => (loads++, d.promise)), 'v1');
  assert.equal(cache.get('k', () => (loads++, d.promise)), 'v1');
  assert.equal(loads, 1, 'one refresh for many stale reads');
  d.resolve('v2');
  await d.promise;
  await new Promise((r) => setImmediate(r));
  assert.equal(cache.get('k', async () => 'never'), 'v2');
  c.advance(20_000);
  const late = cache.get('k', async () => 'v3');
  assert.ok(late instanceof Promise, 'too old to serve: the caller waits for the load');
  assert.equal(await late, 'v3');
});

test('a failed refresh keeps the stale answer and reports the error; a failed first load rejects', async () => {
  const c = clock();
  const errors: unknown[] = [];
  const cache = new SwrCache<string>({ freshMs: 3000, staleMs: 13000, maxEntries: 10, now: c.now, onRefreshError: (_k, e) => errors.push(e) });
  await cache.get('k', async () => 'v1');
  c.advance(4000);
  assert.equal(cache.get('k', async () => { throw new Error('db down'); }), 'v1');
  await new Promise((r) => setImmediate(r));
  assert.equal((errors[0] as Error).message, 'db down');
  assert.equal(cache.get('k', async () => 'v2'), 'v1', 'still the stale value, next refresh started');
  await assert.rejects(async () => cache.get('other', async () => { throw new Error('boom'); }), /boom/);
});

test('null is not cached, delete forgets, and the oldest entry goes first when full', async () => {
  const c = clock();
  const cache = new SwrCache<string>({ freshMs: 3000, staleMs: 13000, maxEntries: 2, now: c.now });
  assert.equal(await cache.get('gone', async () => null), null);
  assert.equal(cache.size, 0);
  await cache.get('a', async () => 'A');
  await cache.get('b', async () => 'B');
  await cache.get('c', async () => 'C');
  assert.equal(cache.size, 2);
  assert.equal(await cache.get('a', async () => 'A2'), 'A2', 'a was evicted and reloaded');
  cache.delete('a');
  assert.equal(await cache.get('a', async () => 'A3'), 'A3');
});
