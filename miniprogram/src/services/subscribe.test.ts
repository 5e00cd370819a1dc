import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SubscriptionReport } from '@cityloop/shared/notify/subscriptions';
import { createAskSubscribe, planSubscribe, readSubscribeAnswer, readSubscribeFailure, subscribeToast, type TemplateTable } from './subscribe';

const TABLE: TemplateTable = {
  a: { id: 'T_A', kind: 'longTerm' },
  b: { id: 'T_B', kind: 'longTerm' },
  c: { id: 'T_C', kind: 'longTerm' },
  d: { id: 'T_D', kind: 'longTerm' },
  e: { id: 'T_E', kind: 'longTerm' },
  f: { id: 'T_F', kind: 'longTerm' },
  once: { id: 'T_ONCE', kind: 'oneTime' },
  alias: { id: 'T_A', kind: 'longTerm' },
};

test('planSubscribe: ids in order, no repeats, one kind only, at most 5', () => {
  assert.deepEqual(planSubscribe(['progress', 'pitAlarm']), { tmplIds: ['TPL_PROGRESS', 'TPL_PIT_ALARM'], dropped: [] });
  assert.deepEqual(planSubscribe(['a', 'a', 'alias', 'b'], TABLE), { tmplIds: ['T_A', 'T_B'], dropped: [] });
  assert.deepEqual(planSubscribe(['a', 'once', 'b'], TABLE), { tmplIds: ['T_A', 'T_B'], dropped: ['once'] });
  assert.deepEqual(planSubscribe(['once', 'a'], TABLE), { tmplIds: ['T_ONCE'], dropped: ['a'] });
  assert.deepEqual(planSubscribe(['a', 'b', 'c', 'd', 'e', 'f'], TABLE), { tmplIds: ['T_A', 'T_B', 'T_C', 'T_D', 'T_E'], dropped: ['f'] });
  assert.deepEqual(planSubscribe(['nope', 'toString'], TABLE), { tmplIds: [], dropped: ['nope', 'toString'] });
  assert.deepEqual(planSubscribe([], TABLE), { tmplIds: [], dropped: [] });
});

test('readSubscribeAnswer: accept / reject / ban are decisions, filter and strays are not', () => {
  const ids = ['T_A', 'T_B', 'T_C'];
  assert.deepEqual(readSubscribeAnswer(ids, { errMsg: 'requestSubscribeMessage:ok', T_A: 'accept', T_B: 'accept', T_C: 'accept' }).status, 'accepted');
  const mixed = readSubscribeAnswer(ids, { T_A: 'accept', T_B: 'reject', T_C: 'filter', T_X: 'accept' });
  assert.deepEqual(mixed, { status: 'partial', results: [{ templateId: 'T_A', choice: 'accept' }, { templateId: 'T_B', choice: 'reject' }] });
  assert.equal(readSubscribeAnswer(ids, { T_A: 'ban', T_B: 'reject' }).status, 'refused');
  assert.deepEqual(readSubscribeAnswer(ids, { T_A: 'filter' }), { status: 'nothing', results: [] });
  assert.deepEqual(readSubscribeAnswer(ids, undefined), { status: 'nothing', results: [] });
});

test('readSubscribeFailure: the main switch off refuses them all; other failures record nothing', () => {
  assert.deepEqual(readSubscribeFailure(['T_A', 'T_B'], { errCode: 20004, errMsg: 'requestSubscribeMessage:fail' }), {
    status: 'refused',
    results: [{ templateId: 'T_A', choice: 'reject' }, { templateId: 'T_B', choice: 'reject' }],
    errCode: 20004,
  });
  assert.deepEqual(readSubscribeFailure(['T_A'], { errCode: 10005, errMsg: 'cannot show' }), { status: 'failed', results: [], errCode: 10005 });
  assert.deepEqual(readSubscribeFailure(['T_A'], new Error('boom')), { status: 'failed', results: [] });
  assert.deepEqual(readSubscribeFailure(['T_A'], null), { status: 'failed', results: [] });
});

test('subscribeToast: a Chinese line for every outcome', () => {
  assert.equal(subscribeToast({ status: 'accepted', results: [] }), '已开启消息提醒');
  assert.equal(subscribeToast({ status: 'unsupported', results: [] }), '请在微信小程序中开启消息提醒');
  assert.match(subscribeToast({ status: 'refused', results: [], errCode: 20004 }), /关闭订阅消息/);
  for (const status of ['partial', 'refused', 'failed', 'timeout', 'nothing'] as const) assert.match(subscribeToast({ status, results: [] }), /[\u4e00-\u9fa5]/);
});

function harness(request: (ids: string[]) => Promise<unknown> | null, opts: { loggedIn?: boolean; reportFails?: boolean; timeoutMs?: number } = {}) {
  const asked: string[][] = [];
  const reports: SubscriptionReport[] = [];
  const ask = createAskSubscribe({
    request: (ids) => {
      asked.push(ids);
      return request(ids);
    },
    report: async (body) => {
      reports.push(body);
      if (opts.reportFails) throw new Error('network down');
    },
    canReport: () => opts.loggedIn ?? true,
    timeoutMs: opts.timeoutMs,
  });
  return { ask, asked, reports };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

test('askSubscribe: asks synchronously (inside the tap), resolves with the answer and reports it', async () => {
  const h = harness(async () => ({ TPL_PROGRESS: 'reject' }));
  const p = h.ask(['progress']);
  assert.deepEqual(h.asked, [['TPL_PROGRESS']], 'the dialog is requested before the first await');
  assert.deepEqual(await p, { status: 'refused', results: [{ templateId: 'TPL_PROGRESS', choice: 'reject' }] });
  await tick();
  assert.deepEqual(h.reports, [{ results: [{ templateId: 'TPL_PROGRESS', choice: 'reject' }] }]);
});

test('askSubscribe: H5 (no dialog) → unsupported at once, nothing reported', async () => {
  const h = harness(() => null);
  assert.deepEqual(await h.ask(['progress', 'pitAlarm']), { status: 'unsupported', results: [] });
  await tick();
  assert.deepEqual(h.reports, []);
});

test('askSubscribe: never throws — a throwing or failing dialog, a failing report, no session', async () => {
  const throws = harness(() => {
    throw Object.assign(new Error('not a tap'), { errCode: 10005 });
  });
  assert.equal((await throws.ask(['progress'])).status, 'failed');
  const fails = harness(() => Promise.reject({ errCode: 20004, errMsg: 'main switch off' }), { reportFails: true });
  assert.equal((await fails.ask(['progress'])).status, 'refused');
  await tick();
  assert.equal(fails.reports.length, 1, 'reported, and its failure swallowed');
  const anon = harness(async () => ({ TPL_PROGRESS: 'accept' }), { loggedIn: false });
  assert.equal((await anon.ask(['progress'])).status, 'accepted');
  await tick();
  assert.deepEqual(anon.reports, []);
  const none = harness(async () => ({}));
  assert.deepEqual(await none.ask([]), { status: 'nothing', results: [] });
  assert.deepEqual(none.asked, [], 'no dialog for an empty list');
});

test('askSubscribe: no answer in time → the caller goes on; the late answer is still reported', async () => {
  let answer!: (v: unknown) => void;
  const h = harness(() => new Promise((r) => (answer = r)), { timeoutMs: 5 });
  assert.deepEqual(await h.ask(['pitAlarm']), { status: 'timeout', results: [] });
  answer({ TPL_PIT_ALARM: 'accept' });
  await tick();
  assert.deepEqual(h.reports, [{ results: [{ templateId: 'TPL_PIT_ALARM', choice: 'accept' }] }]);
});
