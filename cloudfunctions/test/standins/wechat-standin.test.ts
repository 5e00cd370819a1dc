import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '@cityloop/shared/errors';
import { createWechatClient, type WechatClient } from '../../src/platform/wechat/wechat-client';
import { WechatApiError } from '../../src/platform/wechat/wechat-api-error';
import { startStandins, type Standins } from '../../dev/standins/start-standins';

process.env.CITYLOOP_LOG = 'silent';

let s: Standins;
const TPL = 'TPL_CASE_UPDATE';
before(async () => {
  s = await startStandins({ wechatTemplates: [{ id: TPL, keys: ['thing1', 'phrase2'] }, 'TPL_OTHER'] });
});
after(() => s.close());

const client = (over: { appSecret?: string; now?: () => number } = {}): WechatClient =>
  createWechatClient({ baseUrl: s.wechatBaseUrl, appId: s.credentials.appId, appSecret: over.appSecret ?? s.credentials.appSecret, now: over.now });
const count = (kind: string) => s.log.filter((e) => e.kind === kind).length;
const data = { thing1: { value: '您举报的工地扬尘已派单' }, phrase2: { value: '处理中' } };

async function loggedIn(persona: string): Promise<string> {
  return (await client().code2Session(`${persona}.${Math.random().toString(36).slice(2)}`)).openid;
}

test('code2Session returns the persona’s stable openid; a reused code is a DomainError', async () => {
  const wx = client();
  const { openid } = await wx.code2Session('citizen1.x7f');
  assert.equal(openid, s.wechat.openidFor('citizen1'));
  assert.match(openid, /^o[A-Za-z0-9_-]{27}$/);
  assert.equal((await wx.code2Session('citizen1.k2p')).openid, openid); // another login, same person
  assert.notEqual((await wx.code2Session('citizen2.k2p')).openid, openid);

  await assert.rejects(wx.code2Session('citizen1.x7f'), (e: unknown) => {
    assert.ok(e instanceof DomainError);
    assert.deepEqual([e.code, e.status, e.message], ['wx_login_failed', 400, '登录凭证无效或已过期，请重新登录']);
    return true;
  });
  assert.match(s.log.at(-1)?.error ?? '', /^40163 /);
});

test('a garbage code is 40029 → wx_login_failed; a bad secret is a server error, not the user’s', async () => {
  await assert.rejects(client().code2Session('not a code!'), { code: 'wx_login_failed' });
  assert.match(s.log.at(-1)?.error ?? '', /^40029 /);
  await assert.rejects(client({ appSecret: 'wrong' }).code2Session('citizen3.a'), (e: unknown) => e instanceof WechatApiError && e.errcode === 40125);
});

test('paths are case-sensitive: /sns/jscode2Session answers 40066', async () => {
  const q = new URLSearchParams({ appid: s.credentials.appId, secret: s.credentials.appSecret, js_code: 'citizen4.a', grant_type: 'authorization_code' });
  const res = await fetch(`${s.wechatBaseUrl}/sns/jscode2Session?${q}`);
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { errcode: number }).errcode, 40066);
});

test('the access token is fetched once and reused until expires_in − 300 s', async () => {
  let now = Date.now();
  const wx = client({ now: () => now });
  const openid = await loggedIn('citizen5');
  const before = count('stable_token');
  assert.deepEqual((await wx.sendSubscribeMessage({ touser: openid, template_id: TPL, data })).ok, true);
  assert.deepEqual((await wx.sendSubscribeMessage({ touser: openid, template_id: TPL, data })).ok, true);
  assert.equal(count('stable_token') - before, 1);
  now += (7200 - 300) * 1000 - 1000;
  await wx.getAccessToken();
  assert.equal(count('stable_token') - before, 1);
  now += 2000;
  await wx.getAccessToken();
  assert.equal(count('stable_token') - before, 2);
});

test('a revoked (40001) or expired (42001) token is refetched once and the send succeeds', async () => {
  const wx = client();
  const openid = await loggedIn('citizen6');
  await wx.getAccessToken();
  for (const [expire, errcode] of [[() => s.wechat.revokeTokens(), '40001'], [() => s.wechat.expireTokens(), '42001']] as const) {
    const before = count('stable_token');
    expire();
    const r = await wx.sendSubscribeMessage({ touser: openid, template_id: TPL, data });
    assert.equal(r.ok, true);
    assert.equal(count('stable_token') - before, 1);
    assert.ok(s.log.some((e) => e.kind === 'subscribeMessage.send' && e.error?.startsWith(errcode)));
  }
});

test('success returns the 64-bit msgid exactly, as a string', async () => {
  const openid = await loggedIn('citizen7');
  const r = await client().sendSubscribeMessage({ touser: openid, template_id: TPL, page: 'pages/index/index?case=1', data });
  assert.ok(r.ok);
  assert.ok(Number(r.msgid) > Number.MAX_SAFE_INTEGER);
  assert.equal((s.log.at(-1)?.payload as { msgid: string }).msgid, r.msgid);
  assert.equal(s.log.at(-1)?.to, openid);
});

test('the SERVER rejects a too-long thing with 47003 naming the field (sent raw, past local checks)', async () => {
  const openid = await loggedIn('citizen8');
  const token = await client().getAccessToken();
  const send = async (body: unknown) => {
    const res = await fetch(`${s.wechatBaseUrl}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { errcode: number; errmsg: string };
  };
  const long = await send({ touser: openid, template_id: TPL, data: { ...data, thing1: { value: '一'.repeat(21) } } });
  assert.equal(long.errcode, 47003);
  assert.match(long.errmsg, /^argument invalid! data\.thing1\.value invalid/);
  const phrase = await send({ touser: openid, template_id: TPL, data: { ...data, phrase2: { value: 'done' } } });
  assert.match(phrase.errmsg, /data\.phrase2\.value invalid/);
  assert.equal((await send({ touser: openid, template_id: TPL, data: JSON.stringify(data) })).errcode, 47003);
  assert.equal((await send({ touser: openid, template_id: TPL, data: { thing1: data.thing1 } })).errcode, 47003); // phrase2 missing
  assert.equal((await send({ touser: openid, template_id: 'TPL_NOPE', data })).errcode, 40037);
  assert.equal((await send({ touser: openid, template_id: TPL, data: { ...data, thing1: { value: '一'.repeat(20) } } })).errcode, 0);
});

test('the client validates locally: an invalid field never reaches WeChat', async () => {
  const openid = await loggedIn('citizen9');
  const before = count('subscribeMessage.send');
  const r = await client().sendSubscribeMessage({ touser: openid, template_id: TPL, data: { ...data, thing1: { value: 'x'.repeat(21) } } });
  assert.deepEqual(r.ok ? null : [r.errcode, r.errmsg.startsWith('argument invalid! data.thing1.value invalid')], [47003, true]);
  assert.equal(count('subscribeMessage.send'), before);
});

test('an openid WeChat never issued is 40003; a refused subscription is 43101; neither throws', async () => {
  const wx = client();
  const stranger = await wx.sendSubscribeMessage({ touser: s.wechat.openidFor('never-logged-in'), template_id: TPL, data });
  assert.deepEqual(stranger.ok ? null : stranger.errcode, 40003);
  const openid = await loggedIn('citizen10');
  s.wechat.refuse(openid, TPL);
  const refused = await wx.sendSubscribeMessage({ touser: openid, template_id: TPL, data });
  assert.deepEqual(refused.ok ? null : refused.errcode, 43101);
  assert.equal((await wx.sendSubscribeMessage({ touser: openid, template_id: 'TPL_OTHER', data })).ok, true);
});

test('a bad app secret makes sends fail as data (40125), not exceptions', async () => {
  const r = await client({ appSecret: 'wrong' }).sendSubscribeMessage({ touser: s.wechat.openidFor('citizen1'), template_id: TPL, data });
  assert.deepEqual(r.ok ? null : r.errcode, 40125);
});

test('GET /__log serves the shared log to other processes', async () => {
  const res = await fetch(`${s.wechatBaseUrl}/__log?service=wechat`);
  const entries = (await res.json()) as Array<{ service: string; kind: string; ok: boolean }>;
  assert.equal(entries.length, s.log.filter((e) => e.service === 'wechat').length);
  assert.ok(entries.some((e) => e.kind === 'code2Session' && e.ok));
  assert.ok(entries.some((e) => e.kind === 'subscribeMessage.send' && !e.ok));
});
