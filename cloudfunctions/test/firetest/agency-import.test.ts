/**
 * 检测机构批量导入: an xlsx or CSV sheet of agencies; the dry run lists every problem by spreadsheet line and writes
 * nothing; the commit writes every agency or none (staged import), each judged as a single registration would be;
 * a regulator of another city is refused before the file is read.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildFire, fireSnapshot, ZS, type FireFixture } from '../helpers/fire-factory';
import { xlsxBytes } from '../helpers/onboard-factory';

let sys: TestSystem;
let f: FireFixture;
const clock = new Date('2026-12-07T02:00:00Z');

before(async () => {
  sys = await startTestSystem({ now: () => clock });
  f = await buildFire(sys, clock);
});
after(async () => sys.close());

const HEADER = ['机构名称', '统一社会信用代码', '镇街', '地址', '执业范围', '工作场所面积', '企业法人', '设备符合要求', '质量管理体系', '评估过程控制体系'];
const row = (n: number, o: Partial<Record<string, unknown>> = {}) => {
  const base: Record<string, unknown> = { 机构名称: `中山导入消防检测${n}号有限公司`, 统一社会信用代码: `91442000MA4IMP${String(n).padStart(3, '0')}X`, 镇街: 'shiqi', 地址: `中山市石岐街道导入路 ${n} 号`, 执业范围: '维保检测', 工作场所面积: 260, 企业法人: '是', 设备符合要求: '是', 质量管理体系: '是', 评估过程控制体系: '否', ...o };
  return HEADER.map((h) => base[h]);
};
const csv = (rows: unknown[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.map((c) => String(c ?? '')).join(',')).join('\r\n')}\r\n`, 'utf8');
const importSheet = (bytes: Buffer, fileName: string, commit: boolean, token = f.regulator.token, cityId = ZS) =>
  sys.call('POST', '/api/fire/agencies/import', { token, body: { cityId, fileName, contentBase64: bytes.toString('base64'), commit } });
const imported = () => sys.db.collection('fire_agencies').countDocuments({ creditCode: /^91442000MA4IMP/ });

test('the dry run lists every problem by line and writes nothing; committing that file is refused whole', async () => {
  const rows = [HEADER, row(1), row(2, { 执业范围: '消防设计' }), row(3, { 统一社会信用代码: '12345' }), row(4, { 工作场所面积: '' }), row(5, { 企业法人: '也许' }), row(6, { 统一社会信用代码: '91442000MA4IMP001X' }), row(7, { 统一社会信用代码: '91442000MA4FIRE001' })];
  const before = await fireSnapshot(sys);
  const dry = await importSheet(xlsxBytes(rows), '机构.xlsx', false);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  const p = dry.json.data.problems as { row: number; field: string; message: string }[];
  assert.deepEqual(p.map((x) => [x.row, x.field]), [[3, '执业范围'], [4, '统一社会信用代码'], [5, '工作场所面积'], [6, '企业法人'], [7, '统一社会信用代码'], [8, '统一社会信用代码']]);
  assert.match(p[1].message, /18 位/);
  assert.match(p[4].message, /与第 2 行重复/);
  assert.match(p[5].message, /已登记为“中山安信消防技术服务有限公司”/);
  assert.deepEqual([dry.json.data.committed, dry.json.data.imported], [false, 0]);
  assert.equal(await fireSnapshot(sys), before);

  const commit = await importSheet(xlsxBytes(rows), '机构.xlsx', true);
  assert.deepEqual([commit.status, commit.json.error], [400, 'import_rejected']);
  assert.match(commit.json.message, /发现 6 处错误，没有写入任何机构/);
  assert.equal(commit.json.data.problems.length, 6);
  assert.equal(await imported(), 0);
  assert.equal(await sys.db.collection('fire_agency_imports').countDocuments({}), 0);
});

test('a clean CSV commits every agency, judged on its conditions, visible in the registry; importing it again is refused', async () => {
  const rows = [HEADER, row(11), row(12, { 工作场所面积: 150 }), row(13)];
  const dry = await importSheet(csv(rows), '机构.csv', false);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  assert.deepEqual(dry.json.data.problems, []);
  assert.deepEqual(dry.json.data.preview.map((x: { row: number; qualified: boolean }) => [x.row, x.qualified]), [[2, false], [3, false], [4, false]]);
  assert.ok(dry.json.data.preview[1].reasons.includes('工作场所不足 200 平方米'), JSON.stringify(dry.json.data.preview[1]));
  assert.equal(await imported(), 0, 'the dry run wrote nothing');

  const r = await importSheet(csv(rows), '机构.csv', true);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual([r.json.data.committed, r.json.data.imported], [true, 3]);
  assert.equal(await sys.db.collection('fire_agencies').countDocuments({ creditCode: /^91442000MA4IMP/, active: true, importBatch: r.json.data.batch, 'scope.cityId': ZS, 'scope.townId': 'shiqi' }), 3);
  assert.equal((await sys.db.collection('fire_agency_imports').findOne({ _id: r.json.data.batch } as never))?.state, 'done');
  const list = (await sys.call('GET', '/api/fire/agencies', { token: f.regulator.token })).json.data as { name: string; practice: { workplaceM2: number } }[];
  assert.equal(list.find((a) => a.name === '中山导入消防检测12号有限公司')?.practice.workplaceM2, 150);
  assert.ok(await sys.db.collection('audit_log').findOne({ _id: `${r.json.data.batch}:import` } as never));

  const again = await importSheet(csv(rows), '机构.csv', true);
  assert.deepEqual([again.status, again.json.error], [400, 'import_rejected']);
  assert.match(again.json.data.problems[0].message, /已登记为“中山导入消防检测11号有限公司”/);
  assert.equal(await imported(), 3);
});

test('a regulator of another city, or agency staff, cannot import into Zhongshan; nothing written', async () => {
  const other = await sys.user('东莞住建局', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }], { phone: '13800000091' });
  const before = await fireSnapshot(sys);
  const r = await importSheet(xlsxBytes([HEADER, row(21)]), '机构.xlsx', true, other.token);
  assert.deepEqual([r.status, r.json.error], [403, 'fire_forbidden']);
  assert.match(r.json.message, /只有本市的监管部门可以导入检测机构/);
  const staff = await importSheet(xlsxBytes([HEADER, row(22)]), '机构.xlsx', false, f.aLead.token);
  assert.equal(staff.status, 403);
  assert.equal(await fireSnapshot(sys), before);
  assert.equal(await imported(), 3);
});

test('a crash between commit and activation is rolled forward by the job; a batch left staging is rolled back', async () => {
  const { agencyStaging, settleAgencyImports } = await import('../../src/contexts/firetest/import-staging');
  const t = clock;
  const doc = (id: string, code: string, batch: string) => ({ _id: id, name: `残留${id}`, creditCode: code, address: '', practice: {}, qualification: { qualified: false, reasons: [], decidedAt: t }, credit: { score: 100, history: [] }, scope: { cityId: ZS, orgIds: [id] }, createdAt: t, version: 1, history: [], outbox: [], active: false, importBatch: batch });
  const old = new Date(t.getTime() - 2 * 3600_000);
  await sys.db.collection('fire_agency_imports').insertMany([
    { _id: 'fm_committed', state: 'committed', rows: 1, cityId: ZS, fileName: 'a.xlsx', actorId: 'u', createdAt: old, updatedAt: old },
    { _id: 'fm_stale', state: 'staging', rows: 1, cityId: ZS, fileName: 'b.xlsx', actorId: 'u', createdAt: old, updatedAt: old },
  ] as never[]);
  await sys.db.collection('fire_agencies').insertMany([doc('fa_c1', '91442000MA4CRASH01', 'fm_committed'), doc('fa_s1', '91442000MA4CRASH02', 'fm_stale')] as never[]);
  const names = async () => ((await sys.call('GET', '/api/fire/agencies', { token: f.regulator.token })).json.data as { name: string }[]).map((a) => a.name).filter((n) => n.startsWith('残留'));
  assert.deepEqual(await names(), [], 'inactive rows are not listed');
  assert.equal(agencyStaging.spec.records, 'fire_agency_imports');
  await settleAgencyImports(sys.deps, 10_000);
  assert.deepEqual(await names(), ['残留fa_c1']);
  assert.equal(await sys.db.collection('fire_agencies').countDocuments({ _id: 'fa_s1' } as never), 0);
  assert.deepEqual((await sys.db.collection('fire_agency_imports').find({}, { sort: { _id: 1 } }).toArray()).filter((x) => String(x._id).startsWith('fm_c') || String(x._id).startsWith('fm_s')).map((x) => x.state), ['done', 'rolled_back']);
});

test('an agency’s instruments from a sheet: problems by line (a serial already registered), then all or none; another agency’s staff get 404', async () => {
  const path = `/api/fire/agencies/${f.a.id}/instruments/import`;
  const sheet = (rows: unknown[][]) => xlsxBytes([['仪器名称', '出厂编号', '检定证书编号', '有效期至'], ...rows]);
  const send = (bytes: Buffer, commit: boolean, token = f.aLead.token) => sys.call('POST', path, { token, body: { fileName: '仪器.xlsx', contentBase64: bytes.toString('base64'), commit } });
  const count = () => sys.db.collection('fire_instruments').countDocuments({ agencyId: f.a.id });
  const n0 = await count();
  const bad = sheet([['数字压力表', 'YL-2026-201', 'JD2026-0201', '2099-06-30'], ['声级计', 'YL-2024-001', 'JD2026-0202', '2099-06-30'], ['风速计', 'FS-2026-203', 'JD', '2027-13-01']]);
  const dry = await send(bad, false);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  assert.deepEqual(dry.json.data.problems.map((p: { row: number; field: string }) => [p.row, p.field]), [[3, '出厂编号'], [4, '检定证书编号']]);
  const refused = await send(bad, true);
  assert.deepEqual([refused.status, refused.json.error], [400, 'import_rejected']);
  assert.equal(await count(), n0);
  assert.equal((await send(bad, false, f.bLead.token)).status, 404);

  // an Excel date cell (serial 72866 = 2099-06-30) and a lapsed calibration, shown as such in the preview
  const good = sheet([['数字压力表', 'YL-2026-201', 'JD2026-0201', 72866], ['声级计', 'SJ-2026-202', 'JD2026-0202', '2026-01-31']]);
  const preview = await send(good, false);
  assert.deepEqual(preview.json.data.preview.map((p: { validUntil: string; expired: boolean }) => [p.validUntil, p.expired]), [['2099-06-30', false], ['2026-01-31', true]]);
  const r = await send(good, true);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(await count(), n0 + 2);
  const agency = (await sys.call('GET', `/api/fire/agencies/${f.a.id}`, { token: f.aLead.token })).json.data as { instruments: { serial: string; expired: boolean }[] };
  assert.deepEqual(agency.instruments.filter((i) => ['YL-2026-201', 'SJ-2026-202'].includes(i.serial)).map((i) => i.expired).sort(), [false, true]);
});
