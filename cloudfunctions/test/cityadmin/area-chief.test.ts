/**
 * 片长 assignment (issue 12): the town regulator assigns a grid's 片长 — a user, or a person invited by name and
 * phone; the grid's open cases waiting on the old 片长 move to the new one and both are told; a redeemed 片长
 * invitation for a grid replaces the grid's 片长; new reports of the grid's facilities reach the new 片长.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestSystem } from '../helpers/test-system';
import { photo } from '../helpers/city-factory';
import { demoCities } from './demo-city';

let sys: TestSystem;
let as: Awaited<ReturnType<typeof demoCities>>['as'];
const gridVersion = async (token: string, id: string) => (await sys.call('GET', '/api/admin/grids', { token })).json.data.grids.find((g: { id: string }) => g.id === id).version;
const inbox = async (token: string) => (await sys.call('GET', '/api/inbox', { token })).json.data.items.map((i: { title: string }) => i.title);
const report = async (token: string, facilityId: string, classCode: string, lng: number, lat: number) =>
  sys.call('POST', '/api/cases', { token, body: { facilityId, kind: 'component', classCode, description: '设施损坏', photos: [await photo(sys, token, facilityId)], location: { lng, lat, accuracy: 10 } } });

before(async () => {
  ({ sys, as } = await demoCities());
});
after(async () => sys.close());

test('a 片长 change moves the grid’s open cases to the new 片长, who can act on them; both are told', async () => {
  const citizen = await sys.user('市民甲', []);
  const old = await as('chief-shiqi');
  const reg = await as('shiqi-regulator');
  const a = await report(citizen.token, 'fc_demo0sq01lamp1', '0105', 113.3768, 22.5188);
  const b = await report(citizen.token, 'fc_demo0sq01bin01', '0302', 113.3781, 22.5192);
  assert.equal(a.status, 201, JSON.stringify(a.json));
  const other = await report(citizen.token, 'fc_demo0sq02bus01', '0201', 113.3875, 22.5201); // grid sq-02 stays with the old 片长
  for (const r of [a, b, other]) assert.equal((await sys.db.collection('cases').findOne({ _id: r.json.data.id }))?.routing.areaChiefId, old.id);

  const newcomer = await sys.user('新片长', [], { phone: '13912345678' });
  const r = await sys.call('PUT', '/api/admin/grids/sq-01/chief', { token: reg.token, body: { userId: newcomer.id, version: await gridVersion(reg.token, 'sq-01') } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.data.areaChiefId, r.json.data.previousChiefId, r.json.data.movedCases], [newcomer.id, old.id, 2]);

  for (const x of [a, b]) {
    const c = await sys.db.collection('cases').findOne({ _id: x.json.data.id });
    assert.equal(c?.routing.areaChiefId, newcomer.id);
    assert.equal(c?.history.at(-1).action, 'case.chief_change');
  }
  assert.equal((await sys.db.collection('cases').findOne({ _id: other.json.data.id }))?.routing.areaChiefId, old.id, 'another grid’s case stays');
  // the bindings follow: the new 片长 holds sq-01, the old one keeps sq-02 only
  const nu = await sys.db.collection('users').findOne({ _id: newcomer.id as never });
  assert.deepEqual(JSON.parse(JSON.stringify(nu?.roles)), [{ role: 'areaChief', cityId: 'zhongshan', townId: 'shiqi', gridIds: ['sq-01'] }]);
  const ou = await sys.db.collection('users').findOne({ _id: old.id as never });
  assert.deepEqual(JSON.parse(JSON.stringify(ou?.roles[0].gridIds)), ['sq-02']);
  // the new 片长 sees and accepts the moved case; the old one no longer may
  const newToken = newcomer.token;
  const seen = await sys.call('GET', `/api/cases/${a.json.data.id}`, { token: newToken });
  assert.equal(seen.status, 200);
  const acc = await sys.call('POST', `/api/cases/${a.json.data.id}/actions`, { token: newToken, body: { action: 'accept', version: seen.json.data.version } });
  assert.equal(acc.status, 200, JSON.stringify(acc.json));
  assert.equal((await sys.call('GET', `/api/cases/${b.json.data.id}`, { token: old.token })).status, 404);
  assert.ok((await inbox(newToken)).some((t: string) => t === '您已成为石岐孙文西路网格的片长'));
  assert.ok((await inbox(old.token)).some((t: string) => t === '石岐孙文西路网格已交由新片长负责'));
  // a new report of the grid reaches the new 片长 (the facility reads the 片长 from the grid)
  const d = await report(citizen.token, 'fc_demo0sq01lamp1', '0101', 113.3768, 22.5188);
  assert.equal(d.status, 201, JSON.stringify(d.json));
  assert.equal((await sys.db.collection('cases').findOne({ _id: d.json.data.id }))?.routing.areaChiefId, newcomer.id);
});

test('a stale version, another town’s regulator, another city’s admin: refused, nothing changes', async () => {
  const reg = await as('shiqi-regulator');
  const someone = await sys.user('路人', []);
  const v = await gridVersion(reg.token, 'sq-02');
  assert.equal((await sys.call('PUT', '/api/admin/grids/sq-02/chief', { token: reg.token, body: { userId: someone.id, version: v + 1 } })).status, 409);
  const dg = await as('admin');
  assert.equal((await sys.call('PUT', '/api/admin/grids/sq-02/chief', { token: dg.token, body: { userId: someone.id, version: v } })).status, 404);
  const chief = await as('chief-dongqu');
  assert.equal((await sys.call('PUT', '/api/admin/grids/sq-02/chief', { token: chief.token, body: { userId: someone.id, version: v } })).status, 404);
  assert.equal((await sys.call('PUT', '/api/admin/grids/dq-01/chief', { token: reg.token, body: { userId: someone.id, version: 1 } })).status, 404, 'dq-01 is another town’s');
  const grid = await sys.db.collection('regions').findOne({ _id: 'sq-02' as never });
  assert.equal(grid?.areaChiefId, (await as('chief-shiqi')).id);
});

test('inviting a 片长 by name and phone: the contact account is the 片长 at once; redeeming keeps it, and a redeemed invitation for another grid takes that grid', async () => {
  const reg = await as('shiqi-regulator');
  const r = await sys.call('PUT', '/api/admin/grids/sq-02/chief', { token: reg.token, body: { name: '陈新', phone: '139 0000 1234', version: await gridVersion(reg.token, 'sq-02') } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const contact = await sys.db.collection('users').findOne({ phone: '13900001234' });
  assert.equal(r.json.data.areaChiefId, String(contact?._id));
  assert.match(r.json.data.invitationCode, /^[A-Z0-9]{10}$/);
  const sms = sys.standins.log.filter((e) => e.kind === 'SendSms' && e.to === '+8613900001234');
  assert.ok(sms.length >= 1, 'the invitation code went to the phone');

  // the admin issues a 片长 invitation for dq-01 (the old path): redeeming it replaces dq-01's 片长
  const zs = await as('zs-admin');
  const inv = await sys.call('POST', '/api/invitations', { token: zs.token, body: { name: '黎片长', phone: '13900005678', binding: { role: 'areaChief', cityId: 'zhongshan', townId: 'dongqu', gridIds: ['dq-01'] } } });
  assert.equal(inv.status, 201, JSON.stringify(inv.json));
  const wx = await sys.user('微信新用户', [], { openid: 'o-test-redeem-1' });
  const redeemed = await sys.call('POST', '/api/auth/redeem-invitation', { token: wx.token, body: { code: inv.json.data.code } });
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.json));
  const dq01 = await sys.db.collection('regions').findOne({ _id: 'dq-01' as never });
  assert.equal(dq01?.areaChiefId, inv.json.data.contactId);
  assert.equal(dq01?.history.at(-1).action, 'grid.assign_chief');

  // a Dongguan invitation naming a Zhongshan grid takes nothing
  const dg = await as('admin');
  const bad = await sys.call('POST', '/api/invitations', { token: dg.token, body: { name: '越界', phone: '13900009999', binding: { role: 'areaChief', cityId: 'dongguan', townId: 'nancheng', gridIds: ['dq-02'] } } });
  assert.equal(bad.status, 201);
  const wx2 = await sys.user('微信新用户二', [], { openid: 'o-test-redeem-2' });
  assert.equal((await sys.call('POST', '/api/auth/redeem-invitation', { token: wx2.token, body: { code: bad.json.data.code } })).status, 200);
  assert.equal((await sys.db.collection('regions').findOne({ _id: 'dq-02' as never }))?.areaChiefId, (await as('chief-dongqu')).id);
});
