import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, type CityFixture } from '../helpers/city-factory';
import { verifyCode } from '../../src/platform/codes/signed-code';
import { SHOPS, type Shop } from '../../src/contexts/plaques/plaque.collections';
import { SHOP_IMPORTS, type ShopImport } from '../../src/contexts/plaques/shop-import.collection';
import { settleShopImports } from '../../src/contexts/plaques/import-shops';
import type { User } from '../../src/platform/auth/users';

let sys: TestSystem;
let city: CityFixture;
let regA: { id: string; token: string };
let patroller: { id: string; token: string };
before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
  regA = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]);
  patroller = { id: city.patrollerA.id, token: city.patrollerA.token };
});
after(async () => sys.close());

const HEADER = 'licenceNo,name,address,lng,lat,ownerName,ownerPhone,gridId,frontageM,depthM,zonePolygon,duties';
const csv = (rows: string[]) => [HEADER, ...rows].join('\n');
/** Grid g-a (nancheng) is the box 113.74–113.75 × 23.00–23.01; g-b (dongcheng) 113.84–113.85. */
const GOOD = [
  '91441900MA5IMP0001,老王烧腊店,南城街道鸿福路 12 号,113.7452,23.0041,王五,13911110001,g-a,8,4,,包卫生、包秩序', // 2
  '91441900MA5IMP0002,鸿福便利店,南城街道鸿福路 14 号,113.7455,23.0042,李四,13911110002,,,,113.7454 23.0041;113.7455 23.0041;113.7455 23.00414;113.7454 23.00414,', // 3: grid from the point, zone drawn
  '91441900MA5IMP0003,粤味茶餐厅,南城街道鸿福路 18 号,113.7461,23.0043,王五,13911110001,,6.5,3,,sanitation', // 4: same owner as line 2
];
const post = (text: string, token = regA.token) => sys.call('POST', '/api/plaques/import', { token, body: { text, cityId: 'dongguan' } });
const counts = async () => ({
  shops: await sys.db.collection(SHOPS).countDocuments({}),
  users: await sys.db.collection('users').countDocuments({}),
  batches: await sys.db.collection(SHOP_IMPORTS).countDocuments({}),
  rules: await sys.db.collection('patrol_rules').countDocuments({}),
});

test('a good CSV imports every shop with a signed plaque code, the seed’s shape, owners, grade A and its patrol rule', async () => {
  const r = await post(csv(GOOD));
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.imported, 3);
  assert.equal(r.json.data.unchanged, 0);
  assert.match(r.json.data.batch, /^sb_/);
  assert.deepEqual(r.json.data.shops.map((s: { row: number }) => s.row), [2, 3, 4]);
  for (const s of r.json.data.shops) {
    assert.match(s.id, /^pq_[0-9a-z]{16}$/);
    assert.deepEqual(verifyCode(sys.deps.config.codeSecret, s.codeUrl), { id: s.id, prefix: 'pq' });
    const scanned = await sys.call('GET', `/api/codes/${encodeURIComponent(s.codeUrl.split('/c/')[1])}`);
    assert.equal(scanned.status, 200, JSON.stringify(scanned.json));
    assert.equal(scanned.json.data.kind, 'plaque');
    assert.equal(scanned.json.data.title, s.name);
  }
  const [a, b, c] = r.json.data.shops as { id: string }[];
  const shop = (await sys.db.collection<Shop>(SHOPS).findOne({ _id: a.id }))!;
  // the same fields as the demo seed (plaque-demo.ts), plus the import's provenance
  assert.deepEqual(Object.keys(shop).sort(), ['_id', 'active', 'address', 'createdAt', 'duties', 'grade', 'gradeHistory', 'hasPending', 'history', 'importBatch', 'importHash', 'licenceNo', 'location', 'name', 'outbox', 'owner', 'ownerBinding', 'pendingAudit', 'scope', 'score', 'version', 'zone']);
  assert.deepEqual([shop.name, shop.licenceNo, shop.address, shop.location], ['老王烧腊店', '91441900MA5IMP0001', '南城街道鸿福路 12 号', { lng: 113.7452, lat: 23.0041 }]);
  assert.deepEqual(shop.scope, { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', public: true });
  assert.deepEqual([shop.score, shop.grade, shop.gradeHistory.length, shop.gradeHistory[0].grade], [100, 'A', 1, 'A']);
  assert.deepEqual(shop.duties, ['sanitation', 'order']);
  assert.deepEqual(shop.zone, { frontageM: 8, depthM: 4 });
  assert.equal(shop.active, true, 'finished within the request');
  const drawn = (await sys.db.collection<Shop>(SHOPS).findOne({ _id: b.id }))!;
  assert.deepEqual([drawn.scope.gridId, drawn.zone.frontageM, drawn.zone.depthM, drawn.zone.polygon?.length], ['g-a', 10.2, 4.4, 4]);
  assert.deepEqual(drawn.duties, ['sanitation', 'order', 'greenery'], 'no duties given → the town’s (all three when unconfigured)');
  // one owner account per mobile number, reachable by SMS, with the shopOwner binding of the grid
  const third = (await sys.db.collection<Shop>(SHOPS).findOne({ _id: c.id }))!;
  assert.equal(third.owner.userId, shop.owner.userId, 'lines 2 and 4 have the same owner');
  const owner = (await sys.db.collection<User>('users').findOne({ _id: shop.owner.userId }))!;
  assert.deepEqual([owner.name, owner.phone, owner.openid, owner.roleKeys?.includes('shopOwner:grid:g-a')], ['王五', '13911110001', undefined, true]);
  // the grade's patrol rule (A: weekly), made without anyone editing a rule
  const rule = await sys.db.collection<{ per: string; times: number; facilityIds: string[] }>('patrol_rules').findOne({ _id: `pr_shop_${a.id}` as never });
  assert.deepEqual([rule?.per, rule?.times, rule?.facilityIds], ['week', 1, [a.id]]);
  const view = await sys.call('GET', `/api/plaques/${a.id}`);
  assert.deepEqual(view.json.data.duties, ['包卫生', '包秩序']);
  assert.equal(view.json.data.owner.phone, '139****0001');
  assert.equal((await sys.db.collection<ShopImport>(SHOP_IMPORTS).findOne({ _id: r.json.data.batch }))?.state, 'done');
  assert.equal(await sys.db.collection('audit_log').countDocuments({ action: 'shop.import', 'target.id': r.json.data.batch }), 1);
});

test('one bad row each — missing licence, bad coordinates, unknown grid, licence already registered, another town — imports nothing; every row reported with its line and reason', async () => {
  const before = await counts();
  const r = await post(
    csv([
      '91441900MA5BAD0001,好的一行,鸿福路 20 号,113.7462,23.0044,赵七,13911110007,g-a,8,4,,', // 2: fine
      ',缺执照,鸿福路 22 号,113.7463,23.0045,赵七,13911110007,g-a,8,4,,', // 3
      '91441900MA5BAD0003,坐标错,鸿福路 24 号,113.7464,230.0046,赵七,13911110007,g-a,8,4,,', // 4
      '91441900MA5BAD0004,网格错,鸿福路 26 号,113.7465,23.0047,赵七,13911110007,g-zz,8,4,,', // 5
      '91441900MA5IMP0001,老王烧腊店（新店名）,南城街道鸿福路 12 号,113.7452,23.0041,王五,13911110001,g-a,8,4,,包卫生、包秩序', // 6: registered, different
      '91441900MA5BAD0006,东城的店,东城某路 1 号,113.8452,23.0041,钱八,13911110008,,8,4,,', // 7: dongcheng (g-b)
      '91441900MA5BAD0001,文件内重复,鸿福路 30 号,113.7466,23.0048,赵七,13911110007,g-a,8,4,,', // 8
    ]),
  );
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json.error, 'import_rejected');
  assert.match(r.json.message, /没有写入任何商户/);
  const errors = r.json.data.errors as { row: number; field: string; message: string }[];
  assert.deepEqual(errors.map((e) => [e.row, e.field]), [[3, 'licenceNo'], [4, 'lat'], [5, 'gridId'], [6, 'licenceNo'], [7, 'lng'], [8, 'licenceNo']]);
  const msg = (row: number) => errors.find((e) => e.row === row)!.message;
  assert.match(msg(3), /营业执照号不能为空/);
  assert.match(msg(4), /纬度 230\.0046 超出范围/);
  assert.match(msg(5), /网格 g-zz 不存在/);
  assert.match(msg(6), /已登记为“老王烧腊店”.*导入不会修改/);
  assert.match(msg(7), /东城（网格 g-b），不在您的管辖范围内/);
  assert.match(msg(8), /与第 2 行重复/);
  assert.deepEqual(await counts(), before, 'no shop, owner account, batch or patrol rule written');
  assert.equal(await sys.db.collection(SHOPS).countDocuments({ licenceNo: '91441900MA5BAD0001' }), 0);
});

test('re-importing the same file is a no-op that reports the existing plaques; a changed row for a registered licence is refused', async () => {
  const before = await counts();
  const first = await sys.db.collection<Shop>(SHOPS).find({ licenceNo: { $in: ['91441900MA5IMP0001', '91441900MA5IMP0002', '91441900MA5IMP0003'] } }).toArray();
  const r = await post(csv(GOOD));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.data.batch, r.json.data.imported, r.json.data.unchanged], [null, 0, 3]);
  assert.deepEqual(new Set(r.json.data.shops.map((s: { id: string }) => s.id)), new Set(first.map((s) => s._id)), 'the same plaque ids');
  assert.ok(r.json.data.shops.every((s: { status: string }) => s.status === 'unchanged'));
  assert.deepEqual(await counts(), before);
  // one new row next to unchanged ones: only the new shop is written
  const more = await post(csv([...GOOD, '91441900MA5IMP0004,新开的店,鸿福路 40 号,113.7471,23.0049,孙九,13911110009,g-a,5,3,,']));
  assert.equal(more.status, 201);
  assert.deepEqual([more.json.data.imported, more.json.data.unchanged], [1, 3]);
  const changed = await post(csv([GOOD[0].replace('13911110001', '13911119999')]));
  assert.equal(changed.status, 400);
  assert.match(changed.json.data.errors[0].message, /已登记/);
});

test('permissions: an area chief imports in their grid only; another town’s regulator gets row errors; a patroller or citizen is refused outright', async () => {
  const line = (n: number, lng: number) => `91441900MA5PRM000${n},片长的店${n},鸿福路 5${n} 号,${lng},23.005,周十,1391111002${n},,8,4,,`;
  const chief = await post(csv([line(1, 113.7451)]), city.chiefA.token);
  assert.equal(chief.status, 201, JSON.stringify(chief.json));
  const otherChief = await post(csv([line(2, 113.7452)]), city.chiefB.token);
  assert.equal(otherChief.status, 400);
  assert.match(otherChief.json.data.errors[0].message, /南城（网格 g-a），不在您的管辖范围内/);
  const otherRegulator = await post(csv([line(3, 113.7453)]), city.regulatorB.token);
  assert.equal(otherRegulator.status, 400);
  assert.equal(otherRegulator.json.data.errors[0].row, 2);
  const before = await counts();
  assert.equal((await post(csv([line(4, 113.7454)]), patroller.token)).status, 403);
  assert.equal((await post(csv([line(5, 113.7455)]), city.citizen.token)).status, 403);
  assert.equal((await sys.call('POST', '/api/plaques/import', { body: { text: csv([line(6, 113.7456)]), cityId: 'dongguan' } })).status, 401);
  assert.deepEqual(await counts(), before);
});

test('staging is invisible: a batch that died mid-import shows nothing and the scheduler removes its shops and owner accounts', async () => {
  const old = new Date(Date.now() - 2 * 3600_000);
  await sys.db.collection<ShopImport>(SHOP_IMPORTS).insertOne({ _id: 'sb_died0000000001', cityId: 'dongguan', state: 'staging', rows: 1, grants: [], actorId: regA.id, createdAt: old, updatedAt: old });
  await sys.db.collection('users').insertOne({ _id: 'u_staged0000000001', name: '半途', phone: '13911118888', roles: [], createdAt: old, version: 1, importBatch: 'sb_died0000000001' } as never);
  // a copy of an imported shop, without its 绑定码 (each shop's code hash is unique)
  const { ownerBinding: _binding, ...base } = (await sys.db.collection<Shop>(SHOPS).findOne({ licenceNo: '91441900MA5IMP0001' }))!;
  await sys.db.collection<Shop>(SHOPS).insertOne({ ...base, _id: 'pq_died0000000001', licenceNo: '91441900MA5DIED001', name: '半途而废', owner: { userId: 'u_staged0000000001', name: '半途', phone: '13911118888' }, active: false, importBatch: 'sb_died0000000001', createdAt: old });
  assert.equal((await sys.call('GET', '/api/plaques/pq_died0000000001')).status, 404);
  const pdf = await sys.call('GET', '/api/plaques/pq_died0000000001/pdf', { token: regA.token });
  assert.equal(pdf.status, 404);
  const r = await settleShopImports(sys.deps);
  assert.equal(r.shopImportsRolledBack, 1);
  assert.equal(await sys.db.collection(SHOPS).countDocuments({ _id: 'pq_died0000000001' as never }), 0);
  assert.equal(await sys.db.collection('users').countDocuments({ _id: 'u_staged0000000001' as never }), 0);
  assert.equal((await sys.db.collection<ShopImport>(SHOP_IMPORTS).findOne({ _id: 'sb_died0000000001' }))?.state, 'rolled_back');
});
