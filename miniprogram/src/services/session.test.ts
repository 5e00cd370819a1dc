import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, KEYS, memoryStore } from './session';

test('session: save, read, clear', () => {
  const store = memoryStore();
  const s = createSession(store);
  assert.equal(s.isLoggedIn(), false);
  assert.equal(s.getUser(), null);
  s.save({ token: 'T', user: { id: 'u1', name: '王巡查', roleLabel: '巡查员' } });
  assert.equal(s.getToken(), 'T');
  assert.deepEqual(s.getUser(), { id: 'u1', name: '王巡查', roleLabel: '巡查员' });
  s.setUser({ id: 'u1', name: '王巡查', roleLabel: '中队长' });
  assert.equal(s.getUser()?.roleLabel, '中队长');
  s.clear();
  assert.equal(s.getToken(), null);
  assert.equal(s.getUser(), null);
});

test('session: a stale user without a token is not returned; junk is ignored', () => {
  const store = memoryStore();
  store.set(KEYS.user, { id: 'u', name: 'x' });
  const s = createSession(store);
  assert.equal(s.getUser(), null);
  store.set(KEYS.token, 'T');
  store.set(KEYS.user, 'garbage');
  assert.equal(s.getUser(), null);
  store.set(KEYS.token, '');
  assert.equal(s.isLoggedIn(), false);
});

test('large-text preference persists independently of login', () => {
  const store = memoryStore();
  const s = createSession(store);
  assert.equal(s.getLargeText(), false);
  s.setLargeText(true);
  s.clear();
  assert.equal(createSession(store).getLargeText(), true);
});
