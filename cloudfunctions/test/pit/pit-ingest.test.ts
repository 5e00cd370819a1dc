import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, loopFile, type PitFixture } from '../helpers/pit-factory';
import { verifyChain } from '../../src/contexts/pit/ingest-epoch';
import { pointsChanged } from '../../src/contexts/pit/ingest-heads';
import { signDevicePost } from '../../src/platform/device/device-signature';
import { PIT_UPLOAD_TOO_LARGE } from '../../src/contexts/pit/upload-errors';
import { dailyRows, reportRow } from '../../src/contexts/pit/daily-report';
import type { PitProject } from '../../src/contexts/pit/pit.collections';

let sys: TestSystem;
let pit: PitFixture;
before(async () => {
  sys = await startTestSystem();
  pit = await buildPit(sys);
});
after(async () => sys.close());

const upload = (token: string, body: unknown, projectId = pit.projectId) => sys.call('POST', `/api/ingest/pit/projects/${projectId}/uploads`, { token, body });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const counts = async () => ({
  uploads: await sys.db.collection('pit_uploads').countDocuments(),
  alarms: await sys.db.collection('pit_alarms').countDocuments(),
  outbox: await sys.db.collection('outbox').countDocuments(),
});

test('a GSI file pushing a point over 85 % raises an orange alarm, pushed at once by SMS and subscription message to every party and the town regulator', async () => {
  const base = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(6, 1), observedAt: hoursAgo(120) }); // slow: 0.6 mm/d, so the level comes from the cumulative value
  assert.equal(base.status, 201, JSON.stringify(base.json));
  assert.equal(base.json.data.status, 'accepted');
  const r = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(8.8, 1.5, 0, 8), observedAt: hoursAgo(6) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const z1 = r.json.data.results.find((x: { point: string }) => x.point === 'ZQS1');
  assert.ok(Math.abs(z1.value + 8.8) < 0.05, String(z1.value));
  assert.equal(z1.level, 'orange');
  assert.equal(r.json.data.alarms.length, 1);

  const alarm = await sys.db.collection('pit_alarms').findOne({ _id: r.json.data.alarms[0] });
  assert.equal(alarm?.level, 'orange');
  assert.equal(alarm?.status, 'raised');
  for (const who of ['owner', 'contractor', 'supervisor', 'monitor', 'designer', 'townRegulator'] as const) {
    const p = pit.people[who];
    assert.ok(sys.standins.log.some((e) => e.kind === 'SendSms' && e.ok && e.to === `+86${p.phone}`), `SMS to ${who}`);
    assert.ok(sys.standins.log.some((e) => e.kind === 'subscribeMessage.send' && e.ok && e.to === p.openid), `WeChat to ${who}`);
  }
  // orange: the city regulator is not bothered; another town never hears of it
  for (const who of ['cityRegulator', 'otherTownRegulator'] as const) assert.ok(!sys.standins.log.some((e) => e.to === pit.people[who].openid), who);
  const sms = sys.standins.log.find((e) => e.kind === 'SendSms' && e.to === `+86${pit.people.owner.phone}`)!;
  const { params, text } = sms.payload as { params: string[]; text: string };
  assert.deepEqual([params[1], params[3], params[4]], ['ZQS1', '10.00mm', '橙色预警']);
  assert.match(params[2], /^-8\.[78]\dmm$/, 'value with its unit');
  assert.match(params[5], /mm\/d$/, 'trend');
  // the template says 基坑 after the project name: a name ending in 基坑 does not say it twice
  assert.match(text, /^【[^】]+】测试基坑测点ZQS1累计-8\.[78]\dmm，控制值10\.00mm，橙色预警，速率[+-]\d+\.\d\dmm\/d，请立即处置。$/);
});

test('a file with misclosure over tolerance produces no results and no alarm, only a readable rejection', async () => {
  const before = await counts();
  const r = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(3, 1, 6), observedAt: hoursAgo(5) });
  assert.equal(r.status, 201);
  assert.equal(r.json.data.status, 'rejected');
  assert.match(r.json.data.reason, /闭合差 .* mm 超过限差/);
  assert.deepEqual(r.json.data.results, []);
  const after = await counts();
  assert.equal(after.alarms, before.alarms);
  assert.equal(after.uploads, before.uploads + 1, 'the rejected raw file is kept as evidence');
  const list = await sys.call('GET', `/api/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token });
  assert.equal(list.json.data[0].status, 'rejected');
});

test('the same file twice is one upload; uploads form an intact hash chain', async () => {
  const body = { format: 'gsi', text: loopFile(3.1, 1.1, 0, 99), observedAt: hoursAgo(4) };
  const a = await upload(pit.people.monitor.token, body);
  const b = await upload(pit.people.monitor.token, body);
  assert.equal(a.status, 201);
  assert.equal(b.status, 200);
  assert.equal(b.json.data.duplicate, true);
  assert.equal(b.json.data.id, a.json.data.id);
  assert.equal(await verifyChain(sys.db, pit.projectId), null);
  // tampering with any stored upload is detectable
  await sys.db.collection('pit_uploads').updateOne({ _id: a.json.data.id }, { $set: { status: 'held' } });
  assert.equal(await verifyChain(sys.db, pit.projectId), a.json.data.seq);
  await sys.db.collection('pit_uploads').updateOne({ _id: a.json.data.id }, { $set: { status: 'accepted' } });
});

test('hostile files: truncated, garbled, wrong units, unknown points, future time, bad format, 25 MB → clear errors, nothing saved', async () => {
  const good = loopFile(3, 1, 0, 123);
  const lines = good.trim().split('\n');
  const cases: [string, unknown, number, string, RegExp][] = [
    ['truncated', { format: 'gsi', text: lines.slice(0, 4).join('\n'), observedAt: hoursAgo(3) }, 400, '', /./],
    ['garbled', { format: 'gsi', text: lines.map((l, i) => (i === 3 ? l.replace('332.08', '332.x8') : l)).join('\n'), observedAt: hoursAgo(3) }, 400, 'gsi_parse_error', /第 4 行/],
    ['wrong units (gon)', { format: 'gsi', text: lines.map((l, i) => (i === 2 ? l.replace('331.08', '331.02') : l)).join('\n'), observedAt: hoursAgo(3) }, 400, 'gsi_parse_error', /单位是哥恩（gon），应为长度单位/],
    ['unknown point', { format: 'gsi', text: loopFile(3, 1).replace(/ZQS2/g, 'ZQS9'), observedAt: hoursAgo(3) }, 400, 'unknown_point', /ZQS9/],
    ['future time', { format: 'gsi', text: good, observedAt: new Date(Date.now() + 86400_000).toISOString() }, 400, 'future_timestamp', /（北京时间）晚于当前时间/],
    ['no time', { format: 'gsi', text: good }, 400, 'observed_at_required', /观测时间/],
    ['unknown format', { format: 'xls', text: good }, 400, 'invalid_input', /format/],
    ['water garbage', { format: 'water_csv', text: 'well_id,time,depth_m\nSW1,not-a-time,x\n' }, 400, 'water_csv_error', /第 2 行：时间“not-a-time”无法识别，应为 ISO 8601 时间.*第 2 行：depth_m 的值“x”不是数字/],
  ];
  const before = await counts();
  for (const [name, body, status, code, msg] of cases) {
    const r = await upload(pit.people.monitor.token, body);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r.json)}`);
    if (code) assert.equal(r.json.error, code, name);
    assert.match(r.json.message, msg, name);
  }
  const big = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, raw: JSON.stringify({ format: 'gsi', text: 'x'.repeat(25 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 413);
  assert.equal(big.json.message, PIT_UPLOAD_TOO_LARGE, 'pit files have no direct-upload path: split them');
  const justOver = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text: 'x'.repeat(5 * 1024 * 1024 + 1), observedAt: hoursAgo(3) } });
  assert.equal(justOver.status, 400);
  assert.match(justOver.json.message, /单个监测文件不能超过 5 MB，请按测段或日期拆分后上传/);
  const overIngestLimit = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, raw: JSON.stringify({ format: 'gsi', text: 'x'.repeat(6 * 1024 * 1024 - 40 * 1024) }), headers: { 'content-type': 'application/json' } });
  assert.equal(overIngestLimit.status, 413, 'under the gateway’s 6 MB, over the ingest function’s limit');
  assert.equal(overIngestLimit.json.message, PIT_UPLOAD_TOO_LARGE);
  assert.deepEqual(await counts(), before, 'nothing saved');
});

test('only this project’s monitoring unit uploads; another town’s regulator cannot even see it', async () => {
  const body = { format: 'gsi', text: loopFile(3, 1, 0, 5), observedAt: hoursAgo(2) };
  const other = await upload(pit.people.otherProjectMonitor.token, body);
  assert.equal(other.status, 404);
  const owner = await upload(pit.people.owner.token, body);
  assert.equal(owner.status, 403);
  assert.match(owner.json.message, /监测单位/);
  const peek = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: pit.people.otherTownRegulator.token });
  assert.equal(peek.status, 404);
  const list = await sys.call('GET', '/api/pit/alarms', { token: pit.people.otherTownRegulator.token });
  assert.equal(list.json.data.length, 0);
  const mine = await sys.call('GET', '/api/pit/alarms', { token: pit.people.townRegulator.token });
  assert.ok(mine.json.data.length >= 1);
});

test('automatic station posts: signed, replay refused, skewed clock refused', async () => {
  await sys.db.collection('pit_points').insertOne({ _id: `${pit.projectId}/SW1` as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false, projectId: pit.projectId, scope: { cityId: 'dongguan', townId: 'nancheng', projectId: pit.projectId }, code: 'SW1', item: 'waterLevel', pipeTopM: 100, initialM: 97, control: { cumulative: 1000, rate: 500 }, controlSource: 'standard' });
  await pointsChanged(sys.db, pit.projectId); // as adding a point does
  await sys.db.collection('pit_devices').insertOne({ _id: 'dev_test_water' as never, projectId: pit.projectId, format: 'water_csv', key: 'k-secret-device', name: 'w', enabled: true });
  const body = `well_id,time,depth_m\nSW1,${new Date(Date.now() - 60_000).toISOString()},3.2\n`;
  const post = (ts: number, nonce: string, sig?: string) =>
    sys.call('POST', '/api/ingest/pit/devices/dev_test_water/readings', { raw: body, headers: { 'content-type': 'text/csv', 'x-cl-timestamp': String(ts), 'x-cl-nonce': nonce, 'x-cl-signature': sig ?? signDevicePost('k-secret-device', ts, nonce, body) } });
  const now = Math.floor(Date.now() / 1000);
  const ok = await post(now, 'nonce-0000000000000001');
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const replay = await post(now, 'nonce-0000000000000001');
  assert.equal(replay.status, 401);
  assert.equal(replay.json.error, 'device_replay');
  const forged = await post(now, 'nonce-0000000000000002', signDevicePost('wrong-key', now, 'nonce-0000000000000002', body));
  assert.equal(forged.json.error, 'device_signature_invalid');
  const skewed = await post(now - 3600, 'nonce-0000000000000003');
  assert.equal(skewed.json.error, 'device_timestamp_skew');
  assert.equal(await sys.db.collection('pit_uploads').countDocuments({ 'source.deviceId': 'dev_test_water' }), 1);
});

test('a lost or stale chain head is repaired from the uploads themselves; the chain stays intact', async () => {
  await sys.db.collection('pit_chain_heads').deleteOne({ _id: pit.projectId as never });
  const r = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(3.3, 1.2, 0, 4242), observedAt: hoursAgo(1) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const max = await sys.db.collection('pit_uploads').find({ projectId: pit.projectId }).sort({ seq: -1 }).limit(1).toArray();
  assert.equal(r.json.data.seq, max[0].seq);
  assert.equal(await verifyChain(sys.db, pit.projectId), null);
});

/** An English phrase left in a message (two lower-case words in a row), outside the quoted file content. */
const englishPhrase = (msg: string) => /\b[a-z]{2,}\b[ ,;:]+\b[a-z]{2,}\b/.exec(msg.replace(/“[^”]*”/g, ''));

test('every refused upload tells the monitoring unit in Chinese which line or field is wrong and what is expected', async () => {
  const good = loopFile(3, 1, 0, 321).trim().split('\n');
  const cases: [string, unknown, string, RegExp][] = [
    ['not a GSI file', { format: 'gsi', text: 'hello', observedAt: hoursAgo(3) }, 'gsi_parse_error', /^文件有 1 处问题：第 1 行第 1 个数据字“hello”：只有 5 个字符，GSI-8 每个数据字应为 \d+ 个字符/],
    ['GSI cut mid-word', { format: 'gsi', text: [...good.slice(0, 3), good[3].slice(0, 40)].join('\n'), observedAt: hoursAgo(3) }, 'gsi_parse_error', /第 4 行第 \d+ 个数据字“[^”]*”：只有 \d+ 个字符/],
    ['strain CSV without a time column', { format: 'vw_csv', text: 'sensor_id,freq_Hz\nZL1,800\n' }, 'vw_csv_error', /^文件有 1 处问题：第 1 行：表头缺少 time 列$/],
    ['strain CSV with a missing column', { format: 'vw_csv', text: 'sensor_id,time,freq_Hz\nZL1,2026-11-20T08:00:00+08:00\n' }, 'vw_csv_error', /第 2 行：应有 3 列，实有 2 列/],
    ['water CSV, empty', { format: 'water_csv', text: '\n' }, 'water_csv_error', /文件为空/],
    ['inclinometer without a header', { format: 'inclinometer_csv', text: 'depth_m,A0,A180\n0.5,1,2\n' }, 'inclinometer_csv_error', /第 1 行：第一行应为表头“# hole=…; L=…; unit=…; time=…”/],
    ['inclinometer, one face', { format: 'inclinometer_csv', text: '# hole=CX1; L=0.5; unit=mm_per_interval; time=2026-11-20T08:00:00+08:00\ndepth_m,A0\n0.5,1\n' }, 'single_face', /^文件：第 2 行：缺少 A180 列；须上传正反两测/],
    ['DiNi garbage', { format: 'dini', text: 'hello world\n', observedAt: hoursAgo(3) }, 'dini_parse_error', /第 1 行：不是 M5 格式的记录：应以“For M5\|”开头/],
    ['Chinese text as GSI', { format: 'gsi', text: '这不是文件', observedAt: hoursAgo(3) }, 'gsi_parse_error', /^文件有 1 处问题：第 1 行第 1 个数据字“这不是文件”：只有 5 个字符/],
    ['a Chinese time in a water CSV', { format: 'water_csv', text: 'well_id,time,depth_m\nSW1,2026年11月26日 17:00,3.9\n' }, 'water_csv_error', /时间“2026年11月26日 17:00”无法识别，应为 ISO 8601 时间/],
    ['a Chinese number in a water CSV', { format: 'water_csv', text: 'well_id,time,depth_m\nSW1,2026-11-20T08:00:00+08:00,三点九\n' }, 'water_csv_error', /depth_m 的值“三点九”不是数字/],
    ['random bytes as GSI', { format: 'gsi', text: Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919) % 251)).toString('base64').replace(/(.{76})/g, '$1\n'), observedAt: hoursAgo(3) }, 'gsi_parse_error', /^文件有 \d+ 行、\d+ 处不符合所选格式，可能不是仪器导出的原始文件/],
  ];
  const before = await counts();
  for (const [name, body, code, msg] of cases) {
    const r = await upload(pit.people.monitor.token, body);
    assert.equal(r.status, 400, `${name}: ${JSON.stringify(r.json)}`);
    if (code) assert.equal(r.json.error, code, `${name}: the stable code is kept`);
    const m: string = r.json.message;
    assert.match(m, msg, name);
    assert.match(m, /[\u4e00-\u9fff]/, `${name}: Chinese`);
    assert.match(m, /第 \d+ 行|文件|观测时间/, `${name}: says where`);
    assert.equal(englishPhrase(m), null, `${name}: no English left: ${m}`);
    assert.doesNotMatch(m, /格式不正确，请对照/, `${name}: a specific explanation, not the generic one: ${m}`);
    for (const i of (r.json.data?.issues ?? []) as { message: string }[]) assert.equal(englishPhrase(i.message), null, `${name}: issue ${i.message}`);
  }
  assert.deepEqual(await counts(), before, 'nothing saved');
});

test('a rate over less than half a day is shown as not judged, with the reason, by every API that shows it and in the daily report', async () => {
  const observedAt = hoursAgo(0.25); // 45 min after the last leveling epoch (hoursAgo(1))
  const r = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(3.45, 1.2, 0, 4343), observedAt });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const z1 = r.json.data.results.find((x: { point: string }) => x.point === 'ZQS1');
  assert.ok(z1.rate !== null && Math.abs(z1.rate) > 0, 'the rate is still reported');
  assert.ok(z1.intervalDays < 0.5);
  assert.equal(z1.rateJudged, false);
  assert.equal(z1.rateLevel, null, 'no level for an unjudged rate');
  assert.equal(z1.rateNotJudged, 'interval_too_short');
  assert.match(z1.rateNote, /^未判定：距上次观测 4\d 分钟，间隔不足半天$/);

  const list = await sys.call('GET', `/api/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token });
  assert.equal(list.json.data[0].results.find((x: { point: string }) => x.point === 'ZQS1').rateJudged, false);
  const series = await sys.call('GET', `/api/pit/projects/${pit.projectId}/points/ZQS1/series`, { token: pit.people.owner.token });
  const last = series.json.data.epochs.at(-1);
  assert.equal(last.rateJudged, false);
  assert.match(last.rateNote, /间隔不足半天/);
  const judged = series.json.data.epochs.filter((e: { rateJudged: boolean }) => e.rateJudged);
  assert.ok(judged.length >= 1 && judged.every((e: { intervalDays: number }) => e.intervalDays >= 0.5), 'judged rates are over ≥ half a day');
  const detail = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: pit.people.owner.token });
  assert.equal(detail.json.data.points.find((p: { code: string }) => p.code === 'ZQS1').last.rateJudged, false);

  // Daily report row (GB 50497 appendix convention): 上次累计, 本次变化 and 速率 against the same previous epoch.
  const date = new Date(Date.parse(observedAt) + 8 * 3600_000).toISOString().slice(0, 10);
  const project = (await sys.db.collection<PitProject>('pit_projects').findOne({ _id: pit.projectId }))!;
  const { today, before } = await dailyRows(sys.db, project, date);
  const res = today.get('ZQS1')!;
  const row = reportRow('ZQS1', 10, res, before.get('ZQS1'));
  const [, prevCum, change, cum, interval, rate, rateJudgement, , , status] = row;
  assert.equal(rateJudgement, '未判定*');
  assert.equal(status, '正常', 'the cumulative value is still judged');
  assert.ok(Math.abs(Number(cum) - Number(prevCum) - Number(change)) < 0.011, `本次累计 − 上次累计 = 本次变化: ${row.join(' | ')}`);
  assert.equal(Number(change), Number(res.change!.toFixed(2)));
  assert.equal(rate, (res.change! / res.intervalDays!).toFixed(2), `速率 = 本次变化 ÷ 间隔: ${row.join(' | ')}`);
  assert.match(interval, /^0\.\d h$/);
});

test('a warm instance judges the next upload against a control the design party just changed (the cached project is re-read)', async () => {
  const first = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(2.2, 1.1, 0, 9191), observedAt: hoursAgo(0.9) });
  assert.equal(first.status, 201, JSON.stringify(first.json));
  const pt = await sys.db.collection('pit_points').findOne({ _id: `${pit.projectId}/ZQS2` as never });
  const edit = await sys.call('PUT', `/api/pit/projects/${pit.projectId}/points/ZQS2/control`, { token: pit.people.designer.token, body: { cumulative: 4, rate: null, reason: '设计变更：加严控制', version: pt!.version } });
  assert.equal(edit.status, 200, JSON.stringify(edit.json));
  const next = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(2.3, 1.1, 0, 9292), observedAt: hoursAgo(0.8) });
  assert.equal(next.status, 201, JSON.stringify(next.json));
  const stored = await sys.db.collection('pit_uploads').findOne({ _id: next.json.data.id });
  const z2 = stored!.results.find((x: { point: string }) => x.point === 'ZQS2');
  assert.equal(z2.control, 4);
  assert.ok(Math.abs(z2.ratio - Math.abs(z2.value) / 4) < 1e-12, `ratio ${z2.ratio} for ${z2.value}`);
});

test('a late (back-dated) upload is judged against its own predecessor and leaves later epochs their true previous', async () => {
  const at = (h: number) => upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(2 + h / 100, 1, 0, 7000 + Math.round(h * 10)), observedAt: hoursAgo(h) });
  const latest = await at(0.2); // the newest epoch so far (another test's is at 0.25 h)
  assert.equal(latest.status, 201, JSON.stringify(latest.json));
  const late = await at(30);
  assert.equal(late.status, 201, JSON.stringify(late.json));
  assert.equal(late.json.data.status, 'accepted');
  const next = await at(0.02);
  assert.equal(next.status, 201, JSON.stringify(next.json));
  const z1 = next.json.data.results.find((x: { point: string }) => x.point === 'ZQS1');
  // against the 0.2 h epoch (0.18 h earlier), not the late 30 h one
  assert.ok(Math.abs(z1.intervalDays - 0.18 / 24) < 1e-3, `interval ${z1.intervalDays} d`);
});
