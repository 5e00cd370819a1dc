/**
 * 测点导入 from xlsx and CSV (generated here with the same library): all or nothing, every problem with its row
 * and column in Chinese, nothing written on any of them (docs/domain/pit.md §7.2).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { importFile, NEW_PIT, onboardPeople, POINT_HEADER, pointRows, xlsxBytes, type OnboardPeople } from '../helpers/onboard-factory';

let sys: TestSystem;
let people: OnboardPeople;
let id = '';
let version = 0;
const points = () => sys.db.collection('pit_points').countDocuments({ projectId: id });
const imp = (bytes: Buffer, name = '测点.xlsx', token = people.monitor.token) => importFile(sys, token, id, bytes, name, version);
const refused = async (r: Awaited<ReturnType<typeof imp>>, message: RegExp, where?: { row: number; column: RegExp }) => {
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json.error === 'import_rejected' || r.status === 400, true);
  assert.match(r.json.message, message);
  if (where) assert.ok(r.json.data.errors.some((e: { row: number; column: string }) => e.row === where.row && where.column.test(e.column)), JSON.stringify(r.json.data.errors));
  assert.equal(await points(), 0, 'nothing written');
  assert.equal(await sys.db.collection('pit_point_imports').countDocuments({ state: { $in: ['committed', 'done'] } }), 0);
};

before(async () => {
  sys = await startTestSystem();
  people = await onboardPeople(sys);
  const r = await sys.call('POST', '/api/pit/projects', { token: people.monitor.token, body: NEW_PIT });
  id = r.json.data.id;
  version = r.json.data.version;
});
after(async () => sys.close());

test('a duplicate point code names both rows', async () => {
  const rows = pointRows(5);
  rows.push(['ZQS3', 'wallTopVertical', '', 99.9]);
  await refused(await imp(xlsxBytes(rows)), /第 11 行测点编号“ZQS3”与第 4 行重复/, { row: 11, column: /^A 列/ });
});

test('a missing initial value for an item that needs it, with the row and column', async () => {
  const rows = pointRows(2);
  rows[2] = ['ZQS2', 'wallTopVertical', '墙顶'];
  await refused(await imp(xlsxBytes(rows)), /第 3 行（ZQS2，围护墙顶部竖向位移）缺少初始高程（initial_m）/, { row: 3, column: /D 列/ });
  const noCal = [POINT_HEADER, ['ZL9', 'strutForce', '', null, null, null, null, null, 0.12]];
  await refused(await imp(xlsxBytes(noCal)), /缺少初始频率 f0/);
});

test('an azimuth of 400° is out of range', async () => {
  const rows = [POINT_HEADER, ['ZQP1', 'wallTopHorizontal', '', 100, null, 2000, 3000, 400]];
  await refused(await imp(xlsxBytes(rows)), /方位角 400° 超出范围/, { row: 2, column: /H 列（azimuth_deg）/ });
});

test('a formula cell is refused: raw values only', async () => {
  const rows = pointRows(2);
  rows[1] = ['ZQS1', 'wallTopVertical', '', { t: 'n', v: 99.51, f: '99.5+0.01' }]; // as Excel stores it: the formula and its cached value
  await refused(await imp(xlsxBytes(rows)), /第 2 行 D 列（initial_m）是公式/);
  const csv = Buffer.from('code,item,initial_m\r\nZQS1,wallTopVertical,=99.5+0.01\r\n', 'utf8');
  await refused(await imp(csv, 'points.csv'), /是公式/);
});

test('an unknown item lists the valid ones', async () => {
  await refused(await imp(xlsxBytes([POINT_HEADER, ['X1', 'crackWidth', '', 1]])), /监测项“crackWidth”未知/, { row: 2, column: /B 列/ });
});

test('a 30 MB file is refused before it is read; a 3 MB one by the point-file limit', async () => {
  const huge = await sys.call('POST', `/api/ingest/pit/projects/${id}/points/import`, { token: people.monitor.token, raw: JSON.stringify({ fileName: 'big.xlsx', contentBase64: 'A'.repeat(30 * 1024 * 1024), version }), headers: { 'content-type': 'application/json' } });
  assert.equal(huge.status, 413);
  assert.match(huge.json.message, /测点表格不能超过 2 MB/);
  const big = await imp(Buffer.alloc(3 * 1024 * 1024, 0x41), 'big.csv');
  assert.equal(big.status, 400);
  assert.equal(big.json.error, 'file_too_large');
  assert.equal(await points(), 0);
});

test('not a spreadsheet, or a CSV that is not UTF-8, says what to do', async () => {
  await refused(await imp(Buffer.from('%PDF-1.4 garbage'), 'points.pdf'), /请上传 Excel/);
  const gbk = Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x2c, 0x69, 0x74, 0x65, 0x6d, 0x0a, 0xb2, 0xe2, 0xb5, 0xe3, 0x2c, 0x31, 0x0a]);
  await refused(await imp(gbk, 'points.csv'), /UTF-8/);
});

test('another town’s regulator cannot import into the project; a stale version is refused', async () => {
  const other = await imp(xlsxBytes(pointRows(2)), '测点.xlsx', people.otherTownRegulator.token);
  assert.equal(other.status, 404);
  const stale = await importFile(sys, people.monitor.token, id, xlsxBytes(pointRows(2)), '测点.xlsx', version + 5);
  assert.equal(stale.status, 409);
  assert.equal(await points(), 0);
});

test('a good xlsx registers every point with the standard controls; the same codes again are refused', async () => {
  const r = await imp(xlsxBytes(pointRows(40)));
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.imported, 44);
  assert.equal(await points(), 44);
  const zl = await sys.db.collection('pit_points').findOne({ projectId: id, code: 'ZL1' });
  assert.deepEqual(zl!.calibration, { K: 0.12, f0_Hz: 820, T0_C: 24, B: 0.05 });
  assert.equal(zl!.control.cumulative, 3600, '60 % of the 6000 kN capacity (level 1)');
  const zq = await sys.db.collection('pit_points').findOne({ projectId: id, code: 'ZQP1' });
  assert.equal(zq!.azimuthDeg, 135.5);
  assert.equal(zq!.initialE, 2000.123);
  assert.equal(zq!.control.cumulative, 20, 'min(20 mm, 0.2 % × 12 m = 24 mm)');
  const sw = await sys.db.collection('pit_points').findOne({ projectId: id, code: 'SW1' });
  assert.equal(sw!.item, 'waterLevel', 'the Chinese item name is accepted');
  assert.equal(sw!.controlSource, 'standard');
  version = (await sys.call('GET', `/api/pit/projects/${id}/setup`, { token: people.monitor.token })).json.data.version;
  const again = await imp(xlsxBytes([POINT_HEADER, ['ZQS7', 'wallTopVertical', '', 99], ['NEW1', 'wallTopVertical', '', 99]]));
  assert.equal(again.status, 400);
  assert.match(again.json.message, /第 2 行测点编号“ZQS7”本项目已登记/);
  assert.equal(await points(), 44);
  const csv = await imp(Buffer.from('\uFEFFcode,item,initial_m\r\nNEW1,wallTopVertical,99.7\r\n', 'utf8'), 'more.csv');
  assert.equal(csv.status, 201, JSON.stringify(csv.json));
  assert.equal(await points(), 45);
});
