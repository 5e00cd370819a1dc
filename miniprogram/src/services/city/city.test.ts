import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_TRANSITIONS } from '@cityloop/shared/city/case.machine';
import { classesOf } from '@cityloop/shared/city/classes';
import { ApiError, type HttpRequest, type HttpResponse } from '../api';
import { recordingApi } from '../fake-api.testing';
import { DUPLICATE_OPEN_CASE, createCityApi, type MetricsRow, type PatrolTask } from './api';
import { PROGRESS_STEPS, STATE_EXPLANATIONS, classOptions, coverageRate, deadlineStatus, defaultClassFor, hoursText, metricKeyLabel, metricParts, metricText, percentText, progressIndex, sameClassOpenCase, sortTasks, stateTone, stepView, taskText, workingHoursText } from './view-model';
import { facilityFromCode, patrolTargetFromCode } from './facility-view';
import { OWN_FORM_ACTIONS, STAFF_ACTIONS, caseActionBody, parseIds, patrolCodeFrom, reportBody, staffActionSpec, validateCaseAction, validateDispute, validatePatrolCheck, validateReport, validateRule, visibleStaffActions, type ActionInput } from './form-rules';

function fakeApi(respond: (req: HttpRequest) => HttpResponse) {
  const { calls, api } = recordingApi(respond);
  return { calls, city: createCityApi(api) };
}

const ok = (data: unknown, policies?: Record<string, boolean>): HttpResponse => ({ status: 200, body: { ok: true, data, ...(policies ? { policies } : {}), requestId: 'r' } });

test('city API: paths, queries and bodies', async () => {
  const { calls, city } = fakeApi(() => ok([]));
  await city.code('fc_1.sig');
  await city.mine();
  await city.queue();
  await city.queue('handled');
  await city.metrics('grid');
  await city.patrolToday();
  await city.coverage('week');
  await city.report({ facilityId: 'fc_1', kind: 'component', classCode: '0101', description: '井盖破损', photos: ['a'.repeat(64)] });
  await city.patrolCheck({ code: 'http://x/c/fc_1.sig', location: { lng: 113.748, lat: 23.006, accuracy: 10 }, condition: 'ok' });
  await city.createRule({ name: '日常巡查', gridId: 'nc-01', wholeGrid: true, per: 'week', times: 1, patrollerIds: ['u_p'] });
  await city.act('cs 1', { action: 'accept', version: 2 });
  assert.deepEqual(
    calls.map((c) => `${c.method} ${c.url}`),
    [
      'GET /api/codes/fc_1.sig',
      'GET /api/cases/mine',
      'GET /api/cases?state=open',
      'GET /api/cases?state=handled',
      'GET /api/cases-metrics?by=grid',
      'GET /api/patrol/today',
      'GET /api/patrol/coverage?per=week',
      'POST /api/cases',
      'POST /api/patrol/checks',
      'POST /api/patrol/rules',
      'POST /api/cases/cs%201/actions',
    ],
  );
  assert.equal(calls[0].headers.Authorization, 'Bearer T');
  assert.deepEqual(calls[10].body, { action: 'accept', version: 2 });
});

test('city API: case detail keeps the policies; a duplicate report is a 409 with the server’s message', async () => {
  const { city } = fakeApi((req) =>
    req.method === 'GET'
      ? ok({ id: 'cs_1', timeline: [] }, { accept: true, dispatch: false })
      : { status: 409, body: { ok: false, error: 'duplicate_open_case', message: '该设施已有同类问题正在处理，您可以关注它以获得进展通知', requestId: 'r' } },
  );
  const got = await city.case('cs_1');
  assert.deepEqual(got.policies, { accept: true, dispatch: false });
  await assert.rejects(city.report({ facilityId: 'fc_1', kind: 'component', classCode: '0101', description: '井盖破损', photos: ['a'.repeat(64)] }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, DUPLICATE_OPEN_CASE);
    assert.equal(e.status, 409);
    assert.match(e.message, /关注/);
    return true;
  });
});

test('a facility code becomes the landing view (class name from the seed table, open cases kept)', () => {
  const f = facilityFromCode({
    kind: 'facility',
    id: 'fc_demo0nc01well1',
    title: '鸿福路上水井盖',
    subtitle: '养护单位：南城市政道路养护公司',
    data: {
      componentId: '4419000101000001',
      classCode: '0101',
      location: { lng: 113.748, lat: 23.006 },
      gridId: 'nc-01',
      gridName: '南城一网格',
      maintainer: '南城市政道路养护公司',
      openCases: [{ id: 'cs_1', kind: 'component', classCode: '0101', className: '上水井盖', state: 'received', createdAt: '2026-11-02T01:00:00Z' }],
    },
  });
  assert.ok(f);
  assert.equal(f.name, '鸿福路上水井盖');
  assert.equal(f.className, '上水井盖');
  assert.equal(f.maintainer, '南城市政道路养护公司');
  assert.equal(f.gridName, '南城一网格', 'the grid by name, not nc-01');
  assert.equal(facilityFromCode({ kind: 'facility', id: 'fc_x', data: { gridId: 'g-1' } })!.gridName, 'g-1', 'the id when no name came');
  assert.deepEqual(f.location, { lng: 113.748, lat: 23.006 });
  assert.equal(f.openCases.length, 1);
  assert.deepEqual(defaultClassFor(f), { kind: 'component', classCode: '0101' });
  assert.equal(sameClassOpenCase(f.openCases, 'component', '0101')?.id, 'cs_1');
  assert.equal(sameClassOpenCase(f.openCases, 'event', '0101'), null, 'event 0101 (违法搭建) is another class');
  assert.equal(facilityFromCode({ kind: 'plaque', id: 'pq_1' }), null);
  assert.equal(facilityFromCode(null), null);
  assert.deepEqual(defaultClassFor({ classCode: '9999' }), { kind: 'component', classCode: '' });
  assert.deepEqual(facilityFromCode({ kind: 'facility', id: 'fc_x' })!.openCases, []);
});

test('class options are the seed table’s, with working-hour limits in words', () => {
  assert.deepEqual(
    classOptions('component').map((c) => c.code),
    classesOf('component').map((c) => c.code),
  );
  assert.equal(classOptions('event')[1].name, '暴露垃圾');
  assert.equal(workingHoursText(15), '15 个工作小时（2 个工作日）');
  assert.equal(workingHoursText(7.5), '7.5 个工作小时（1 个工作日）');
  assert.equal(workingHoursText(4), '4 个工作小时');
  assert.equal(workingHoursText(0), '—');
});

test('report validation mirrors the server (class, ≥ 4 chars, 1–9 photos) and the body carries only what is set', () => {
  const base = { kind: 'component' as const, classCode: '0101', description: '井盖破损松动', photos: 1 };
  assert.equal(validateReport(base), null);
  assert.equal(validateReport({ ...base, classCode: '' }), '请选择问题小类');
  assert.equal(validateReport({ ...base, classCode: '0199' }), '请选择问题小类');
  assert.equal(validateReport({ ...base, kind: null }), '请选择问题类型：部件或事件');
  assert.equal(validateReport({ ...base, description: ' 破损 ' }), '请描述问题（至少 4 个字）');
  assert.equal(validateReport({ ...base, photos: 0 }), '请至少上传 1 张现场照片');
  assert.equal(validateReport({ ...base, photos: 10 }), '最多 9 张照片');
  assert.equal(validateReport({ ...base, uploading: true }), '照片仍在上传，请稍候');

  const sha = 'b'.repeat(64);
  assert.deepEqual(reportBody({ facilityId: 'fc_1', kind: 'component', classCode: '0101', description: ' 井盖破损 ', photos: [sha] }), {
    facilityId: 'fc_1',
    kind: 'component',
    classCode: '0101',
    description: '井盖破损',
    photos: [sha],
  });
  assert.deepEqual(
    reportBody({ kind: 'event', classCode: '0102', description: '暴露垃圾一堆', photos: [sha], location: { lng: 113.74812345678, lat: 23.0061, accuracy: 12.6 }, urgent: true, follow: true, publish: true }),
    { kind: 'event', classCode: '0102', description: '暴露垃圾一堆', photos: [sha], location: { lng: 113.748123, lat: 23.0061, accuracy: 13 }, urgent: true, follow: true, publish: true },
  );
});

test('every state has an honest explanation; progress covers the main loop only', () => {
  for (const s of ['received', 'accepted', 'rejected', 'dispatched', 'in_progress', 'handled', 'closed', 'parked', 'deferred'] as const) {
    assert.ok(STATE_EXPLANATIONS[s], s);
  }
  assert.match(STATE_EXPLANATIONS.handled, /等待现场核查/);
  assert.deepEqual(PROGRESS_STEPS.map((s) => s.label), ['受理', '立案', '派遣', '处置', '反馈', '结案']);
  assert.equal(progressIndex('handled'), 4);
  assert.equal(progressIndex('rejected'), -1);
  assert.equal(stateTone('closed'), 'done');
  assert.equal(stateTone('handled'), 'check');
  assert.equal(stateTone('parked'), 'stopped');
});

test('timeline steps: the server’s label, who by role, results in words', () => {
  const v = stepView({ action: 'case.verify', label: '核查', at: '2026-11-02T03:00:00Z', role: 'patroller', from: 'handled', to: 'closed', toLabel: '结案', photos: ['p1', 'p2'], data: { outcome: 'pass' } });
  assert.deepEqual(v, { title: '核查', who: '巡查员', detail: '核查通过', note: null, photos: 2, to: '结案' });
  assert.equal(stepView({ action: 'case.verify', label: '核查', at: '', role: 'patroller', from: 'handled', to: 'in_progress', photos: [], data: { outcome: 'fail' }, note: ' 仍松动 ' }).detail, '核查不通过，返工');
  assert.equal(stepView({ action: 'case.verify', label: '核查', at: '', role: 'patroller', photos: [], note: ' 仍松动 ' }).note, '仍松动');
  const rate = stepView({ action: 'case.rate', label: '评价', at: '', role: 'citizen', from: 'closed', to: 'closed', photos: [], data: { rating: 'basically_satisfied' } });
  assert.equal(rate.detail, '评价：基本满意');
  assert.equal(rate.to, null, 'a self-transition shows no state change');
  assert.equal(rate.who, '市民');
  assert.equal(stepView({ action: 'case.create', label: '市民上报', at: '', role: 'citizen', to: 'received', photos: ['x'] }).to, '受理');
  assert.equal(stepView({ action: 'case.accept', label: '立案', at: '', role: 'areaChief', from: 'received', to: 'accepted', toLabel: '立案', photos: [] }).to, null, 'no “立案 → 立案”');
  assert.equal(stepView({ action: 'case.accept', label: '立案', at: '', role: 'areaChief', from: 'received', to: 'accepted', photos: [] }).who, '片长');
  const escalate = stepView({ action: 'case.escalate', label: 'case.escalate', at: '', role: 'system', from: 'dispatched', to: 'dispatched', photos: [] });
  assert.deepEqual([escalate.title, escalate.who, escalate.detail, escalate.to], ['超期督办', '系统', '超过处置时限，已督办', null], 'never the raw `case.escalate`');
  assert.equal(stepView({ action: 'case.something_new', label: '', at: '', role: 'system', photos: [] }).title, '处理记录');
  assert.equal(stepView({ action: 'case.extend', label: '申请延期', at: '', role: 'unit', photos: [], data: { extensionHours: 7.5 } }).detail, '申请延期 7.5 个工作小时（1 个工作日）');
});

test('staff actions follow the server’s policies and cover every staff transition of the table', () => {
  assert.deepEqual(visibleStaffActions({ accept: true, reject: true, dispatch: false, rate: true }).map((s) => s.action), ['accept', 'reject']);
  assert.deepEqual(visibleStaffActions(null), []);
  const staff = Object.entries(CASE_TRANSITIONS)
    .filter(([, t]) => t.who.some((w) => w !== 'citizen'))
    .map(([a]) => a)
    .filter((a) => !(OWN_FORM_ACTIONS as readonly string[]).includes(a))
    .sort();
  assert.deepEqual(STAFF_ACTIONS.map((s) => s.action).sort(), staff);
  // Each spec asks for (at least) what the transition table requires.
  for (const s of STAFF_ACTIONS) {
    const req = CASE_TRANSITIONS[s.action].requires;
    if (req.includes('reason')) assert.equal(s.reason, 'required', s.action);
    if (req.includes('photos')) assert.equal(s.photos, true, s.action);
    if (req.includes('outcome')) assert.equal(s.outcome, true, s.action);
    if (req.includes('unitId')) assert.equal(s.unit, true, s.action);
    if (req.includes('extensionHours')) assert.equal(s.hours, true, s.action);
  }
});

test('action validation and bodies: reject needs a reason, report photos, verify outcome + photos and a reason on fail', () => {
  const empty: ActionInput = { reason: '', photos: [], outcome: null, unitId: '', hours: '' };
  const spec = (a: Parameters<typeof staffActionSpec>[0]) => staffActionSpec(a)!;
  assert.equal(validateCaseAction(spec('accept'), empty), null);
  assert.equal(validateCaseAction(spec('reject'), empty), '请填写不予立案的原因');
  assert.equal(validateCaseAction(spec('dispatch'), empty), '请填写责任单位');
  assert.equal(validateCaseAction(spec('dispatch'), { ...empty, unitId: 'org-roads-nc' }), null);
  assert.equal(validateCaseAction(spec('report'), empty), '请上传处置后的现场照片');
  assert.equal(validateCaseAction(spec('report'), { ...empty, photos: ['p'], uploading: true }), '照片仍在上传，请稍候');
  assert.equal(validateCaseAction(spec('verify'), empty), '请选择核查结果：通过或不通过');
  assert.equal(validateCaseAction(spec('verify'), { ...empty, outcome: 'pass' }), '请上传核查现场照片');
  assert.equal(validateCaseAction(spec('verify'), { ...empty, outcome: 'fail', photos: ['p'] }), '核查不通过时请填写原因');
  assert.equal(validateCaseAction(spec('verify'), { ...empty, outcome: 'pass', photos: ['p'] }), null);
  assert.equal(validateCaseAction(spec('extend'), { ...empty, reason: '材料未到' }), '请填写申请延期的工作小时数（大于 0）');
  assert.equal(validateCaseAction(spec('extend'), { ...empty, reason: '材料未到', hours: '7.5' }), null);

  const fix = { lng: 113.7480004, lat: 23.0060004, accuracy: 8.4 };
  assert.deepEqual(caseActionBody(spec('verify'), 5, { ...empty, outcome: 'pass', photos: ['p'], reason: ' 已复位 ' }, fix), {
    action: 'verify',
    version: 5,
    reason: '已复位',
    photos: ['p'],
    outcome: 'pass',
    location: { lng: 113.748, lat: 23.006, accuracy: 8 },
  });
  assert.deepEqual(caseActionBody(spec('dispatch'), 3, { ...empty, unitId: ' org-roads-nc ' }, fix), { action: 'dispatch', version: 3, unitId: 'org-roads-nc' });
  assert.deepEqual(caseActionBody(spec('extend'), 3, { ...empty, reason: '材料未到', hours: '7.5' }), { action: 'extend', version: 3, reason: '材料未到', extensionHours: 7.5 });
});

test('dispute needs the problem in words', () => {
  assert.match(validateDispute('还是') ?? '', /至少 4 个字/);
  assert.equal(validateDispute('井盖仍然松动'), null);
});

test('deadline status: overdue, soon, closed', () => {
  const now = new Date('2026-11-02T02:00:00Z');
  const open = { state: 'dispatched' as const, closedAt: null, overdue: false };
  assert.equal(deadlineStatus({ ...open, deadline: null }, now), 'none');
  assert.equal(deadlineStatus({ ...open, deadline: '2026-11-03T02:00:00Z' }, now), 'ok');
  assert.equal(deadlineStatus({ ...open, deadline: '2026-11-02T04:00:00Z' }, now), 'soon');
  assert.equal(deadlineStatus({ ...open, deadline: '2026-11-02T01:00:00Z' }, now), 'overdue');
  assert.equal(deadlineStatus({ ...open, deadline: '2026-11-09T01:00:00Z', overdue: true }, now), 'overdue');
  assert.equal(deadlineStatus({ state: 'closed' as const, closedAt: '2026-11-02T01:30:00Z', overdue: false, deadline: '2026-11-02T01:00:00Z' }, now), 'ok');
});

test('metrics as published: percentages, working hours, readable group keys', () => {
  assert.equal(percentText(911 / 972), '93.7%');
  assert.equal(percentText(1), '100%');
  assert.equal(percentText(null), '—');
  assert.equal(hoursText(6.54), '6.5 工作小时');
  assert.equal(hoursText(31.2), '31 工作小时');
  assert.equal(hoursText(null), '—');
  const row: MetricsRow = { key: 'nancheng', closeRate: 0.5, onTimeCloseRate: 0.25, reworkRate: null, avgHandlingHours: 2, satisfactionRate: 1, counts: {} };
  assert.equal(metricText('closeRate', row), '50%');
  assert.equal(metricText('avgHandlingHours', row), '2.0 工作小时');
  assert.equal(metricText('reworkRate', row), '—');
  assert.deepEqual(metricParts('avgHandlingHours', row), { value: '2.0', unit: '工作小时' });
  assert.deepEqual(metricParts('avgHandlingHours', { ...row, avgHandlingHours: null }), { value: '—', unit: '' });
  assert.deepEqual(metricParts('closeRate', row), { value: '50%', unit: '' });
  assert.equal(metricKeyLabel('class', 'component:0101'), '部件·上水井盖');
  assert.equal(metricKeyLabel('class', 'event:0101'), '事件·违法搭建');
  assert.equal(metricKeyLabel('town', 'nancheng'), 'nancheng');
  assert.equal(metricKeyLabel('town', 'nancheng', '南城街道'), '南城街道', 'the name the server sent');
  assert.equal(metricKeyLabel('grid', null), '未归属');
});

test('patrol: code links, check validation, task text and order, rule validation, coverage', () => {
  const link = 'https://cityloop.example/c/fc_demo0nc01well1.AbCdEfGh12345678';
  assert.equal(patrolCodeFrom(link), 'fc_demo0nc01well1.AbCdEfGh12345678');
  assert.equal(patrolCodeFrom(' fc_demo0nc01well1.AbCdEfGh12345678 '), 'fc_demo0nc01well1.AbCdEfGh12345678');
  assert.equal(patrolCodeFrom('https://example.com/shop/1'), null);
  assert.equal(patrolCodeFrom('hello'), null);
  assert.equal(patrolCodeFrom(''), null);

  assert.equal(validatePatrolCheck({ code: '', condition: 'ok', photos: 0 }), '请先扫描现场张贴的二维码（或粘贴码上的链接）');
  assert.equal(validatePatrolCheck({ code: link, condition: 'ok', photos: 0 }), null);
  assert.equal(validatePatrolCheck({ code: link, condition: 'problem', kind: 'component', classCode: '', photos: 1 }), '请选择发现的问题类别');
  assert.equal(validatePatrolCheck({ code: link, condition: 'problem', kind: 'component', classCode: '0101', description: '松动', photos: 1 }), '请描述问题（至少 4 个字）');
  assert.equal(validatePatrolCheck({ code: link, condition: 'problem', kind: 'component', classCode: '0101', description: '井盖松动', photos: 0 }), '发现问题请至少拍 1 张照片');
  assert.equal(validatePatrolCheck({ code: link, condition: 'problem', kind: 'component', classCode: '0101', description: '井盖松动', photos: 1 }), null);

  const t = (facilityName: string, remaining: number): PatrolTask => ({ ruleId: 'r', facilityId: facilityName, facilityName, per: 'week', times: 2, done: 2 - remaining, remaining });
  assert.equal(taskText(t('A', 1)), '每周 2 次 · 本周已巡 1 次');
  assert.deepEqual(sortTasks([t('甲', 0), t('乙', 1), t('丙', 2)]).map((x) => x.facilityName), ['丙', '乙', '甲']);

  const rule = { name: '日常巡查', gridId: 'nc-01', per: 'week' as const, times: '1', start: '08:00', end: '18:00', patrollerIds: ['u_p'], wholeGrid: true, facilityIds: [] };
  assert.equal(validateRule(rule), null);
  assert.equal(validateRule({ ...rule, times: '0' }), '巡查次数应为 1–24 的整数');
  assert.equal(validateRule({ ...rule, times: '1.5' }), '巡查次数应为 1–24 的整数');
  assert.equal(validateRule({ ...rule, start: '8:00' }), '时间格式应为 HH:MM，如 08:00');
  assert.equal(validateRule({ ...rule, start: '18:00', end: '08:00' }), '开始时间应早于结束时间');
  assert.equal(validateRule({ ...rule, wholeGrid: false }), '请选择整个网格，或填写设施编号');
  assert.equal(validateRule({ ...rule, patrollerIds: [] }), '请指定巡查人员');
  assert.equal(validateRule({ ...rule, gridId: '' }), '请选择网格');
  assert.deepEqual(parseIds('u_1, u_2，u_3、u_1\n u_4'), ['u_1', 'u_2', 'u_3', 'u_4']);
  assert.equal(coverageRate({ due: 4, done: 3 }), 0.75);
  assert.equal(coverageRate({ due: 0, done: 0 }), null);
  assert.equal(coverageRate({ due: 2, done: 5 }), 1);
});

test('a patrol scan checks in at a facility or at a shop’s plaque', () => {
  const f = patrolTargetFromCode({ kind: 'facility', id: 'fc_1', title: '鸿福路上水井盖', data: { classCode: '0101', gridId: 'nc-01', location: { lng: 113.748, lat: 23.006 } } });
  assert.deepEqual(f, { id: 'fc_1', kind: 'facility', name: '鸿福路上水井盖', detail: '上水井盖 · nc-01', location: { lng: 113.748, lat: 23.006 }, openCases: [], classCode: '0101' });
  const p = patrolTargetFromCode({ kind: 'plaque', id: 'pq_1', title: '好味餐馆', subtitle: '门前三包责任户 · B 级（82 分）', data: { location: { lng: 113.75, lat: 23.0 } } });
  assert.deepEqual(p, { id: 'pq_1', kind: 'plaque', name: '好味餐馆', detail: '门前三包责任户 · B 级（82 分）', location: { lng: 113.75, lat: 23.0 }, openCases: [], classCode: '' });
  assert.equal(patrolTargetFromCode({ kind: 'site', id: 'x' }), null);
});

test('queueFiltersFor: a unit has no 待受理 / 待核查 tab; the area chief and regulator have both; a patroller verifies', async () => {
  const { queueFiltersFor } = await import('./view-model');
  const labels = (w: { accepts: boolean; verifies: boolean }) => queueFiltersFor(w).map((f) => f.label);
  assert.deepEqual(labels({ accepts: false, verifies: false }), ['待办', '已结案', '全部']);
  assert.deepEqual(labels({ accepts: true, verifies: true }), ['待办', '待受理', '待核查', '已结案', '全部']);
  assert.deepEqual(labels({ accepts: false, verifies: true }), ['待办', '待核查', '已结案', '全部']);
});
