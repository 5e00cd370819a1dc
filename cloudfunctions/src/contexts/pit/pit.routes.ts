import { levelRaisedAt } from '@cityloop/shared/pit/domain/level-raised';
import type { Hono } from 'hono';
import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can, policiesFor, scopeFilter } from '@cityloop/shared/policy/can';
import { ITEMS } from '@cityloop/shared/pit/domain/items';
import { rateVerdict } from '@cityloop/shared/pit/domain/point-judge';
import { ALARM_STATUS_LABELS } from '@cityloop/shared/pit/domain/alarm.machine';
import { flagText, heldReasonText, streamLabel, withFlagLabels } from '@cityloop/shared/pit/flag-labels';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { PIT_ALARMS, type PitAlarm, type PitUpload } from './pit.collections';
import { findProject, findProjectFields, listProjects } from './project.repository';
import { findPoint, pointsOfProject } from './point.repository';
import { latestUploads, pointEpochs } from './upload.repository';
import { findAlarm, listAlarms, openAlarmCounts } from './alarm.repository';
import { lastUploadTimes } from './head.repository';
import { userNames } from '../../platform/auth/users.repository';
import { actOnAlarm, alarmPolicies, overLimitNow } from './alarm-actions';
import { raiseDangerAlarm } from './danger-alarm';
import { editControl } from './edit-control';
import { presentUpload } from './ingest.routes';
import { LEVEL_LABELS } from './alarm-notice';
import { latestResults } from './pit.queries';
import { voidUpload } from './void-upload';
import { firstDataDay, renderDailyReport, reportDataProblem, reportDateProblem } from './daily-report';
import { stepDueAt } from './alarm-deadline';
import { presentParties } from './setup-view';
import { PROJECT_STATUS_LABELS } from '@cityloop/shared/pit/domain/project.machine';
import { alarmActionRequest, alarmListQuery, controlEditRequest, dailyReportQuery, dangerAlarmRequest, voidUploadRequest } from '@cityloop/shared/pit/pit.contract';

const RANK = { red: 0, orange: 1, yellow: 2, normal: 3 } as const;

const ITEM_LABELS_EXTRA: Record<string, string> = { patrol: '巡视发现', missing_data: '缺测', suspect_data: '数据可疑' };
const isSuspectFile = (a: PitAlarm) => a.kind === 'suspect_data' && a.item !== 'missing_data';
const itemLabelOf = (a: PitAlarm) => ITEMS[a.item as keyof typeof ITEMS]?.label ?? ITEM_LABELS_EXTRA[isSuspectFile(a) ? 'suspect_data' : a.item] ?? a.item;

const presentAlarm = (a: PitAlarm) => ({
  id: a._id,
  version: a.version,
  projectId: a.projectId,
  projectName: a.projectName,
  // a suspect-data event names its stream in Chinese (水准 / 测斜孔 CX1 / 水位 / 轴力); older ones stored the code
  point: isSuspectFile(a) ? streamLabel(a.point) : a.point,
  item: a.item,
  itemLabel: itemLabelOf(a),
  unit: ITEMS[a.item as keyof typeof ITEMS]?.unit ?? null,
  rateRatio: a.rateRatio ?? null,
  rateControl: a.rateControl ?? null,
  trigger: a.trigger ?? null,
  kind: a.kind,
  level: a.level,
  // a suspect-data event is about the data, not a warning level of the pit
  levelLabel: a.kind === 'suspect_data' ? itemLabelOf(a) : LEVEL_LABELS[a.level],
  status: a.status,
  statusLabel: ALARM_STATUS_LABELS[a.status],
  value: a.value,
  control: a.control,
  ratio: a.ratio,
  rate: a.rate,
  // a threshold alarm's rate may have been over too short an interval to judge: say so, never imply a level
  ...(a.kind === 'threshold' ? (({ rateJudged, rateNote }) => ({ rateJudged, rateNote }))(rateVerdict(a)) : {}),
  description: isSuspectFile(a) ? (a.flags?.length ? heldReasonText(a.flags) : withFlagLabels(a.description ?? '')) : a.description,
  ...(isSuspectFile(a) ? { stream: a.stream ?? a.point, flagTexts: (a.flags ?? []).map(flagText) } : {}),
  escalated: a.escalated,
  escalatedLevel: a.escalated ? (a.escalatedLevel ?? a.level) : null,
  dueAt: a.dueAt.toISOString(),
  // the deadline of the step the alarm waits for (the supervisor's handling, then the owner's review)
  stepDueAt: stepDueAt(a)?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  // an alarm raised again at a worse level (橙色 → 红色): when, so the page does not show only the first 报警时间
  levelRaisedAt: levelRaisedAt(a.history ?? [])?.at.toISOString() ?? null,
  updatedAt: a.updatedAt.toISOString(),
});

/** Messages that did not reach someone (e.g. 短信未送达：已达当日发送上限), as the trail records them. */
const undeliveredOf = (a: PitAlarm) =>
  a.history.filter((e) => e.action === 'alarm.sms_failed').map((e) => ({ channel: 'sms', to: (e.data as { to?: string } | undefined)?.to ?? null, why: (e.data as { why?: string } | undefined)?.why ?? null, note: e.reason, at: e.at.toISOString() }));

/** An upload as the list shows it: a held file says why in Chinese, every flag with its label and detail. */
const presentListedUpload = (u: PitUpload) => ({
  ...presentUpload(u),
  ...(u.status === 'held' ? { reason: heldReasonText(u.flags) } : {}),
  flagTexts: u.flags.map(flagText),
  voided: u.voided ? { at: u.voided.at.toISOString(), reason: u.voided.reason } : null,
});

export function pitRoutes(app: Hono<AppEnv>) {
  /** Projects the caller may see, worst alarm level first. */
  app.get('/api/pit/projects', async (c) => {
    const actor = requireActor(c);
    const filter = scopeFilter(actor, 'pit.read');
    if (!filter) return ok(c, []);
    const { db } = c.get('deps');
    const rows = await listProjects(db, filter);
    const ids = rows.map((p) => p._id);
    // one read each for all projects, not two per project
    const [openAlarms, lastUploads] = await Promise.all([openAlarmCounts(db, ids), lastUploadTimes(db, ids)]);
    const out = rows.map((p) => ({
      id: p._id,
      name: p.name,
      address: p.address,
      townId: p.scope.townId,
      safetyLevel: p.safetyLevel,
      depthM: p.depthM,
      worstLevel: p.worstLevel,
      worstLevelLabel: LEVEL_LABELS[p.worstLevel],
      status: p.status,
      statusLabel: PROJECT_STATUS_LABELS[p.status],
      openAlarms: openAlarms.get(p._id) ?? 0,
      lastUploadAt: lastUploads.get(p._id)?.toISOString() ?? null,
    }));
    out.sort((a, b) => RANK[a.worstLevel] - RANK[b.worstLevel] || b.openAlarms - a.openAlarms || a.name.localeCompare(b.name, 'zh'));
    return ok(c, out);
  });

  app.get('/api/pit/projects/:id', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const p = await findProject(db, c.req.param('id'));
    if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
    // independent reads side by side: the page waits for the slowest, not for their sum (page loads, issue 17)
    const [points, last, firstDataDate, parties] = await Promise.all([pointsOfProject(db, p._id), latestResults(db, p._id), firstDataDay(db, p._id), presentParties(db, p.parties)]);
    return ok(
      c,
      {
        id: p._id,
        name: p.name,
        address: p.address,
        location: p.location,
        safetyLevel: p.safetyLevel,
        depthM: p.depthM,
        supportType: p.supportType,
        worstLevel: p.worstLevel,
        levels: p.config.levels,
        status: p.status,
        statusLabel: PROJECT_STATUS_LABELS[p.status],
        // names from the people's accounts, phones masked
        parties,
        points: points.map((pt) => ({ code: pt.code, item: pt.item, itemLabel: ITEMS[pt.item].label, unit: ITEMS[pt.item].unit, control: pt.control, controlSource: pt.controlSource, last: last.get(pt.code) ?? null })),
        // the first day a daily report can be made for (Asia/Shanghai), null before any data is accepted
        firstDataDate,
      },
      { policies: policiesFor(actor, ['pit.upload', 'pit.edit_control', 'alarm.raise_danger', 'pit.daily_report', 'pit.void_upload', 'pit.setup'], { kind: 'pit', scope: p.scope }) },
    );
  });

  /** A point's curve: cumulative value and rate per epoch, with the three threshold lines. */
  app.get('/api/pit/projects/:id/points/:code/series', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const p = await findProjectFields(db, c.req.param('id'), ['config']);
    if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
    const code = c.req.param('code');
    const [point, uploads] = await Promise.all([findPoint(db, p._id, code), pointEpochs(db, p._id, code, 2000)]);
    if (!point) throw notFound('测点不存在');
    const { yellow, orange, red } = p.config.levels;
    const epochs = uploads.map((u) => {
      const r = u.results.find((x) => x.point === code)!;
      return { time: u.observedAt.toISOString(), value: r.value, change: r.change, intervalDays: r.intervalDays, rate: r.rate, level: r.finalLevel, ...rateVerdict(r), ...(point.item === 'deepHorizontal' ? { profile: u.summary.profile_mm, depths: u.summary.depths_m } : {}) };
    });
    return ok(c, {
      point: code,
      item: point.item,
      itemLabel: ITEMS[point.item].label,
      unit: ITEMS[point.item].unit,
      rateUnit: ITEMS[point.item].rateUnit,
      control: point.control,
      levels: p.config.levels,
      thresholds: { yellow: yellow * point.control.cumulative, orange: orange * point.control.cumulative, red: red * point.control.cumulative },
      rateThresholds: point.control.rate ? { yellow: yellow * point.control.rate, orange: orange * point.control.rate, red: red * point.control.rate } : null,
      epochs,
    });
  });

  app.get('/api/pit/projects/:id/uploads', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const p = await findProjectFields(db, c.req.param('id'), []);
    if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
    const rows = await latestUploads(db, p._id, 100);
    return ok(c, rows.map(presentListedUpload));
  });

  /** A regulator voids wrong data: kept as evidence, used for nothing (see voidUpload). */
  app.post('/api/pit/uploads/:id/void', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, voidUploadRequest);
    const u = await voidUpload(c.get('deps'), actor, c.req.param('id'), body.reason, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, presentListedUpload(u));
  });

  app.get('/api/pit/alarms', async (c) => {
    const actor = requireActor(c);
    const q = query(c, alarmListQuery);
    const filter = scopeFilter(actor, 'alarm.read');
    if (!filter) return ok(c, []);
    const status = q.status === 'open' ? { status: { $ne: 'archived' as const } } : q.status === 'all' ? {} : { status: q.status };
    const rows = await listAlarms(c.get('deps').db, { ...filter, ...status, ...(q.projectId ? { projectId: q.projectId } : {}) }, 200);
    rows.sort((a, b) => RANK[a.level] - RANK[b.level]);
    return ok(c, rows.map(presentAlarm));
  });

  /** The alarm with its whole immutable trail and the actions this person may take. */
  app.get('/api/pit/alarms/:id', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const a = await findAlarm(db, c.req.param('id'));
    if (!a || !can(actor, 'alarm.read', { kind: 'alarm', scope: a.scope }).allow) throw notFound('报警事件不存在');
    const actorIds = [...new Set(a.history.map((e) => e.actorId).filter((x): x is string => !!x))];
    const [names, overLimit] = await Promise.all([userNames(db, actorIds), overLimitNow(c.get('deps'), a)]);
    const history = a.history.map((e) => ({ id: e.id, action: e.action, at: e.at.toISOString(), actor: e.actorId ? (names[e.actorId] ?? '用户') : '系统', role: e.role, from: e.from, to: e.to, note: e.reason, evidence: e.evidence ?? [], data: e.data }));
    return ok(c, { ...presentAlarm(a), history, undelivered: undeliveredOf(a), overLimitNow: overLimit ? { ...overLimit, levelLabel: LEVEL_LABELS[overLimit.level] } : null }, { policies: alarmPolicies(actor, a) });
  });

  app.post('/api/pit/alarms/:id/actions', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, alarmActionRequest);
    const a = await actOnAlarm(c.get('deps'), actor, c.req.param('id'), body, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PIT_ALARMS, a._id);
    return ok(c, presentAlarm(a), { policies: alarmPolicies(actor, a) });
  });

  /** Manual danger alarm (docs/domain/pit.md §1.4): any party, from a patrol, bypassing thresholds. */
  app.post('/api/pit/projects/:id/danger-alarms', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, dangerAlarmRequest);
    const a = await raiseDangerAlarm(c.get('deps'), actor, c.req.param('id'), body, { requestId: c.get('requestId'), ip: c.get('ip') });
    touched(c, PIT_ALARMS, a._id);
    return ok(c, presentAlarm(a), { status: 201 });
  });

  /** 日报 (PDF) for one day, Asia/Shanghai, from the project's first day with data up to today. */
  app.get('/api/pit/projects/:id/daily-report', async (c) => {
    const actor = requireActor(c);
    const q = query(c, dailyReportQuery);
    const { db, now } = c.get('deps');
    const problem = reportDateProblem(q.date, now());
    if (problem) throw invalid(problem, 'invalid_date', { field: 'date' });
    const p = await findProject(db, c.req.param('id'));
    if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
    if (!can(actor, 'pit.daily_report', { kind: 'pit', scope: p.scope }).allow) throw forbidden('监测日报向建设单位、监测单位和监管部门提供');
    const firstDate = await firstDataDay(db, p._id);
    const noData = reportDataProblem(q.date, firstDate);
    if (noData) throw invalid(noData, 'date_before_data', { field: 'date', firstDate });
    const pdf = await renderDailyReport(db, p, q.date);
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="pit-daily-${q.date}.pdf"` });
  });

  /** Control values: the design party only; every change is an audited event on the point. */
  app.put('/api/pit/projects/:id/points/:code/control', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, controlEditRequest);
    const pt = await editControl(c.get('deps'), actor, c.req.param('id'), c.req.param('code'), body, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, { code: pt.code, control: pt.control, controlSource: pt.controlSource, version: pt.version });
  });
}
