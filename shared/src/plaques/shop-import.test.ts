import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeMobile, parseShopsCsv, parseZonePolygon, zoneSize, MAX_SHOP_ROWS } from './shop-import';
import { dutiesForTown, parseDuties } from './duties';
import { can, holdsRoleFor } from '../policy/can';
import type { Actor } from '../identity/roles';
import type { Scope } from '../policy/scope';

const HEADER = 'licenceNo,name,address,lng,lat,ownerName,ownerPhone,gridId,frontageM,depthM,zonePolygon,duties';

test('valid rows become shops: licence normalised, phone normalised, zone by size or by polygon, duties parsed', () => {
  const csv = [
    HEADER,
    '91441900ma5x00001,老王烧腊店,"南城街道鸿福路 12 号, 东侧",113.7452,23.0041,王五,+86 139-1111-2222,g-a,8,4,,包卫生、包秩序',
    '91441900MA5X00002,鸿福便利店,鸿福路 14 号,113.7455,23.0042,李四,13800000002,,,,113.7454 23.0041;113.7455 23.0041;113.7455 23.00414;113.7454 23.00414,',
    '',
  ].join('\r\n');
  const { rows, errors } = parseShopsCsv(csv);
  assert.deepEqual(errors, []);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0], {
    row: 2,
    licenceNo: '91441900MA5X00001',
    name: '老王烧腊店',
    address: '南城街道鸿福路 12 号, 东侧',
    lng: 113.7452,
    lat: 23.0041,
    gridId: 'g-a',
    owner: { name: '王五', phone: '13911112222' },
    zone: { frontageM: 8, depthM: 4 },
    duties: ['sanitation', 'order'],
  });
  assert.equal(rows[1].row, 3);
  assert.equal(rows[1].gridId, undefined);
  assert.deepEqual(rows[1].duties, [], 'empty = the town default, decided after placing');
  // 0.0001° of longitude at 23° N ≈ 10.25 m, 0.00004° of latitude ≈ 4.4 m
  assert.equal(rows[1].zone.frontageM, 10.2);
  assert.equal(rows[1].zone.depthM, 4.4);
  assert.equal(rows[1].zone.polygon?.length, 4);
});

test('Chinese headers in any order are accepted; extra columns ignored', () => {
  const { rows, errors } = parseShopsCsv('备注,店名,营业执照号,地址,经度,纬度,负责人,负责人手机,门前长度,进深\nx,粤味茶餐厅,91441900MA5X00003,鸿福路 18 号,113.7461,23.0043,陈六,13700000003,6.5,3');
  assert.deepEqual(errors, []);
  assert.deepEqual([rows[0].name, rows[0].licenceNo, rows[0].zone], ['粤味茶餐厅', '91441900MA5X00003', { frontageM: 6.5, depthM: 3 }]);
});

test('per-row errors name the line and the field: missing licence, bad coordinates, duplicate licence, bad phone, zone, duties', () => {
  const csv = [
    HEADER,
    '91441900MA5X00001,好的一行,地址1,113.745,23.004,王五,13911112222,,8,4,,', // 2 ok
    ',缺执照,地址2,113.745,23.004,王五,13911112222,,8,4,,', // 3
    '91441900MA5X00003,坐标错,地址3,abc,95,王五,13911112222,,8,4,,', // 4: lng not a number, lat out of China
    '91441900ma5x00001,重复执照,地址4,113.745,23.004,王五,13911112222,,8,4,,', // 5: same as line 2 after upper-casing
    '91441900MA5X00005,坏手机,地址5,113.745,23.004,王五,12345,,8,4,,', // 6
    '91441900MA5X00006,没有责任区,地址6,113.745,23.004,王五,13911112222,,,,,', // 7
    '91441900MA5X00007,责任区太远,地址7,113.745,23.004,王五,13911112222,,,,113.75 23.004;113.7501 23.004;113.7501 23.0041,', // 8
    '91441900MA5X00008,未知责任,地址8,113.745,23.004,王五,13911112222,,8,4,,包卫生;包亮化', // 9
    '91441900MA5X00009,进深为零,地址9,113.745,23.004,王五,13911112222,,8,0,,', // 10
  ].join('\n');
  const { rows, errors } = parseShopsCsv(csv);
  assert.deepEqual(rows.map((r) => r.row), [2]);
  const at = (row: number) => errors.filter((e) => e.row === row).map((e) => e.field);
  assert.deepEqual(at(3), ['licenceNo']);
  assert.match(errors.find((e) => e.row === 3)!.message, /营业执照号不能为空/);
  assert.deepEqual(at(4), ['lng', 'lat']);
  assert.match(errors.find((e) => e.row === 4 && e.field === 'lat')!.message, /纬度 95 超出范围/);
  assert.deepEqual(at(5), ['licenceNo']);
  assert.match(errors.find((e) => e.row === 5)!.message, /与第 2 行重复/);
  assert.deepEqual(at(6), ['ownerPhone']);
  assert.deepEqual(at(7), ['frontageM', 'depthM']);
  assert.deepEqual(at(8), ['zonePolygon']);
  assert.match(errors.find((e) => e.row === 8)!.message, /超过 300 米/);
  assert.deepEqual(at(9), ['duties']);
  assert.match(errors.find((e) => e.row === 9)!.message, /包亮化/);
  assert.deepEqual(at(10), ['depthM']);
});

test('file-level problems: empty file, missing columns, no zone columns, too many rows', () => {
  assert.deepEqual(parseShopsCsv(''), { rows: [], errors: [{ row: 1, field: 'header', message: '文件为空' }] });
  const missing = parseShopsCsv('licenceNo,name,lng,lat,frontageM,depthM\nx,y,1,2,3,4');
  assert.deepEqual(missing.errors.map((e) => e.field), ['address', 'ownerName', 'ownerPhone']);
  assert.deepEqual(parseShopsCsv('licenceNo,name,address,lng,lat,ownerName,ownerPhone\n').errors.map((e) => e.field), ['frontageM']);
  // no zone columns: said once for the file, together with the rows' own errors (one answer lists everything)
  const noZone = parseShopsCsv('licenceNo,name,address,lng,lat,ownerName,ownerPhone\n91441900MA5X00001,老王烧腊店,鸿福路12号,113.745,23.004,王五,13911112222\n91441900MA5X00002,鸿福便利店,鸿福路14号,113.745,23.004,李六,12345');
  assert.deepEqual(noZone.errors.map((e) => [e.row, e.field]), [[1, 'frontageM'], [3, 'ownerPhone']]);
  assert.match(noZone.errors[0].message, /frontageM.*depthM.*zonePolygon/);
  assert.deepEqual(noZone.rows, [], 'no row is importable without its zone');
  const big = [HEADER, ...Array.from({ length: MAX_SHOP_ROWS + 1 }, (_, i) => `91441900MA5Y${String(i).padStart(5, '0')},店${i},地址,113.745,23.004,王五,13911112222,,8,4,,`)].join('\n');
  assert.match(parseShopsCsv(big).errors[0].message, /一次最多导入 2000 个商户/);
});

test('zone polygons: parsed, closed ring accepted, size from the minimum bounding rectangle even when rotated', () => {
  assert.equal(typeof parseZonePolygon('113.7 23;113.7001 23'), 'string', 'two corners are not a zone');
  assert.match(parseZonePolygon('113.7 23;abc;113.7 23.1') as string, /无法识别的顶点/);
  const closed = parseZonePolygon('113.7 23;113.7001 23;113.7001 23.00004;113.7 23.00004;113.7 23');
  assert.equal((closed as unknown[]).length, 4);
  // a 10 m × 4 m rectangle turned 30°: still 10 × 4
  const kx = 111_320 * Math.cos((23 * Math.PI) / 180);
  const ky = 110_574;
  const rot = (x: number, y: number) => {
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    return { lng: 113.7 + (x * c - y * s) / kx, lat: 23 + (x * s + y * c) / ky };
  };
  const z = zoneSize([rot(0, 0), rot(10, 0), rot(10, 4), rot(0, 4)]);
  assert.deepEqual([z.frontageM, z.depthM], [10, 4]);
  assert.ok(Math.abs(z.areaM2 - 40) < 0.01);
});

test('phones, duties and the town default', () => {
  assert.equal(normalizeMobile('86 13911112222'), '13911112222');
  assert.equal(normalizeMobile('0769-22223333'), null, 'a landline cannot receive the complaint SMS');
  assert.deepEqual(parseDuties('greenery, 包卫生 卫生'), { duties: ['sanitation', 'greenery'], unknown: [] });
  assert.deepEqual(dutiesForTown([], undefined), { duties: ['sanitation', 'order', 'greenery'] });
  assert.deepEqual(dutiesForTown([], ['order', 'sanitation']), { duties: ['sanitation', 'order'] });
  assert.match((dutiesForTown(['greenery'], ['sanitation', 'order']) as { error: string }).error, /不含“包绿化”/);
});

test('who may import and print: the town regulator in the town, an area chief in their grid, an admin in the city — no one else', () => {
  const scope = { cityId: 'dg', townId: 'nc', gridId: 'g-a' };
  const reg = { userId: 'r', roles: [{ role: 'regulator' as const, level: 'town' as const, cityId: 'dg', townId: 'nc' }] };
  const otherReg = { userId: 'r2', roles: [{ role: 'regulator' as const, level: 'town' as const, cityId: 'dg', townId: 'dc' }] };
  const chief = { userId: 'c', roles: [{ role: 'areaChief' as const, cityId: 'dg', townId: 'nc', gridIds: ['g-a'] }] };
  const otherChief = { userId: 'c2', roles: [{ role: 'areaChief' as const, cityId: 'dg', townId: 'nc', gridIds: ['g-z'] }] };
  const patroller = { userId: 'p', roles: [{ role: 'patroller' as const, cityId: 'dg', townId: 'nc', gridIds: ['g-a'] }] };
  const canShop = (a: Actor, action: string, scope: Scope) => can(a, action, { kind: 'shop', scope }).allow;
  assert.equal(canShop(reg, 'shop.import', scope), true);
  assert.equal(canShop(chief, 'shop.print', scope), true);
  assert.equal(canShop(otherReg, 'shop.import', scope), false);
  assert.equal(canShop(otherChief, 'shop.print', scope), false);
  assert.equal(canShop(patroller, 'shop.import', scope), false);
  assert.equal(canShop(null, 'shop.print', scope), false);
  assert.equal(holdsRoleFor(otherReg, 'shop.import', 'dg'), true);
  assert.equal(holdsRoleFor(patroller, 'shop.import', 'dg'), false);
  assert.equal(holdsRoleFor(reg, 'shop.import', 'sz'), false);
});

test('a name or address a spreadsheet would run as a formula is refused, per row', () => {
  const csv = [
    'licenceNo,name,address,lng,lat,ownerName,ownerPhone,frontageM,depthM',
    '91441900MA5X00011A,=cmd|calc!A1,鸿福路12号,113.745,23.004,王五,13911112222,8,4',
    '91441900MA5X00021B,老王烧腊店,@SUM(1+1),113.745,23.004,王五,13911112222,8,4',
  ].join('\n');
  const r = parseShopsCsv(csv);
  assert.deepEqual(r.errors.map((e) => [e.row, e.field]), [[2, 'name'], [3, 'address']]);
  assert.match(r.errors[0].message, /公式/);
});
