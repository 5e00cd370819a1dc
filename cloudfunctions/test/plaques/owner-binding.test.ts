import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { bindingCodesIn } from '../helpers/pdf-codes';
import { issueToken } from '../../src/platform/auth/jwt';
import { SHOPS, type PlaqueComplaint, type Shop } from '../../src/contexts/plaques/plaque.collections';
import { bindingCodeOf } from '../../src/contexts/plaques/owner-binding';
import { escalateOverdueComplaints } from '../../src/contexts/plaques/plaque.jobs';
import type { User } from '../../src/platform/auth/users';

let sys: TestSystem;
let city: CityFixture;
let regA: { id: string; token: string };
let clock = Date.parse('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Dongguan
const tick = (ms: number) => void (clock += ms);
const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
let shops: { id: string; name: string }[] = [];

const HEADER = 'licenceNo,name,address,lng,lat,ownerName,ownerPhone,frontageM,depthM,duties';
const PHONES = ['13911120001', '13911120002', '13911120003'];
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  regA = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]);
  const rows = ['91441900MA5BND0001,老王烧腊店,南城街道鸿福路 12 号,113.7452,23.0041,王五', '91441900MA5BND0002,鸿福便利店,南城街道鸿福路 14 号,113.7455,23.0042,李四', '91441900MA5BND0003,粤味茶餐厅,南城街道鸿福路 18 号,113.7461,23.0043,陈六'].map(
    (r, i) => `${r},${PHONES[i]},8,4,包卫生、包秩序`,
  );
  const r = await sys.call('POST', '/api/plaques/import', { token: regA.token, body: { cityId: 'dongguan', text: [HEADER, ...rows].join('\n') } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  shops = r.json.data.shops;
});
after(async () => sys.close());

const shopDoc = (id: string) => sys.db.collection<Shop>(SHOPS).findOne({ _id: id });
const smsCodeTo = (phone: string) => (sys.standins.log.filter((e) => e.kind === 'SendSms' && e.ok && e.to === `+86${phone}`).at(-1)?.payload as { params: string[] } | undefined)?.params[0];
const start = (bindingCode: string) => sys.call('POST', '/api/shop-binding/sms', { body: { bindingCode } });
const finish = (bindingCode: string, code: string, token?: string) => sys.call('POST', '/api/shop-binding', { body: { bindingCode, code }, token });
const kit = async (ids: string[], token = regA.token) => {
  const res = await fetch(`${sys.url}/api/plaque-pdf?ids=${ids.join(',')}&kit=1`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
};
const codes: Record<string, string> = {};

test('the plaque kit prints each unbound shop’s 绑定码 on an owner page after its plaque; the plain plaque has none', async () => {
  const pdf = await kit(shops.map((s) => s.id));
  assert.equal((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length, 6, 'plaque + owner page per shop');
  const printed = bindingCodesIn(pdf);
  assert.equal(printed.length, 3);
  for (const [i, s] of shops.entries()) {
    const doc = (await shopDoc(s.id))!;
    assert.equal(printed[i], bindingCodeOf(sys.deps.config.codeSecret, s.id, doc.ownerBinding!.nonce));
    assert.ok(!JSON.stringify(doc).includes(printed[i]), 'only the hash is stored');
    codes[s.id] = printed[i];
  }
  assert.deepEqual(bindingCodesIn(await kit([shops[0].id])), [codes[shops[0].id]], 'a reprint shows the same code');
  const plain = await fetch(`${sys.url}/api/plaque-pdf?ids=${shops[0].id}`, { headers: { authorization: `Bearer ${regA.token}` } });
  assert.deepEqual(bindingCodesIn(Buffer.from(await plain.arrayBuffer())), []);
});

test('a complaint to a shop whose owner has not bound goes to the grid’s 片长 with the reason, and does not expire into enforcement', async () => {
  const r = await sys.call('POST', `/api/plaques/${shops[0].id}/complaints`, { token: await tok(city.citizen.id), body: { classCode: '0502', description: '店外摆卖占用人行道', photos: [await photo(sys, await tok(city.citizen.id), 'unbound-1')] } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.state, 'referred');
  assert.equal(r.json.data.stateLabel, '已转片长');
  const c = (await sys.db.collection<PlaqueComplaint>('plaque_complaints').findOne({ _id: r.json.data.id }))!;
  assert.equal(c.referralReason, '商户尚未绑定账号');
  const refer = c.history.find((e) => e.action === 'complaint.refer')!;
  assert.deepEqual([refer.role, refer.from, refer.to, refer.reason], ['system', 'open', 'referred', '商户尚未绑定账号']);
  const inbox = await sys.call('GET', '/api/inbox', { token: await tok(city.chiefA.id) });
  assert.ok(JSON.stringify(inbox.json).includes('商户尚未绑定账号'), JSON.stringify(inbox.json).slice(0, 400));
  tick(3 * 86_400_000);
  assert.equal((await escalateOverdueComplaints(sys.deps)).escalated, 0);
  assert.equal((await sys.db.collection<PlaqueComplaint>('plaque_complaints').findOne({ _id: c._id }))?.state, 'referred');
});

test('a malformed or unknown 绑定码 is a 400; nothing is sent', async () => {
  const before = sys.standins.log.length;
  for (const code of ['ABC', 'ZZZZZ-ZZZZZ', 'OOOOO-11111']) {
    const r = await start(code);
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.json.message, '绑定码不正确，请核对责任牌资料上的绑定码');
  }
  assert.equal(sys.standins.log.length, before);
});

test('the owner binds: the 绑定码 sends an SMS code to the phone on file (masked), the code signs in as the owner, the complaint comes back to the shop', async () => {
  const [a] = shops;
  const s = await start(codes[a.id].toLowerCase().replace('-', ' '));
  assert.equal(s.status, 200, JSON.stringify(s.json));
  assert.deepEqual(s.json.data, { shopName: '老王烧腊店', phone: '139****0001', resendAfterSec: 60, expiresInSec: 300 });
  const code = smsCodeTo(PHONES[0])!;
  assert.match(code, /^\d{6}$/);
  const wrong = await finish(codes[a.id], String((Number(code) + 1) % 1e6).padStart(6, '0'));
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.message, '验证码错误（还可尝试4次）');
  assert.equal((await shopDoc(a.id))?.ownerBinding?.boundAt, undefined, 'a wrong SMS code does not use the 绑定码');

  const ok = await finish(codes[a.id], code);
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  const doc = (await shopDoc(a.id))!;
  assert.equal(ok.json.data.user.id, doc.owner.userId);
  assert.equal(ok.json.data.shopId, a.id);
  assert.ok(ok.json.data.user.roles.some((r: { role: string }) => r.role === 'shopOwner'));
  assert.ok(doc.ownerBinding?.boundAt);
  assert.equal(doc.history.filter((e) => e.action === 'shop.bind_owner').length, 1);
  const owner = (await sys.db.collection<User>('users').findOne({ _id: doc.owner.userId }))!;
  assert.ok(owner.phoneVerifiedAt);

  const mine = await sys.call('GET', '/api/shop/complaints', { token: ok.json.data.token });
  assert.equal(mine.status, 200);
  assert.equal(mine.json.data.length, 1);
  assert.equal(mine.json.data[0].state, 'open', 'back with the shop');
  assert.ok(Date.parse(mine.json.data[0].deadline) > clock, 'with a fresh deadline');
  const fix = await sys.call('POST', `/api/plaque-complaints/${mine.json.data[0].id}/fix`, { token: ok.json.data.token, body: { note: '已收回货架', photos: [await photo(sys, ok.json.data.token, 'fixed-1')], version: mine.json.data[0].version } });
  assert.equal(fix.status, 200, JSON.stringify(fix.json));
  assert.equal(fix.json.data.state, 'fixed');

  // a new complaint now goes straight to the shop
  const next = await sys.call('POST', `/api/plaques/${a.id}/complaints`, { token: await tok(city.citizen2.id), body: { classCode: '0104', description: '门前油污一大片', photos: [await photo(sys, await tok(city.citizen2.id), 'bound-2')] } });
  assert.equal(next.json.data.state, 'open');
});

test('a 绑定码 used twice → 410 绑定码已使用, at the SMS step and at the last step', async () => {
  const [a] = shops;
  const again = await start(codes[a.id]);
  assert.equal(again.status, 410);
  assert.equal(again.json.message, '绑定码已使用');
  const late = await finish(codes[a.id], '123456');
  assert.equal(late.status, 410);
});

test('a 绑定码 of another shop sends the code to that shop’s owner: the code on my phone is a wrong code there', async () => {
  const [, b, c] = shops;
  const mine = await start(codes[c.id]); // my own shop: a code to my phone
  assert.equal(mine.json.data.phone, '139****0003');
  const other = await start(codes[b.id]);
  assert.equal(other.status, 200);
  assert.equal(other.json.data.phone, '139****0002', 'the other owner’s number, masked');
  const r = await finish(codes[b.id], smsCodeTo(PHONES[2])!);
  assert.equal(r.status, 400);
  assert.equal(r.json.message, '验证码错误（还可尝试4次）');
  assert.equal((await shopDoc(b.id))?.ownerBinding?.boundAt, undefined);
});

test('10 concurrent binds with the right codes: exactly one wins, one binding event', async () => {
  const [, , c] = shops;
  const code = smsCodeTo(PHONES[2])!;
  const rs = await Promise.all(Array.from({ length: 10 }, () => finish(codes[c.id], code)));
  assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.json.message])));
  assert.ok(rs.every((r) => r.status === 200 || r.status === 400 || r.status === 410));
  assert.equal((await shopDoc(c.id))!.history.filter((e) => e.action === 'shop.bind_owner').length, 1);
});

test('a fresh WeChat account that binds hands its openid to the owner account and is retired', async () => {
  const [, b] = shops;
  tick(61_000);
  await start(codes[b.id]);
  const fresh = await sys.user('微信用户', [], { openid: 'o_shop_owner_b' });
  const r = await finish(codes[b.id], smsCodeTo(PHONES[1])!, fresh.token);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const doc = (await shopDoc(b.id))!;
  assert.equal(r.json.data.user.id, doc.owner.userId);
  assert.equal((await sys.db.collection<User>('users').findOne({ _id: doc.owner.userId }))?.openid, 'o_shop_owner_b');
  assert.equal((await sys.call('GET', '/api/me', { token: fresh.token })).status, 401);
});

const form = (over: Record<string, unknown> = {}) => ({ cityId: 'dongguan', licenceNo: '91441900MA5FRM0001', name: '鸿福糖水铺', address: '南城街道鸿福路 20 号', lng: 113.7463, lat: 23.0044, ownerName: '赵七', ownerPhone: '139 1112 0009', frontageM: 6, depthM: 3, duties: '包卫生', ...over });

test('one shop by form (片长): checked like an import row, with a plaque code and a 绑定码; others refused', async () => {
  const chief = await tok(city.chiefA.id);
  const bad = await sys.call('POST', '/api/plaques/shops', { token: chief, body: form({ ownerPhone: '1391112', frontageM: undefined, depthM: undefined }) });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error, 'shop_rejected');
  assert.deepEqual(bad.json.data.errors.map((e: { field: string }) => e.field).sort(), ['depthM', 'frontageM', 'ownerPhone']);
  const elsewhere = await sys.call('POST', '/api/plaques/shops', { token: chief, body: form({ lng: 113.8452 }) });
  assert.equal(elsewhere.status, 400);
  assert.match(elsewhere.json.message, /不在您的管辖范围内/);
  assert.equal((await sys.call('POST', '/api/plaques/shops', { token: await tok(city.citizen.id), body: form() })).status, 403);

  const ok = await sys.call('POST', '/api/plaques/shops', { token: chief, body: form() });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.match(ok.json.data.id, /^pq_/);
  const doc = (await shopDoc(ok.json.data.id))!;
  assert.ok(doc.ownerBinding?.codeHash);
  const owner = (await sys.db.collection<User>('users').findOne({ _id: doc.owner.userId }))!;
  assert.deepEqual([owner.name, owner.phone, owner.openid], ['赵七', '13911120009', undefined]);
  const dup = await sys.call('POST', '/api/plaques/shops', { token: chief, body: form({ name: '另一家' }) });
  assert.equal(dup.status, 400);
  assert.match(dup.json.message, /已登记/);
});
