/**
 * Issue 17, what town and city regulators expect: statistics over a period with a trend and an xlsx export, every
 * group of their area shown (zeros included), 督办 on a single case, and the shops-and-grades overview.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';

// 2026-12-09 11:00 Beijing, a Wednesday
const NOW = new Date('2026-12-09T03:00:00Z');
let sys: TestSystem;
let city: CityFixture;
let regulatorA: { id: string; token: string };
let cityRegulator: { id: string; token: string };

before(async () => {
  sys = await startTestSystem({ now: () => NOW });
  city = await buildCity(sys);
  await sys.db.collection('orgs').insertMany([{ _id: 'org-roads', kind: 'unit', name: '南城市政道路养护公司', cityId: 'dongguan', townId: 'nancheng' }] as never[]);
  regulatorA = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]);
  cityRegulator = await sys.user('市监管', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }]);
});
after(async () => sys.close());

const caseById = async (id: string, token: string) => (await sys.call('GET', `/api/cases/${id}`, { token })).json.data;
async function report(description: string, classCode: string): Promise<string> {
  const r = await sys.call('POST', '/api/cases', { token: city.citizen.token, body: { facilityId: city.facilityA, kind: 'component', classCode, description, photos: [await photo(sys, city.citizen.token, description)], location: { lng: 113.745, lat: 23.005, accuracy: 15 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.data.id;
}
async function act(token: string, id: string, body: Record<string, unknown>) {
  // the version as the city regulator reads it (the caller may not see the case)
  const version = (await caseById(id, cityRegulator.token)).version;
  return sys.call('POST', `/api/cases/${id}/actions`, { token, body: { version, ...body } });
}
async function dispatched(description: string, classCode: string): Promise<string> {
  const id = await report(description, classCode);
  assert.equal((await act(city.chiefA.token, id, { action: 'accept' })).status, 200);
  assert.equal((await act(city.chiefA.token, id, { action: 'dispatch', unitId: 'org-roads' })).status, 200);
  return id;
}

test('a period filter, a trend per week with empty weeks as zeros, and every town of the area listed', async () => {
  const thisWeek = await dispatched('本周的井盖松动', '0101');
  const lastMonth = await dispatched('上月的井盖缺失', '0102');
  // reported on 11-20 (a Friday), closed on 12-01
  await sys.db.collection('cases').updateOne({ _id: lastMonth as never }, { $set: { createdAt: new Date('2026-11-20T02:00:00Z'), state: 'closed', closedAt: new Date('2026-12-01T02:00:00Z') } });

  const get = (q: string, token = cityRegulator.token) => sys.call('GET', `/api/cases-metrics?${q}`, { token });
  const week = await get('by=town&period=week');
  assert.equal(week.status, 200, JSON.stringify(week.json));
  assert.deepEqual(week.json.data.period, { period: 'week', from: '2026-12-07', to: '2026-12-09' });
  assert.deepEqual(week.json.data.rows.map((r: { key: string; name: string; counts: { filed: number } }) => [r.key, r.name, r.counts.filed]), [['dongcheng', '东城', 0], ['nancheng', '南城', 1]], 'the town without a case reads 0');
  assert.equal(week.json.data.rows[0].closeRate, null, 'no rate for an empty group, not 0 %');
  assert.deepEqual(week.json.data.trend.buckets.map((b: { key: string; filed: number }) => [b.key, b.filed]), [['2026-12-07', 1]]);

  const quarter = await get('by=town&period=quarter');
  assert.deepEqual(quarter.json.data.period, { period: 'quarter', from: '2026-10-01', to: '2026-12-09' });
  assert.equal(quarter.json.data.trend.unit, 'month');
  assert.deepEqual(quarter.json.data.trend.buckets.map((b: { label: string; filed: number; closed: number }) => [b.label, b.filed, b.closed]), [['2026年10月', 0, 0], ['2026年11月', 1, 0], ['2026年12月', 1, 1]]);
  const nc = quarter.json.data.rows.find((r: { key: string }) => r.key === 'nancheng');
  assert.deepEqual([nc.counts.filed, nc.counts.closed], [2, 1]);

  const custom = await get('by=grid&period=custom&from=2026-11-16&to=2026-11-22&trend=week', regulatorA.token);
  assert.deepEqual(custom.json.data.rows.map((r: { key: string; counts: { filed: number } }) => [r.key, r.counts.filed]), [['g-a', 1]], 'a town regulator: its grids only');
  assert.deepEqual(custom.json.data.trend.buckets.map((b: { key: string; filed: number }) => [b.key, b.filed]), [['2026-11-16', 1]]);
  const all = await get('by=town');
  assert.equal(all.json.data.period.period, 'all', 'old clients: every case');
  assert.equal(all.json.data.rows.find((r: { key: string }) => r.key === 'nancheng').counts.filed, 2);

  const bad = await get('by=town&period=custom&from=2026-11-22&to=2026-11-16');
  assert.equal(bad.status, 400);
  assert.match(bad.json.message, /结束日期不能早于开始日期/);
  assert.equal((await get('by=town&period=year')).status, 400);
  assert.match((await get('by=town&period=custom&to=2026-11-16')).json.message, /from/);
  assert.ok(thisWeek);
});

test('the statistics as an xlsx workbook: the groups, the trend and the formulas, for the caller only', async () => {
  const res = await fetch(`${sys.url}/api/cases-metrics/export?by=town&period=month`, { headers: { authorization: `Bearer ${cityRegulator.token}` } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(decodeURIComponent(res.headers.get('content-disposition') ?? ''), /办理统计-按街道-2026-12-01至2026-12-09\.xlsx/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b], 'a zip (xlsx) file');
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.read(bytes, { type: 'buffer' });
  assert.deepEqual(wb.SheetNames, ['办理统计', '趋势', '指标口径']);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['办理统计'], { header: 1 });
  assert.deepEqual(rows[0], ['统计时段', '本月（2026-12-01 至 2026-12-09）']);
  assert.equal((rows[3] as string[])[0], '街道（镇）');
  const byTown = new Map(rows.slice(4).map((r) => [(r as unknown[])[0], r as unknown[]]));
  assert.deepEqual([...byTown.keys()].sort(), ['东城', '南城']);
  assert.equal(byTown.get('东城')![1], 0, 'the empty town is in the file too');
  assert.equal(byTown.get('南城')![1], 1, 'this month: the case of this week');
  const trend = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['趋势'], { header: 1 });
  assert.deepEqual(trend[0], ['周（起始日）', '上报立案数', '结案数', '按期结案数']);
  assert.ok(trend.length >= 2);
  const formulas = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['指标口径'], { header: 1 });
  assert.ok(formulas.some((r) => String((r as unknown[])[1]).startsWith('结案率 =')));
  assert.equal((await fetch(`${sys.url}/api/cases-metrics/export?by=town`)).status, 401);
  const citizen = await fetch(`${sys.url}/api/cases-metrics/export?by=town&period=month`, { headers: { authorization: `Bearer ${city.citizen.token}` } });
  const citizenBook = XLSX.read(Buffer.from(await citizen.arrayBuffer()), { type: 'buffer' });
  assert.equal(XLSX.utils.sheet_to_json<unknown[]>(citizenBook.Sheets['办理统计'], { header: 1 }).length, 4, 'a citizen gets the headers only, no numbers');
});

test('督办: a regulator flags a case with a note and a date; unit and chief are told; everyone on it sees it; audited', async () => {
  const id = await dispatched('井盖缺失很危险', '0103');
  const due = new Date(NOW.getTime() + 2 * 86_400_000).toISOString();
  assert.equal((await act(city.chiefA.token, id, { action: 'supervise', reason: '请加快', dueAt: due })).status, 403, 'the area chief cannot');
  assert.equal((await act(city.regulatorB.token, id, { action: 'supervise', reason: '请加快', dueAt: due })).status, 404, 'another town’s regulator does not see it');
  const noDate = await act(regulatorA.token, id, { action: 'supervise', reason: '请加快' });
  assert.equal(noDate.status, 400);
  assert.match(noDate.json.message, /督办时限/);
  const past = await act(regulatorA.token, id, { action: 'supervise', reason: '请加快', dueAt: new Date(NOW.getTime() - 60_000).toISOString() });
  assert.equal(past.status, 400);
  assert.equal((await sys.db.collection('cases').findOne({ _id: id as never }))!.supervision, undefined, 'nothing written by a refused 督办');

  const before = await caseById(id, regulatorA.token);
  const r = await act(regulatorA.token, id, { action: 'supervise', reason: '群众多次反映，请尽快处置', dueAt: due });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.state, before.state, 'the state does not change');
  assert.deepEqual(r.json.data.supervision, { note: '群众多次反映，请尽快处置', dueAt: due, at: NOW.toISOString(), overdue: false });
  for (const token of [city.unitA.token, city.chiefA.token, city.citizen.token, cityRegulator.token]) {
    const seen = await caseById(id, token);
    assert.equal(seen.supervision?.note, '群众多次反映，请尽快处置', 'shown to everyone on the case');
  }
  const queue = (await sys.call('GET', '/api/cases', { token: city.unitA.token })).json.data.find((x: { id: string }) => x.id === id);
  assert.ok(queue.supervision, 'and in the unit’s queue');
  const timeline = (await caseById(id, city.chiefA.token)).timeline;
  assert.equal(timeline.at(-1).label, '督办');
  assert.equal(timeline.at(-1).note, '群众多次反映，请尽快处置');
  const inbox = async (token: string) => (await sys.call('GET', '/api/inbox', { token })).json.data.items.map((i: { title: string }) => i.title);
  for (const token of [city.unitA.token, city.chiefA.token]) assert.ok((await inbox(token)).some((t: string) => t.startsWith('监管部门督办，请于12月11日 11:00前办结')), 'the unit and the chief are told');
  assert.ok(!(await inbox(city.citizen.token)).some((t: string) => t.includes('督办')), 'not a message for the citizen');
  const audit = await sys.db.collection('audit_log').find({ 'target.id': id, action: 'case.supervise' }).toArray();
  assert.equal(audit.length, 1);
  assert.equal(audit[0].actorId, regulatorA.id);
  assert.equal((await act(city.chiefA.token, id, { action: 'park', reason: '季节性工程' })).status, 200);
  assert.equal((await caseById(id, cityRegulator.token)).supervision.note, '群众多次反映，请尽快处置', 'a parked case keeps its 督办');
});

test('shops by grade and town, the worst first; only regulators and the admin', async () => {
  const shop = (id: string, name: string, town: string, grid: string, score: number, grade: string) => ({ _id: id, name, licenceNo: `L-${id}`, address: `${name}门口`, location: { lng: 113.745, lat: 23.005 }, owner: { userId: 'u', name: '王*' }, zone: { frontage: 5, depth: 3 }, duties: [], scope: { cityId: 'dongguan', townId: town, gridId: grid, public: true }, score, grade, gradeHistory: [], createdAt: NOW, version: 1, history: [], outbox: [] });
  await sys.db.collection('shops').insertMany([
    shop('pq_a', '甲便利店', 'nancheng', 'g-a', 96, 'A'),
    shop('pq_b', '乙烧腊店', 'nancheng', 'g-a', 58, 'D'),
    shop('pq_c', '丙面馆', 'nancheng', 'g-a', 70, 'C'),
    shop('pq_d', '丁水果店', 'nancheng', 'g-a', 52, 'D'),
    shop('pq_e', '戊五金店', 'nancheng', 'g-a', 80, 'B'),
  ] as never[]);
  const r = await sys.call('GET', '/api/shop-grades', { token: cityRegulator.token });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const o = r.json.data;
  assert.equal(o.total, 5);
  assert.deepEqual(o.grades, { A: 1, B: 1, C: 1, D: 2 });
  assert.deepEqual(o.towns.map((t: { townName: string; total: number }) => [t.townName, t.total]), [['南城', 5], ['东城', 0]], 'a town without shops reads 0');
  assert.deepEqual(o.worst.map((s: { name: string }) => s.name), ['丁水果店', '乙烧腊店', '丙面馆', '戊五金店', '甲便利店']);
  assert.deepEqual([o.worst[0].townName, o.worst[0].gridName], ['南城', '网格A']);
  const east = (await sys.call('GET', '/api/shop-grades', { token: city.regulatorB.token })).json.data;
  assert.deepEqual([east.total, east.towns.map((t: { townId: string }) => t.townId)], [0, ['dongcheng']], 'a town regulator: its town only');
  for (const who of [city.chiefA, city.citizen, city.unitA]) assert.equal((await sys.call('GET', '/api/shop-grades', { token: who.token })).status, 403);
  // the same overview as a workbook: grades, every town (zeros kept), the lowest first
  const res = await fetch(`${sys.url}/api/shop-grades/export`, { headers: { authorization: `Bearer ${cityRegulator.token}` } });
  assert.equal(res.status, 200);
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.read(Buffer.from(await res.arrayBuffer()), { type: 'buffer' });
  assert.deepEqual(wb.SheetNames, ['等级分布', '按街道', '等级最低的商户']);
  assert.deepEqual(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['按街道'], { header: 1 }).slice(1), [['南城', 5, 1, 1, 1, 2], ['东城', 0, 0, 0, 0, 0]]);
  assert.deepEqual(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['等级最低的商户'], { header: 1 })[1].slice(0, 3), ['丁水果店', 'D', 52]);
  for (const who of [city.chiefA, city.unitA]) assert.equal((await fetch(`${sys.url}/api/shop-grades/export`, { headers: { authorization: `Bearer ${who.token}` } })).status, 403);
});

test('pit alarms over a period: per project of the area (zeros included), by level, archived or open; the trend; xlsx', async () => {
  const project = (id: string, name: string, town: string) => ({ _id: id, name, scope: { cityId: 'dongguan', townId: town, projectId: id }, version: 1, history: [], outbox: [] });
  await sys.db.collection('pit_projects').insertMany([project('pj_a', '南城一号基坑', 'nancheng'), project('pj_b', '南城二号基坑', 'nancheng'), project('pj_c', '东城基坑', 'dongcheng')] as never[]);
  const alarm = (id: string, projectId: string, level: string, status: string, createdAt: string, kind = 'threshold') => ({ _id: id, projectId, projectName: projectId === 'pj_a' ? '南城一号基坑' : '东城基坑', point: 'D1', item: 'wall_top_h', kind, level, status, uploads: [], escalated: false, dueAt: new Date(createdAt), scope: { cityId: 'dongguan', townId: projectId === 'pj_c' ? 'dongcheng' : 'nancheng', projectId }, createdAt: new Date(createdAt), updatedAt: new Date(new Date(createdAt).getTime() + 86_400_000), version: 1, history: [], outbox: [] });
  await sys.db.collection('pit_alarms').insertMany([
    alarm('pa_1', 'pj_a', 'red', 'raised', '2026-12-08T02:00:00Z'),
    alarm('pa_2', 'pj_a', 'yellow', 'archived', '2026-12-02T02:00:00Z'),
    alarm('pa_3', 'pj_a', 'orange', 'raised', '2026-11-10T02:00:00Z'), // last month
    alarm('pa_4', 'pj_a', 'normal', 'raised', '2026-12-08T03:00:00Z', 'suspect_data'), // about the data: not counted
    alarm('pa_5', 'pj_c', 'orange', 'handled', '2026-12-03T02:00:00Z'),
  ] as never[]);
  const month = await sys.call('GET', '/api/pit-alarm-stats?period=month', { token: cityRegulator.token });
  assert.equal(month.status, 200, JSON.stringify(month.json));
  assert.deepEqual(month.json.data.rows.map((r: { projectId: string; raised: number; yellow: number; orange: number; red: number; archived: number; open: number; townName: string }) => [r.projectId, r.townName, r.raised, r.yellow, r.orange, r.red, r.archived, r.open]), [
    ['pj_a', '南城', 2, 1, 0, 1, 1, 1],
    ['pj_c', '东城', 1, 0, 1, 0, 0, 1],
    ['pj_b', '南城', 0, 0, 0, 0, 0, 0],
  ], 'the most red first; a project without alarms as zeros');
  assert.deepEqual(month.json.data.trend.buckets.map((b: { key: string; filed: number; closed: number }) => [b.key, b.filed, b.closed]), [['2026-11-30', 2, 1], ['2026-12-07', 1, 0]]);
  const town = await sys.call('GET', '/api/pit-alarm-stats?period=quarter', { token: regulatorA.token });
  assert.deepEqual(town.json.data.rows.map((r: { projectId: string; raised: number }) => [r.projectId, r.raised]), [['pj_a', 3], ['pj_b', 0]], 'a town regulator: its projects only');
  const res = await fetch(`${sys.url}/api/pit-alarm-stats/export?period=month`, { headers: { authorization: `Bearer ${cityRegulator.token}` } });
  assert.equal(res.status, 200);
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.read(Buffer.from(await res.arrayBuffer()), { type: 'buffer' });
  assert.deepEqual(wb.SheetNames, ['基坑报警统计', '趋势']);
  assert.deepEqual(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['基坑报警统计'], { header: 1 })[3], ['南城一号基坑', '南城', 2, 1, 0, 1, 1, 1]);
  for (const who of [city.chiefA, city.citizen, city.unitA]) assert.equal((await sys.call('GET', '/api/pit-alarm-stats?period=month', { token: who.token })).status, 403);
});
