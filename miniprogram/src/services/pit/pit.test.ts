import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ApiError, type HttpRequest, type HttpResponse } from '../api';
import { recordingApi } from '../fake-api.testing';
import { UPLOAD_FORMATS } from '@cityloop/shared/pit/domain/upload-formats';
import { MAX_UPLOAD_BYTES, UPLOAD_FORMAT_SPECS, observedAtIso, observedAtProblem, uploadFileProblem, validateAction, validateDanger, visibleActions } from './form-rules';
import { PIT_PAGES, dailyReportPath, createPitApi, type PitEpoch, type UploadStart } from './api';
import { alarmDeadline, rateParts, chartRates, formatRate, rateReason, rateUnjudged, actorText, eventLabel, formatLevelPercent, formatNumber, formatPercent, formatValue, itemUnits, lastEpochs, levelLabel, rateLevel, ratioOf, roleLabel } from './view-model';
import { beijingDate, beijingTime } from '../format';
import { canSeePit } from '../pit-access';
import { pageParam } from '../links';
import { sniffImageType, uploadEvidence } from '../evidence';

function fakeApi(respond: (req: HttpRequest) => HttpResponse) {
  const { calls, api } = recordingApi(respond);
  return { calls, pit: createPitApi(api) };
}

test('pit API: paths, query and bodies', async () => {
  const { calls, pit } = fakeApi(() => ({ status: 200, body: { ok: true, data: [], requestId: 'r' } }));
  await pit.projects();
  await pit.series('pj a', 'ZQS/1');
  await pit.uploads('pj_1');
  await pit.alarms();
  await pit.alarms({ status: 'all', projectId: 'pj_1' });
  await pit.raiseDanger('pj_1', { description: '坑边裂缝', evidence: [] });
  assert.deepEqual(
    calls.map((c) => `${c.method} ${c.url}`),
    [
      'GET /api/pit/projects',
      'GET /api/pit/projects/pj%20a/points/ZQS%2F1/series',
      'GET /api/pit/projects/pj_1/uploads',
      'GET /api/pit/alarms?status=open',
      'GET /api/pit/alarms?status=all&projectId=pj_1',
      'POST /api/pit/projects/pj_1/danger-alarms',
    ],
  );
  assert.equal(calls[0].headers.Authorization, 'Bearer T');
  assert.deepEqual(calls[5].body, { description: '坑边裂缝', evidence: [] });
});

test('pit API: alarm detail and actions keep the policies; errors carry the Chinese message', async () => {
  const { calls, pit } = fakeApi((req) =>
    req.method === 'GET'
      ? { status: 200, body: { ok: true, data: { id: 'al_1', history: [] }, policies: { handle: true, archive: false }, requestId: 'r' } }
      : { status: 400, body: { ok: false, error: 'evidence_required', message: '请上传处置照片或资料作为证据', requestId: 'r' } },
  );
  const got = await pit.alarm('al_1');
  assert.deepEqual(got.policies, { handle: true, archive: false });
  assert.equal(got.data.id, 'al_1');
  await assert.rejects(pit.act('al_1', { action: 'handle', note: '已回填反压', evidence: [], version: 3 }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'evidence_required');
    assert.equal(e.message, '请上传处置照片或资料作为证据');
    return true;
  });
  assert.deepEqual(calls[1].body, { action: 'handle', note: '已回填反压', evidence: [], version: 3 });
  assert.equal(calls[1].url, '/api/pit/alarms/al_1/actions');
});

test('a response without policies shows no actions', async () => {
  const { pit } = fakeApi(() => ({ status: 200, body: { ok: true, data: { id: 'p' }, requestId: 'r' } }));
  assert.deepEqual((await pit.project('p')).policies, {});
  assert.deepEqual(visibleActions(undefined), []);
});

test('canSeePit: parties, regulators and admins; not citizens or case roles', () => {
  for (const role of ['owner', 'contractor', 'supervisor', 'monitor', 'designer', 'regulator', 'admin']) {
    assert.equal(canSeePit({ id: 'u', name: 'x', roles: [{ role }] }), true, role);
  }
  assert.equal(canSeePit({ id: 'u', name: 'x', roles: [{ role: 'patroller' }, { role: 'unit' }] }), false);
  assert.equal(canSeePit({ id: 'u', name: 'x' }), false);
  assert.equal(canSeePit(null), false);
});

test('numbers: 0.01 mm, no -0.00, percent of control on |value|', () => {
  assert.equal(formatNumber(-10.489999999990118), '-10.49');
  assert.equal(formatNumber(-0.001), '0.00');
  assert.equal(formatNumber(null), '—');
  assert.equal(formatValue(1800.8172000000066, 'kN'), '1800.8 kN');
  assert.equal(formatValue(-4.210000000000491, 'mm'), '-4.21 mm');
  assert.equal(formatValue(undefined, 'mm'), '—');
  assert.equal(formatValue(1.7299999999999998, '‰'), '1.730 ‰', 'tilt to 0.001‰: the 0.085‰/d orange rate line stays visible');
  assert.deepEqual(itemUnits('buildingTilt'), { unit: '‰', rateUnit: '‰/d' });
  assert.deepEqual(itemUnits('wallInternalForce'), { unit: 'kN', rateUnit: 'kN/d' });
  assert.equal(ratioOf(-10.49, 10), 1.049);
  assert.equal(ratioOf(5, 0), null);
  assert.equal(ratioOf(5, null), null);
  assert.equal(formatPercent(1.0489999999990118), '104.9%');
  assert.equal(formatPercent(0.7), '70.0%');
  assert.equal(formatPercent(null), '—');
});

test('itemUnits from the shared item table', () => {
  assert.deepEqual(itemUnits('strutForce'), { unit: 'kN', rateUnit: 'kN/d' });
  assert.deepEqual(itemUnits('wallTopVertical'), { unit: 'mm', rateUnit: 'mm/d' });
  assert.deepEqual(itemUnits('danger'), { unit: '', rateUnit: '' });
});

test('rateLevel judges |rate| against the rate thresholds, inclusive', () => {
  const t = { yellow: 1.4, orange: 1.7, red: 2 };
  assert.equal(rateLevel(-0.82, t), 'normal');
  assert.equal(rateLevel(-1.4, t), 'yellow');
  assert.equal(rateLevel(1.7, t), 'orange');
  assert.equal(rateLevel(2, t), 'red');
  assert.equal(rateLevel(null, t), null);
  assert.equal(rateLevel(3, null), null);
});

test('lastEpochs: newest first, at most n', () => {
  const e = (i: number): PitEpoch => ({ time: `2026-11-${String(i).padStart(2, '0')}T00:00:00Z`, value: i, rate: null, level: 'normal' });
  const all = Array.from({ length: 14 }, (_, i) => e(i + 1));
  const last = lastEpochs(all);
  assert.equal(last.length, 10);
  assert.equal(last[0].value, 14);
  assert.equal(last[9].value, 5);
  assert.deepEqual(lastEpochs(all.slice(0, 2)).map((x) => x.value), [2, 1]);
});

test('labels: levels, trail events and roles', () => {
  assert.equal(levelLabel('red'), '红色报警');
  assert.equal(levelLabel('orange', '橙色预警'), '橙色预警');
  assert.equal(levelLabel('bogus'), '正常');
  assert.equal(eventLabel('alarm.handle'), '监理处置');
  assert.equal(eventLabel('alarm.exceed_again'), '再次超限');
  assert.equal(eventLabel('alarm.sms_failed'), '短信未送达');
  assert.equal(eventLabel('alarm.something_new'), 'alarm.something_new');
  assert.equal(roleLabel('supervisor'), '监理单位');
  assert.equal(roleLabel(undefined), '系统');
  assert.equal(roleLabel('system'), '系统');
  assert.equal(actorText('赵监理（监理单位）', 'supervisor'), '赵监理（监理单位）');
  assert.equal(actorText('赵工', 'supervisor'), '赵工（监理单位）');
  assert.equal(actorText('系统', undefined), '系统');
  // A name that carries its own bracket gets the role inside it: one pair of brackets.
  assert.equal(actorText('陈监管（南城街道）', 'regulator'), '陈监管（南城街道·监管部门）');
  assert.equal(actorText('陈监管', 'regulator'), '陈监管（监管部门）');
  assert.equal(formatLevelPercent(0.7), '70%');
  assert.equal(formatLevelPercent(0.855), '85.5%');
  assert.equal(formatLevelPercent(1), '100%');
});

test('visibleActions shows exactly the true policies, in a fixed order', () => {
  const acts = visibleActions({ escalate: true, handle: false, comment: true, require_action: true, archive: false });
  assert.deepEqual(acts.map((a) => a.action), ['comment', 'require_action', 'escalate']);
});

test('validateAction mirrors the server: handle needs measures (≥4) and a photo; return needs a reason', () => {
  assert.match(validateAction('handle', '处理', 1)!, /处置措施/);
  assert.match(validateAction('handle', '已回填反压土方', 0)!, /照片/);
  assert.equal(validateAction('handle', '已回填反压土方', 1), null);
  assert.match(validateAction('return', '  ', 0)!, /原因/);
  assert.equal(validateAction('return', '措施不到位', 0), null);
  assert.match(validateAction('require_action', '快', 0)!, /至少 4/);
  assert.match(validateAction('archive', '', 0)!, /销警说明（至少 4 个字）/, 'no silent 销警');
  assert.equal(validateAction('archive', '复测正常，同意销警', 0), null);
  assert.match(validateAction('handle', '已核对原始文件', 0)!, /照片/, 'a threshold alarm needs a site photo');
  assert.equal(validateAction('handle', '已核对原始文件', 0, 'suspect_data'), null, 'suspect data: a note is enough');
  assert.match(validateAction('comment', '', 0)!, /内容/);
  assert.equal(validateAction('escalate', '', 0), null);
  assert.match(validateDanger('裂缝')!, /险情/);
  assert.equal(validateDanger('坑边出现裂缝'), null);
});

test('pages: encoded query values; pageParam decodes once and tolerates bad escapes', () => {
  assert.equal(PIT_PAGES.point('pj_1', 'ZQS 1'), '/packages/pit/pages/point/index?projectId=pj_1&code=ZQS%201');
  assert.equal(PIT_PAGES.alarms(), '/packages/pit/pages/alarms/index');
  assert.equal(PIT_PAGES.alarms('pj_1'), '/packages/pit/pages/alarms/index?projectId=pj_1');
  assert.equal(pageParam('ZQS%201'), 'ZQS 1');
  assert.equal(pageParam('100%'), '100%');
  assert.equal(pageParam(undefined), '');
});

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const WEBP = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ');

test('sniffImageType', () => {
  assert.equal(sniffImageType(JPEG), 'image/jpeg');
  assert.equal(sniffImageType(PNG), 'image/png');
  assert.equal(sniffImageType(WEBP), 'image/webp');
  assert.equal(sniffImageType(new TextEncoder().encode('%PDF-1.7')), null);
  assert.equal(sniffImageType(new Uint8Array()), null);
});

function evidenceDeps(start: Partial<UploadStart>, putStatus = 200) {
  const log: string[] = [];
  const deps = {
    api: {
      startUpload: async (b: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => {
        log.push(`start ${b.contentType} ${b.size} ${b.sha256.slice(0, 8)}`);
        return { sha256: b.sha256, uploadUrl: null, alreadyStored: false, ...start };
      },
      completeUpload: async (b: { sha256: string; purpose: 'photo' }) => {
        log.push(`complete ${b.purpose}`);
        return {};
      },
    },
    put: async (url: string, bytes: Uint8Array, ct: string) => {
      log.push(`put ${url} ${bytes.length} ${ct}`);
      return putStatus;
    },
  };
  return { log, deps };
}

test('uploadEvidence: hash, start, PUT, complete; returns the SHA-256', async () => {
  const { log, deps } = evidenceDeps({ uploadUrl: 'http://h/blob-upload/sha256/x?sig=1' });
  const sha = await uploadEvidence(JPEG, deps);
  const want = createHash('sha256').update(JPEG).digest('hex');
  assert.equal(sha, want);
  assert.deepEqual(log, [`start image/jpeg 10 ${want.slice(0, 8)}`, 'put http://h/blob-upload/sha256/x?sig=1 10 image/jpeg', 'complete photo']);
});

test('uploadEvidence: an already-stored file is not sent again', async () => {
  const { log, deps } = evidenceDeps({ alreadyStored: true });
  await uploadEvidence(PNG, { ...deps, hash: async () => 'a'.repeat(64) });
  assert.deepEqual(log, [`start image/png 10 aaaaaaaa`]);
});

test('uploadEvidence: refuses non-images, reports a failed PUT', async () => {
  const { deps } = evidenceDeps({ uploadUrl: 'http://h/u' }, 403);
  await assert.rejects(uploadEvidence(new TextEncoder().encode('hello'), deps), /JPG、PNG、WEBP/);
  await assert.rejects(uploadEvidence(JPEG, deps), (e: unknown) => e instanceof ApiError && /HTTP 403/.test(e.message));
  const broken = { ...deps, put: async () => Promise.reject(new Error('ECONNRESET')) };
  await assert.rejects(uploadEvidence(JPEG, broken), /网络/);
});

test('a rate the server did not judge is shown as 未判定 with its reason, never as a level, and kept off the rate curve', () => {
  const short = { rate: 3_672_000, rateJudged: false, rateNotJudged: 'interval_too_short' as const, rateNote: '未判定：距上次观测 1 分钟，间隔不足半天' };
  assert.equal(rateUnjudged(short), true);
  assert.equal(formatRate(short, 'mm/d'), '3672000.00 mm/d（未判定）');
  assert.equal(rateReason(short), '距上次观测 1 分钟，间隔不足半天');
  assert.equal(formatRate({ rate: -0.8, rateJudged: true }, 'mm/d'), '-0.80 mm/d');
  assert.equal(rateUnjudged({ rate: null, rateJudged: false, rateNotJudged: 'no_previous' }), false, 'no rate, nothing to mark');
  assert.equal(rateUnjudged({ rate: 1 }), false, 'an older server without the field: as before');
  const epochs: PitEpoch[] = [
    { time: '2026-11-20T09:00:00+08:00', value: -1, rate: -0.5, level: 'normal', rateJudged: true },
    { time: '2026-11-20T09:01:00+08:00', value: -3, level: 'normal', ...short },
  ];
  assert.deepEqual(chartRates(epochs).map((p) => p.v), [-0.5, null]);
});

test('a rate as value-with-unit and its 未判定 note, kept apart so neither is broken inside', () => {
  assert.deepEqual(rateParts({ rate: 0.88, rateJudged: false, rateNotJudged: 'interval_too_short' }, 'mm/d'), { text: '0.88 mm/d', note: '（未判定）' });
  assert.deepEqual(rateParts({ rate: -0.8, rateJudged: true }, 'mm/d'), { text: '-0.80 mm/d', note: null });
  assert.deepEqual(rateParts({ rate: null }, 'mm/d'), { text: '—', note: null });
});

test('alarmDeadline: the current step’s deadline (handling, then review), overdue once passed; archived shows when', () => {
  const now = new Date('2026-11-26T10:09:00Z'); // 18:09 in Dongguan
  const raised = { status: 'raised' as const, dueAt: '2026-11-26T09:14:00Z', stepDueAt: '2026-11-26T09:14:00Z', updatedAt: '2026-11-26T01:00:00Z' };
  assert.deepEqual(alarmDeadline(raised, now), { label: '处置时限', at: '2026-11-26T09:14:00Z', overdue: true });
  assert.equal(alarmDeadline({ ...raised, dueAt: '2026-11-26T11:00:00Z', stepDueAt: '2026-11-26T11:00:00Z' }, now).overdue, false);
  // Handled: the owner's review deadline, not the supervisor's old (passed) one.
  const handled = { ...raised, status: 'handled' as const, stepDueAt: '2026-11-27T08:00:00Z' };
  assert.deepEqual(alarmDeadline(handled, now), { label: '复核时限', at: '2026-11-27T08:00:00Z', overdue: false });
  const archived = { ...raised, status: 'archived' as const, stepDueAt: null, updatedAt: '2026-11-26T10:00:00Z' };
  assert.deepEqual(alarmDeadline(archived, now), { label: '销警时间', at: '2026-11-26T10:00:00Z', overdue: false });
});

test('daily report and upload: paths, bodies and the ingest route', async () => {
  assert.equal(dailyReportPath('pj 1', '2026-11-20'), '/api/pit/projects/pj%201/daily-report?date=2026-11-20');
  assert.equal(PIT_PAGES.upload('pj_1'), '/packages/pit/pages/upload/index?projectId=pj_1');
  const { calls, pit } = fakeApi(() => ({ status: 201, body: { ok: true, data: { id: 'u1', status: 'accepted' }, requestId: 'r' } }));
  await pit.upload('pj_1', { format: 'gsi', text: '410001+?......1', observedAt: '2026-11-20T09:30:00+08:00' });
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, '/api/ingest/pit/projects/pj_1/uploads');
  assert.deepEqual(calls[0].body, { format: 'gsi', text: '410001+?......1', observedAt: '2026-11-20T09:30:00+08:00' });
});

test('upload formats: the five the ingest accepts, Chinese labels; only leveling asks for the time', () => {
  assert.deepEqual(UPLOAD_FORMAT_SPECS.map((s) => s.format), ['gsi', 'dini', 'tps_csv', 'inclinometer_csv', 'vw_csv', 'water_csv', 'tilt_csv', 'crack_csv']);
  assert.deepEqual(UPLOAD_FORMAT_SPECS.map((s) => s.label), ['水准/全站仪 GSI', '水准 DiNi', '全站仪坐标 CSV', '测斜 CSV', '振弦 CSV', '水位 CSV', '倾斜 CSV', '裂缝 CSV']);
  assert.deepEqual([...UPLOAD_FORMAT_SPECS.map((s) => s.format)].sort(), [...UPLOAD_FORMATS].sort(), 'every format the ingest accepts can be chosen');
  assert.deepEqual(UPLOAD_FORMAT_SPECS.filter((s) => s.needsTime).map((s) => s.format), ['gsi', 'dini']);
});

test('upload checks before sending: a file, at most 5 MB, not empty', () => {
  assert.equal(uploadFileProblem(null), '请选择要上传的原始数据文件');
  assert.equal(uploadFileProblem({ size: MAX_UPLOAD_BYTES }), null, 'exactly 5 MB is fine');
  assert.equal(uploadFileProblem({ size: MAX_UPLOAD_BYTES + 1 }), '单个监测文件不能超过 5 MB，请按测段或日期拆分后上传');
  assert.match(uploadFileProblem({ size: 0 }) ?? '', /文件内容为空/);
});

test('observation time: Beijing date and time, sent with +08:00; required for leveling, never in the future', () => {
  const now = new Date('2026-11-26T16:30:00Z'); // 00:30 on the 27th in Dongguan
  assert.equal(beijingDate(now), '2026-11-27');
  assert.equal(beijingTime(now), '00:30');
  assert.equal(observedAtIso('2026-11-27', '00:15'), '2026-11-27T00:15:00+08:00');
  assert.equal(Date.parse(observedAtIso('2026-11-27', '00:15')), Date.parse('2026-11-26T16:15:00Z'));
  assert.equal(observedAtProblem('gsi', '2026-11-27', '00:30', now), null, 'now is not the future');
  assert.match(observedAtProblem('dini', '2026-11-27', '00:31', now) ?? '', /晚于当前时间/);
  assert.match(observedAtProblem('gsi', '', '09:00', now) ?? '', /请选择观测日期和时间/);
  assert.equal(observedAtProblem('vw_csv', '', '', now), null, 'CSV files carry their own times');
});
