/**
 * 专家库批量导入 and the experts' way in: an xlsx or CSV sheet of experts; the dry run lists every problem by
 * spreadsheet line (bad values, `expertAdmission` refusals, a phone twice in the file or already in the library) and
 * writes nothing; the commit writes every expert or none (staged import); another city's regulator and a town
 * regulator are refused. An expert finds their invitations through GET /api/experts/me; anyone else gets nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { applyFor, approvedScheme, buildReviewWorld, registerProject, type ReviewWorld } from '../helpers/review-factory';
import { xlsxBytes } from '../helpers/onboard-factory';
import { idNumberCheckDigitOk } from '@cityloop/shared/checkin/checkin.contract';

let sys: TestSystem;
let w: ReviewWorld;
const clock = new Date('2026-11-25T02:00:00Z');
before(async () => {
  sys = await startTestSystem({ now: () => clock });
  w = await buildReviewWorld(sys);
});
after(async () => sys.close());

const HEADER = ['姓名', '手机号', '身份证号', '职称', '从业年限', '专业', '工作单位', '丰富经验'];
const idNo = (n: number) => {
  const body = `4419001975${String(1001 + n).padStart(4, '0')}${String(100 + n).slice(-3)}`;
  return body + [...'0123456789X'].find((c) => idNumberCheckDigitOk(body + c))!;
};
const row = (n: number, o: Partial<Record<string, unknown>> = {}) => {
  const base: Record<string, unknown> = { 姓名: `导入专家${n}`, 手机号: `1391000${String(n).padStart(4, '0')}`, 身份证号: idNo(n), 职称: '高级', 从业年限: 18, 专业: '岩土/深基坑、安全管理', 工作单位: `东莞理工学院${n}`, 丰富经验: '否', ...o };
  return HEADER.map((h) => base[h]);
};
const csv = (rows: unknown[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.map((c) => String(c ?? '')).join(',')).join('\r\n')}\r\n`, 'utf8');
const importSheet = (bytes: Buffer, fileName: string, commit: boolean, token = w.cityRegulator.token, cityId = 'dongguan') =>
  sys.call('POST', '/api/experts/import', { token, body: { cityId, fileName, contentBase64: bytes.toString('base64'), commit } });
const snapshot = async () => [await sys.db.collection('dw_experts').countDocuments({}), await sys.db.collection('users').countDocuments({}), await sys.db.collection('dw_expert_imports').countDocuments({})].join('/');

test('the dry run lists every problem by line and writes nothing; committing that file is refused whole', async () => {
  const rows = [
    HEADER, row(1), row(2, { 职称: '中级' }), row(3, { 专业: '桥梁' }), row(4, { 手机号: '1391000000' }), row(5, { 身份证号: '441900197510050001' }),
    row(6, { 手机号: '13910000001' }), row(7, { 手机号: w.experts[0].phone }), row(8, { 从业年限: 8 }), row(9, { 从业年限: 8, 丰富经验: '是' }),
  ];
  const before = await snapshot();
  const dry = await importSheet(xlsxBytes(rows), '专家.xlsx', false);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  const p = dry.json.data.problems as { row: number; field: string; message: string }[];
  assert.deepEqual(p.map((x) => [x.row, x.field]), [[3, '职称'], [4, '专业'], [5, '手机号'], [6, '身份证号'], [7, '手机号'], [8, '手机号'], [9, '职称']]);
  assert.match(p[0].message, /不符合专家入库条件：须具有高级或正高级职称/);
  assert.match(p[1].message, /未知的专业：桥梁/);
  assert.match(p[3].message, /校验位不正确/);
  assert.match(p[4].message, /与第 2 行重复/);
  assert.match(p[5].message, new RegExp(`已在专家库中（${w.experts[0].name}）`));
  assert.match(p[6].message, /15 年以上或具有丰富的专业经验/);
  assert.deepEqual([dry.json.data.committed, dry.json.data.imported, dry.json.data.preview.length], [false, 0, 2], 'rows 2 and 10 would import');
  assert.equal(await snapshot(), before);

  const commit = await importSheet(xlsxBytes(rows), '专家.xlsx', true);
  assert.deepEqual([commit.status, commit.json.error], [400, 'import_rejected']);
  assert.match(commit.json.message, /发现 7 处错误，没有写入任何专家/);
  assert.equal(await snapshot(), before);
});

test('another city’s regulator and a town regulator are refused before the file is read', async () => {
  const zs = await sys.user('中山住建', [{ role: 'regulator', level: 'city', cityId: 'zhongshan' }], { phone: '13910009901' });
  const before = await snapshot();
  const other = await importSheet(csv([HEADER, row(20)]), '专家.csv', true, zs.token);
  assert.equal(other.status, 403);
  const town = await importSheet(csv([HEADER, row(20)]), '专家.csv', true, w.townRegulator.token);
  assert.equal(town.status, 403);
  const citizen = await importSheet(Buffer.from('not a sheet'), '专家.pdf', false, w.citizen.token);
  assert.equal(citizen.status, 403, 'refused before the file is looked at');
  assert.equal(await snapshot(), before);
});

test('a clean CSV commits every expert (an existing account is reused); they join the library and the draws; again is refused', async () => {
  const citizenPhone = (await sys.db.collection<{ _id: string; phone: string }>('users').findOne({ _id: w.citizen.id }))!.phone;
  const rows = [HEADER, row(31), row(32, { 手机号: citizenPhone, 姓名: '市民专家', 职称: '正高级', 专业: '模架', 丰富经验: '' })];
  const usersBefore = await sys.db.collection('users').countDocuments({});
  const c = await importSheet(csv(rows), '专家.csv', true);
  assert.equal(c.status, 201, JSON.stringify(c.json));
  assert.deepEqual([c.json.data.committed, c.json.data.imported], [true, 2]);
  assert.equal(await sys.db.collection('users').countDocuments({}), usersBefore + 1, 'one new account; the citizen’s is reused');
  const lib = (await sys.call('GET', '/api/experts?cityId=dongguan', { token: w.cityRegulator.token })).json.data as { name: string; state: string; idNumberMasked: string; specialtyCodes: string[]; history: { action: string }[] }[];
  const a = lib.find((e) => e.name === '导入专家31')!;
  assert.equal(a.state, 'active');
  assert.deepEqual(a.specialtyCodes, ['geotech', 'safety']);
  assert.equal(a.idNumberMasked, `4419${'*'.repeat(10)}${idNo(31).slice(-4)}`);
  assert.equal(a.history[0].action, 'expert.import');
  const mine = lib.find((e) => e.name === '市民专家')!;
  assert.equal((await sys.db.collection<{ userId: string; name: string }>('dw_experts').findOne({ name: '市民专家' }))!.userId, w.citizen.id);
  assert.equal(mine.state, 'active');
  const pub = (await sys.call('GET', '/api/experts/public?cityId=dongguan')).json.data as { name: string }[];
  assert.ok(pub.some((e) => e.name === '导入专家31'));
  assert.equal(await sys.db.collection('dw_experts').countDocuments({ active: false }), 0, 'every row activated');
  assert.equal((await sys.db.collection<{ state: string }>('dw_expert_imports').findOne({}))!.state, 'done');

  const again = await importSheet(csv(rows), '专家.csv', false);
  assert.deepEqual(again.json.data.problems.map((x: { row: number }) => x.row), [2, 3]);
});

test('the keeper’s view: what expertAdmission says of an application, the employer change in the history', async () => {
  const me = await sys.user('申请人', [], { phone: '13910007701' });
  const app = await sys.call('POST', '/api/experts?cityId=dongguan', { token: me.token, body: { name: '申请人', phone: '13910007701', title: '高级', years: 9, richExperience: true, specialties: ['lifting'], employer: '某建工' } });
  assert.equal(app.status, 201);
  const view = (await sys.call('GET', `/api/experts/${app.json.data.id}`, { token: w.cityRegulator.token })).json.data;
  assert.deepEqual(view.admission, { admissible: true, reasons: [] });
  const moved = await sys.call('POST', `/api/experts/${app.json.data.id}/employer`, { token: w.cityRegulator.token, body: { employer: '华南建设监理', version: view.version } });
  assert.equal(moved.json.data.employer, '华南建设监理');
  assert.deepEqual(moved.json.data.history.map((h: { action: string }) => h.action), ['expert.apply', 'expert.employer']);
  const refused = await sys.call('POST', `/api/experts/${app.json.data.id}/action`, { token: w.cityRegulator.token, body: { action: 'remove', note: '不予入库：材料不全', version: moved.json.data.version } });
  assert.equal(refused.json.data.state, 'removed');
  assert.equal(refused.json.data.history.at(-1).reason, '不予入库：材料不全');
});

test('an expert finds their invitation through GET /api/experts/me; a citizen who is no expert gets nothing', async () => {
  const p = await registerProject(sys, w);
  const schemeId = p.items.find((i) => i.name === '主楼基坑')!.schemeId;
  const v = await approvedScheme(sys, w, schemeId, 'me');
  const r = await applyFor(sys, w, schemeId, v, new Date(clock.getTime() + 3_600_000));
  const d = await sys.call('POST', `/api/reviews/${r.id}/draw`, { token: w.cityRegulator.token });
  assert.equal(d.status, 200, JSON.stringify(d.json));
  // the draw is random over every active expert, the ones this file imported among them
  const drawn = await sys.db.collection<{ _id: string; name: string; userId: string }>('dw_experts').findOne({ _id: d.json.data.invitations[0].expertId });
  const invited = { name: drawn!.name, token: await sys.tokenFor(drawn!.userId) };
  const work = (await sys.call('GET', '/api/experts/me', { token: invited.token })).json.data;
  assert.equal(work.expert.name, invited.name);
  const item = work.items.find((i: { reviewId: string }) => i.reviewId === r.id);
  assert.deepEqual([item.next, item.invitation.status, item.projectName, item.itemName], ['reply', 'invited', '南城中心商务楼', '主楼基坑']);
  await sys.call('POST', `/api/reviews/${r.id}/respond`, { token: invited.token, body: { accept: true } });
  const after = (await sys.call('GET', '/api/experts/me', { token: invited.token })).json.data.items.find((i: { reviewId: string }) => i.reviewId === r.id);
  assert.deepEqual([after.next, after.invitation.status], ['sign_in', 'accepted']);
  const outsider = await sys.user('路人', [], { phone: '13910007702' });
  assert.deepEqual((await sys.call('GET', '/api/experts/me', { token: outsider.token })).json.data, { expert: null, items: [], consultations: [] });
});

test('a crash between commit and activation is rolled forward by the job; a batch left staging is rolled back with the accounts it made', async () => {
  const { settleExpertImports } = await import('../../src/contexts/schemereview/expert-import-staging');
  const old = new Date(clock.getTime() - 2 * 3600_000);
  const doc = (id: string, userId: string, batch: string) => ({
    _id: id, version: 1, history: [], outbox: [], pendingAudit: [], name: `残留${id}`, userId, title: '高级', years: 20, richExperience: false, specialties: ['geotech'], employer: null,
    state: 'active', integrity: [], reviewsSat: 0, scope: { cityId: 'dongguan' }, createdAt: old, updatedAt: old, active: false, importBatch: batch,
  });
  await sys.db.collection('dw_expert_imports').insertMany([
    { _id: 'xi_committed', state: 'committed', rows: 1, cityId: 'dongguan', fileName: 'a.csv', actorId: 'u', createdAt: old, updatedAt: old },
    { _id: 'xi_stale', state: 'staging', rows: 1, cityId: 'dongguan', fileName: 'b.csv', actorId: 'u', createdAt: old, updatedAt: old },
  ] as never[]);
  await sys.db.collection('users').insertMany([
    { _id: 'u_xi_c', name: '残留甲', phone: '13910008801', roles: [], roleKeys: [], createdAt: old, version: 1, importBatch: 'xi_committed' },
    { _id: 'u_xi_s', name: '残留乙', phone: '13910008802', roles: [], roleKeys: [], createdAt: old, version: 1, importBatch: 'xi_stale' },
  ] as never[]);
  await sys.db.collection('dw_experts').insertMany([doc('ex_xi_c', 'u_xi_c', 'xi_committed'), doc('ex_xi_s', 'u_xi_s', 'xi_stale')] as never[]);
  const names = async () => ((await sys.call('GET', '/api/experts?cityId=dongguan', { token: w.cityRegulator.token })).json.data as { name: string }[]).map((e) => e.name).filter((n) => n.startsWith('残留'));
  assert.deepEqual(await names(), [], 'inactive rows are not in the library (nor in the draws, which read the same list)');
  await settleExpertImports(sys.deps, { budgetMs: 10_000, trigger: 'test' });
  assert.deepEqual(await names(), ['残留ex_xi_c']);
  assert.equal(await sys.db.collection('dw_experts').countDocuments({ _id: 'ex_xi_s' } as never), 0);
  assert.equal(await sys.db.collection('users').countDocuments({ _id: { $in: ['u_xi_c', 'u_xi_s'] } } as never), 1, 'the rolled-back batch’s account is gone');
  assert.deepEqual((await sys.db.collection('dw_expert_imports').find({ _id: { $in: ['xi_committed', 'xi_stale'] } } as never, { sort: { _id: 1 } }).toArray()).map((x) => x.state), ['done', 'rolled_back']);
});
