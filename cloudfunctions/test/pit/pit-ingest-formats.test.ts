import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, type PitFixture } from '../helpers/pit-factory';
import { pointsChanged } from '../../src/contexts/pit/ingest-heads';
import { signDevicePost } from '../../src/platform/device/device-signature';
import { PIT_POINTS, PIT_PROJECTS, type PitPoint } from '../../src/contexts/pit/pit.collections';
import { writeGsiTps } from '@cityloop/shared/pit/domain/gsi-writer';
import type { PointConfig } from '@cityloop/shared/pit/domain/epoch.solve';

/**
 * The formats added for total stations, tilt meters, crack gauges and rebar meters (docs/domain/pit.md,
 * "Upload formats"): posted by a monitoring unit and by an automatic station, solved, judged, alarmed and
 * pushed like every other item, and charted with their units.
 */
let sys: TestSystem;
let pit: PitFixture;
const S1 = { id: 'S1', E: 2000, N: 3000, H: 12, instrumentHeightM: 1.6 };
const BACKSIGHTS = [{ id: 'B1', E: 2000, N: 3150 }, { id: 'B2', E: 2150, N: 3000 }];

before(async () => {
  sys = await startTestSystem();
  pit = await buildPit(sys);
  await sys.db.collection(PIT_PROJECTS).updateOne({ _id: pit.projectId as never }, { $set: { 'config.controlPoints': { S1: { E: 2000, N: 3000, H: 12 }, B1: { E: 2000, N: 3150 }, B2: { E: 2150, N: 3000 } } } });
  const scope = { cityId: 'dongguan', townId: 'nancheng', projectId: pit.projectId };
  const point = (p: PointConfig): PitPoint => ({ _id: `${pit.projectId}/${p.code}`, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false, projectId: pit.projectId, scope, controlSource: 'standard', ...p });
  await sys.db.collection<PitPoint>(PIT_POINTS).insertMany([
    // south wall: the normal into the pit points north (0°)
    point({ code: 'WY1', item: 'wallTopHorizontal', initialE: 2010, initialN: 2980, azimuthDeg: 0, control: { cumulative: 20, rate: 2 } }),
    // east wall: the normal into the pit points west (270°)
    point({ code: 'WY2', item: 'wallTopHorizontal', initialE: 2030, initialN: 3010, azimuthDeg: 270, control: { cumulative: 20, rate: 2 } }),
    point({ code: 'WY9', item: 'wallTopHorizontal', control: { cumulative: 20, rate: 2 } }),
    point({ code: 'QX1', item: 'buildingTilt', initialReading: 0.25, control: { cumulative: 2, rate: 0.1 } }),
    point({ code: 'LF1', item: 'buildingCrack', initialReading: 0.3, control: { cumulative: 1.5, rate: null } }),
    point({ code: 'GJ1', item: 'wallInternalForce', calibration: { K: 0.0001, f0_Hz: 1500 }, control: { cumulative: 60, rate: null } }),
  ]);
  await pointsChanged(sys.db, pit.projectId); // as a point import does: the snapshot and the cached project are renewed
});
after(async () => sys.close());

const upload = (body: unknown) => sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const result = (r: { json: { data: { results: { point: string }[] } } }, p: string) => r.json.data.results.find((x) => x.point === p) as { point: string; value: number; level: string; rate: number | null };
const counts = async () => ({ uploads: await sys.db.collection('pit_uploads').countDocuments(), alarms: await sys.db.collection('pit_alarms').countDocuments(), outbox: await sys.db.collection('outbox').countDocuments() });

test('a total-station GSI file: solved from the registered control points; a wall point crossing 85 % raises an orange alarm pushed to every party', async () => {
  const first = await upload({ format: 'gsi', observedAt: hoursAgo(240), text: writeGsiTps(S1, BACKSIGHTS, [{ point: 'WY1', E: 2010.002, N: 2980.004 }, { point: 'WY2', E: 2029.998, N: 3010 }]) });
  assert.equal(first.status, 201, JSON.stringify(first.json));
  assert.equal(first.json.data.status, 'accepted');
  // WY1 (0°): d = ΔN = +4 mm; WY2 (270°): d = −ΔE = +2 mm
  assert.ok(Math.abs(result(first, 'WY1').value - 4) < 0.01, String(result(first, 'WY1').value));
  assert.ok(Math.abs(result(first, 'WY2').value - 2) < 0.01);
  assert.equal(first.json.data.summary.station, 'S1');
  assert.deepEqual(first.json.data.alarms, []);

  // ten days later WY1 is 17.4 mm toward the pit: 87 % of 20 mm, orange; 13.4 mm in 239 h = 1.35 mm/d, 67 % of the rate control
  const sms = sys.standins.log.length;
  const r = await upload({ format: 'gsi', observedAt: hoursAgo(1), text: writeGsiTps(S1, BACKSIGHTS, [{ point: 'WY1', E: 2010.005, N: 2980.0174 }, { point: 'WY2', E: 2029.997, N: 3010.001 }], 12.25) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const wy1 = result(r, 'WY1');
  assert.ok(Math.abs(wy1.value - 17.4) < 0.01, String(wy1.value));
  assert.ok(Math.abs(wy1.rate! - 13.4 / (239 / 24)) < 0.01);
  assert.equal(wy1.level, 'orange');
  assert.equal(r.json.data.alarms.length, 1);
  const alarm = await sys.db.collection('pit_alarms').findOne({ _id: r.json.data.alarms[0] });
  assert.equal(alarm?.point, 'WY1');
  assert.equal(alarm?.item, 'wallTopHorizontal');
  assert.equal(alarm?.level, 'orange');
  const log = sys.standins.log.slice(sms);
  for (const who of ['owner', 'contractor', 'supervisor', 'monitor', 'designer', 'townRegulator'] as const) {
    assert.ok(log.some((e) => e.kind === 'SendSms' && e.ok && e.to === `+86${pit.people[who].phone}`), `SMS to ${who}`);
  }
  const text = (log.find((e) => e.kind === 'SendSms' && e.to === `+86${pit.people.owner.phone}`)!.payload as { text: string }).text;
  assert.match(text, /测点WY1累计17\.4\dmm，控制值20\.00mm，橙色预警/);

  // the point page's series: in mm, with thresholds
  const s = await sys.call('GET', `/api/pit/projects/${pit.projectId}/points/WY1/series`, { token: pit.people.owner.token });
  assert.equal(s.status, 200);
  assert.equal(s.json.data.unit, 'mm');
  assert.equal(s.json.data.itemLabel, '围护墙顶部水平位移');
  assert.equal(s.json.data.epochs.length, 2);
  assert.equal(s.json.data.thresholds.orange, 17);
});

test('tps_csv, tilt_csv, crack_csv and rebar meters through vw_csv: solved with their units and judged; orange raises an alarm', async () => {
  const t = hoursAgo(0.5);
  const tps = await upload({ format: 'tps_csv', text: `point,time,E,N,H\nWY2,${t},2029.9935,3010.001,12.1\n` });
  assert.equal(tps.status, 201, JSON.stringify(tps.json));
  assert.ok(Math.abs(result(tps, 'WY2').value - 6.5) < 1e-6, 'd = −ΔE at 270°');

  const tilt = await upload({ format: 'tilt_csv', text: `point,time,tilt_permille\nQX1,${t},1.98\n` });
  assert.equal(tilt.status, 201, JSON.stringify(tilt.json));
  assert.ok(Math.abs(result(tilt, 'QX1').value - 1.73) < 1e-9, '1.98 − 0.25 ‰');
  assert.equal(result(tilt, 'QX1').level, 'orange', '86.5 % of 2 ‰');
  assert.equal(tilt.json.data.alarms.length, 1);
  const alarm = await sys.db.collection('pit_alarms').findOne({ _id: tilt.json.data.alarms[0] });
  assert.equal(alarm?.level, 'orange');
  const sms = sys.standins.log.filter((e) => e.kind === 'SendSms' && e.to === `+86${pit.people.owner.phone}`).at(-1)!.payload as { text: string };
  assert.match(sms.text, /测点QX1累计1\.73‰，控制值2\.00‰，橙色预警/);

  const crack = await upload({ format: 'crack_csv', text: `point,time,width_mm\nLF1,${t},0.9\n` });
  assert.equal(crack.status, 201, JSON.stringify(crack.json));
  assert.ok(Math.abs(result(crack, 'LF1').value - 0.6) < 1e-9);
  assert.equal(result(crack, 'LF1').level, 'normal');

  const rebar = await upload({ format: 'vw_csv', text: `sensor_id,time,freq_Hz\nGJ1,${t},1650\n` });
  assert.equal(rebar.status, 201, JSON.stringify(rebar.json));
  assert.ok(Math.abs(result(rebar, 'GJ1').value - 47.25) < 1e-9, '0.0001·(1650² − 1500²) kN');
  assert.equal(result(rebar, 'GJ1').level, 'yellow');

  const s = await sys.call('GET', `/api/pit/projects/${pit.projectId}/points/QX1/series`, { token: pit.people.owner.token });
  assert.deepEqual([s.json.data.unit, s.json.data.rateUnit, s.json.data.itemLabel], ['‰', '‰/d', '周边建筑倾斜']);
  const d = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: pit.people.owner.token });
  const units = Object.fromEntries((d.json.data.points as { code: string; unit: string }[]).map((p) => [p.code, p.unit]));
  assert.deepEqual([units.WY1, units.QX1, units.LF1, units.GJ1], ['mm', '‰', 'mm', 'kN']);
});

test('automatic stations post tps_csv and tilt_csv signed with their key', async () => {
  for (const [id, format, body] of [
    ['dev_test_tps', 'tps_csv', `point,time,E,N,H\nWY2,${new Date(Date.now() - 60_000).toISOString()},2029.993,3010.001,12.1\n`],
    ['dev_test_tilt', 'tilt_csv', `point,time,tilt_deg\nQX1,${new Date(Date.now() - 60_000).toISOString()},0.1\n`],
  ] as const) {
    await sys.db.collection('pit_devices').insertOne({ _id: id as never, projectId: pit.projectId, format, key: `k-${id}`, name: id, enabled: true });
    const ts = Math.floor(Date.now() / 1000);
    const nonce = `nonce-${id}-000000001`;
    const r = await sys.call('POST', `/api/ingest/pit/devices/${id}/readings`, { raw: body, headers: { 'content-type': 'text/csv', 'x-cl-timestamp': String(ts), 'x-cl-nonce': nonce, 'x-cl-signature': signDevicePost(`k-${id}`, ts, nonce, body) } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.data.format, format);
    assert.equal(r.json.data.results.length, 1);
  }
  const up = await sys.db.collection('pit_uploads').findOne({ 'source.deviceId': 'dev_test_tilt' });
  // tan 0.1° = 1.74533 ‰, minus 0.25 ‰
  assert.ok(Math.abs(up!.results[0].value - (Math.tan((0.1 * Math.PI) / 180) * 1000 - 0.25)) < 1e-9);
});

test('hostile total-station and reading files: unknown station or backsight, points without azimuth, bad rows, future times → a clear Chinese error, nothing written', async () => {
  const target = [{ point: 'WY1', E: 2010.005, N: 2980.01 }];
  const cases: [string, unknown, string, RegExp][] = [
    ['unknown station', { format: 'gsi', observedAt: hoursAgo(2), text: writeGsiTps({ ...S1, id: 'S7' }, BACKSIGHTS, target) }, 'station_unknown', /^测站 S7 未登记坐标/],
    ['unknown backsight', { format: 'gsi', observedAt: hoursAgo(2), text: writeGsiTps(S1, [{ id: 'B9', E: 1900, N: 3000 }], target) }, 'backsight_unknown', /^后视点 B9 未登记坐标/],
    ['a point without azimuth or initial coordinates', { format: 'gsi', observedAt: hoursAgo(2), text: writeGsiTps(S1, BACKSIGHTS, [...target, { point: 'WY9', E: 2040, N: 3040 }]) }, 'point_not_initialised', /^测点 WY9 未登记初始坐标\/方位角/],
    ['the same in a tps_csv', { format: 'tps_csv', text: `point,time,E,N,H\nWY9,${hoursAgo(2)},2040,3040,12\n` }, 'point_not_initialised', /^测点 WY9 未登记初始坐标\/方位角/],
    ['a tps_csv with a bad row', { format: 'tps_csv', text: `point,time,E,N,H\nWY1,${hoursAgo(2)},2010.001,2980.002,12\nWY2,${hoursAgo(2)},两千,3010,12\n` }, 'tps_csv_error', /^文件有 1 处问题：第 3 行：E 的值“两千”不是数字$/],
    ['a tps_csv in the future', { format: 'tps_csv', text: `point,time,E,N,H\nWY1,${hoursAgo(-3)},2010.001,2980.002,12\n` }, 'future_timestamp', /^第 2 行时间 .*晚于当前时间/],
    ['a total-station file in the future', { format: 'gsi', observedAt: hoursAgo(-3), text: writeGsiTps(S1, BACKSIGHTS, target) }, 'future_timestamp', /^观测时间 .*晚于当前时间/],
    ['a tilt file with a bad row', { format: 'tilt_csv', text: `point,time,tilt_permille\nQX1,${hoursAgo(2)},\n` }, 'tilt_csv_error', /tilt_permille 的值“”不是数字/],
    ['a crack file naming an unregistered point', { format: 'crack_csv', text: `point,time,width_mm\nLF9,${hoursAgo(2)},1\n` }, 'unknown_point', /未登记的监测点：LF9/],
  ];
  const before = await counts();
  for (const [name, body, code, msg] of cases) {
    const r = await upload(body);
    assert.equal(r.status, 400, `${name}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error, code, name);
    assert.match(r.json.message, msg, `${name}: ${r.json.message}`);
  }
  assert.deepEqual(await counts(), before, 'nothing written');
});
