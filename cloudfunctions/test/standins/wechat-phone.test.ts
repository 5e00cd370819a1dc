import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '@cityloop/shared/errors';
import { createWechatClient } from '../../src/platform/wechat/wechat-client';
import { WechatApiError } from '../../src/platform/wechat/wechat-api-error';
import { startStandins, type Standins } from '../../dev/standins/start-standins';

process.env.CITYLOOP_LOG = 'silent';

/** getuserphonenumber on the WeChat stand-in, raw and through our client (docs/domain/identity.md §1). */
let s: Standins;
before(async () => (s = await startStandins()));
after(() => s.close());

const token = async () => {
  const r = await fetch(`${s.wechatBaseUrl}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: s.credentials.appId, secret: s.credentials.appSecret }) });
  return ((await r.json()) as { access_token: string }).access_token;
};
const raw = async (accessToken: string | null, body: string) => {
  const q = accessToken === null ? '' : `?access_token=${encodeURIComponent(accessToken)}`;
  const r = await fetch(`${s.wechatBaseUrl}/wxa/business/getuserphonenumber${q}`, { method: 'POST', body });
  assert.equal(r.status, 200, 'WeChat answers errors with HTTP 200');
  return (await r.json()) as { errcode: number; errmsg: string; phone_info?: Record<string, unknown> };
};

test('the real reply shape: errcode 0, phone_info with the number, country code and a watermark of our appid', async () => {
  const t = await token();
  const r = await raw(t, JSON.stringify({ code: s.wechat.phoneCode('13655551234') }));
  assert.equal(r.errcode, 0);
  assert.equal(r.errmsg, 'ok');
  assert.deepEqual({ ...r.phone_info, watermark: undefined }, { phoneNumber: '13655551234', purePhoneNumber: '13655551234', countryCode: '86', watermark: undefined });
  const wm = r.phone_info!.watermark as { appid: string; timestamp: number };
  assert.equal(wm.appid, s.credentials.appId);
  assert.ok(Math.abs(wm.timestamp - Date.now() / 1000) < 60);
});

test('errcodes: 41001 no token, 40001 bad token, 47001 not JSON, 40029 forged / used / older than 5 minutes', async () => {
  const t = await token();
  assert.equal((await raw(null, '{"code":"x"}')).errcode, 41001);
  assert.equal((await raw('not-a-token', '{"code":"x"}')).errcode, 40001);
  assert.equal((await raw(t, 'not json')).errcode, 47001);
  assert.equal((await raw(t, JSON.stringify({ code: 'e31968a7f94cc5ee25fafc2aef2773f0' }))).errcode, 40029);
  const code = s.wechat.phoneCode('13655551235');
  assert.equal((await raw(t, JSON.stringify({ code }))).errcode, 0);
  const used = await raw(t, JSON.stringify({ code }));
  assert.equal(used.errcode, 40029);
  assert.match(used.errmsg, /^invalid code rid: /);
  assert.equal((await raw(t, JSON.stringify({ code: s.wechat.phoneCode('13655551236', 5 * 60_000 + 1) }))).errcode, 40029);
  assert.equal((await raw(t, JSON.stringify({ code: s.wechat.phoneCode('13655551236', 4 * 60_000) }))).errcode, 0, 'still valid just under 5 minutes');
});

test('the client maps errcodes to errors people can read; misconfiguration stays an internal WechatApiError', async () => {
  const wx = createWechatClient({ baseUrl: s.wechatBaseUrl, appId: s.credentials.appId, appSecret: s.credentials.appSecret });
  assert.deepEqual(await wx.getPhoneNumber(s.wechat.phoneCode('13655551237')), { purePhoneNumber: '13655551237', countryCode: '86' });
  await assert.rejects(wx.getPhoneNumber('forged'), (e) => e instanceof DomainError && e.status === 400 && e.code === 'wx_phone_code_invalid');
  s.wechat.failPhoneCalls(-1);
  await assert.rejects(wx.getPhoneNumber(s.wechat.phoneCode('13655551238')), (e) => e instanceof DomainError && e.status === 503);
  s.wechat.expireTokens();
  assert.equal((await wx.getPhoneNumber(s.wechat.phoneCode('13655551238'))).purePhoneNumber, '13655551238', 'an expired token (42001) is renewed once');
  const wrong = createWechatClient({ baseUrl: s.wechatBaseUrl, appId: s.credentials.appId, appSecret: 'wrong' });
  await assert.rejects(wrong.getPhoneNumber(s.wechat.phoneCode('13655551239')), (e) => e instanceof WechatApiError && e.errcode === 40125);
});
