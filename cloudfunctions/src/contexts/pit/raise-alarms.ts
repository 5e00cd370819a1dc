import { createHash } from 'node:crypto';
import { worseLevel, type Level } from '@cityloop/shared/pit/levels';
import type { PointResult } from '@cityloop/shared/pit/domain/point-judge';
import { nextAlarmStatus } from '@cityloop/shared/pit/domain/alarm.machine';
import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { flagNames, flagsText, heldReasonText, streamLabel } from '@cityloop/shared/pit/flag-labels';
import type { Deps } from '../../platform/deps';
import { createdAggregate, eventWrites, type DomainEvent } from '../../platform/aggregate';
import { deliverNow } from '../../platform/outbox/deliver-now';
import { PIT_ALARMS, type PitAlarm, type PitProject, type PitUpload } from './pit.collections';
import { findAlarm, insertAlarm, openAlarmLevels, updateAlarmVersioned } from './alarm.repository';
import { setWorstLevel } from './project.repository';
import { markAlarmsRaised } from './upload.repository';
import { alarmAudience, alarmMessages, alarmRecipients, channelsFor, LEVEL_LABELS } from './alarm-notice';
import { currentReadings, openAlarmOf, setOpenAlarm } from './ingest-heads';

const RANK: Record<Level, number> = { normal: 0, yellow: 1, orange: 2, red: 3 };
/** Time the supervisor has to handle an alarm before it escalates to the regulator. */
export const HANDLE_WITHIN_MS: Record<Level, number> = { normal: 24 * 3600_000, yellow: 24 * 3600_000, orange: 12 * 3600_000, red: 2 * 3600_000 };
const RANK_OF = (l: Level) => RANK[l];
/** Which rule made the result an alarm (shown to people: a red alarm at 44 % needs its reason). */
export function triggerOf(r: PointResult): 'cumulative' | 'rate' | 'consecutive' {
  if (RANK_OF(r.level) >= RANK_OF(r.finalLevel)) return 'cumulative';
  if (RANK_OF(r.rateLevel) >= RANK_OF(r.finalLevel)) return 'rate';
  return 'consecutive';
}
const alarmId = (uploadId: string, point: string) => `al_${createHash('sha256').update(`${uploadId}|${point}`).digest('hex').slice(0, 20)}`;

/**
 * Turns a stored epoch into alarms, idempotently (deterministic alarm ids), so the scheduler can repair a
 * crash between the upload insert and this step. Accepted epoch: a new alarm per exceeding point, or the
 * point's open alarm is linked (and reopened / raised in level). Held epoch: one "suspect data" event to the
 * regulator instead of alarms. Notifications are drained before returning: upload → SMS within the request.
 */
export async function raiseAlarmsFor(deps: Deps, project: PitProject, upload: PitUpload): Promise<string[]> {
  const { db, now } = deps;
  const touched: string[] = [];
  const at = now();
  if (upload.status === 'held') {
    const id = alarmId(upload._id, '*suspect*');
    const description = heldReasonText(upload.flags);
    const alarm = newAlarm(id, project, upload, { point: streamLabel(upload.stream), item: 'suspect_data', stream: upload.stream, kind: 'suspect_data', level: 'yellow', description, flags: upload.flags }, at);
    const event: DomainEvent = { id: `${id}:raised`, action: 'alarm.suspect_data', at, actorId: null, reason: description, data: { upload: upload._id, flags: upload.flags } };
    const msgs = await heldMessages(deps, project, upload, alarm, event.id, at);
    if (await insertOnce(deps, { ...alarm, ...createdAggregate(PIT_ALARMS, id, event, msgs, { scope: project.scope }) })) touched.push(id);
  } else if (upload.status === 'accepted') {
    for (const r of upload.results) {
      if (r.finalLevel === 'normal') continue;
      const openId = await openAlarmOf(db, project._id, r.point);
      const open = openId ? await findAlarm(db, openId) : null;
      if (open && open.status !== 'archived') {
        if (open.uploads.includes(upload._id)) continue; // already linked (a repair run)
        if (await linkExceedance(deps, open, upload, r, at)) touched.push(open._id);
        continue;
      }
      const id = alarmId(upload._id, r.point);
      const alarm = newAlarm(id, project, upload, { point: r.point, item: r.item, kind: 'threshold', level: r.finalLevel, value: r.value, control: r.control, ratio: r.ratio, rate: r.rate, rateRatio: r.rateRatio, rateControl: r.rateControl, trigger: triggerOf(r) }, at);
      const event: DomainEvent = { id: `${id}:raised`, action: 'alarm.raise', at, actorId: null, to: 'raised', data: { upload: upload._id, value: r.value, ratio: r.ratio, rate: r.rate, level: r.finalLevel } };
      const msgs = alarmMessages(event.id, alarm, await alarmRecipients(db, alarm), at, { channels: channelsFor(deps, at, 'urgent') });
      if (await insertOnce(deps, { ...alarm, ...createdAggregate(PIT_ALARMS, id, event, msgs, { scope: project.scope }) })) touched.push(id);
      await setOpenAlarm(db, project._id, r.point, id);
    }
    // A reading back under its limits may lower the project; one that stays over keeps it up (issue 17 §1).
    await updatePointsAndProject(deps, project, upload, at);
  }
  await markAlarmsRaised(db, upload._id);
  await deliverNow(deps, touched.map((id) => ({ collection: PIT_ALARMS, id })), { log: deps.log, budgetMs: 5000 });
  return touched;
}

/**
 * A held epoch: the town regulator and the supervisor (who handles it) get the suspect-data event; the
 * monitoring unit — the uploader and the project's monitoring staff — learns that its file was held and why,
 * so it can check the instrument and upload again. WeChat + inbox: never SMS, never the threshold wording.
 */
async function heldMessages(deps: Deps, project: PitProject, upload: PitUpload, alarm: PitAlarm, eventId: string, at: Date): Promise<OutboxMessage[]> {
  const channels = channelsFor(deps, at, 'routine');
  const monitors = [...new Set([upload.source.userId, ...(project.parties.monitor?.people ?? []).map((p) => p.userId)].filter((u): u is string => !!u))];
  const audience = await alarmAudience(deps.db, alarm);
  const handlers = audience.filter((l) => l.role === 'townRegulator' || l.role === 'supervisor').map((l) => l.id).filter((u) => !monitors.includes(u));
  const stream = streamLabel(upload.stream);
  const reason = flagsText(upload.flags) || '原始数据疑似异常';
  return [
    ...alarmMessages(eventId, alarm, handlers, at, { channels }),
    ...messagesFor(eventId, monitors, at, {
      channels,
      title: `数据暂存待核｜${project.name}`,
      body: `您上传的${stream}数据（第 ${upload.seq} 份，观测 ${wechatTime(upload.observedAt)}）已暂存，未参与预警判定：${reason}。请核查仪器和原始文件，必要时复测后重新上传。`,
      link: `/packages/pit/pages/uploads/index?projectId=${project._id}`,
      wechat: {
        templateId: WECHAT_TEMPLATES.progress.id,
        page: `packages/pit/pages/uploads/index?projectId=${project._id}`,
        data: fitTemplateData({ thing1: `${stream} 第${upload.seq}份上传`, phrase2: '暂存待核', thing3: flagNames(upload.flags) || '数据疑似异常', time4: wechatTime(at) }),
      },
    }),
  ];
}

/** The alarm's own fields; the aggregate base (version, history, outbox …) comes from createdAggregate. */
function newAlarm(id: string, project: PitProject, upload: PitUpload, f: Pick<PitAlarm, 'point' | 'item' | 'kind' | 'level'> & Partial<PitAlarm>, at: Date): PitAlarm {
  return {
    _id: id,
    projectId: project._id,
    projectName: project.name,
    status: 'raised',
    uploads: [upload._id],
    escalated: false,
    dueAt: new Date(at.getTime() + HANDLE_WITHIN_MS[f.level]),
    scope: project.scope,
    createdAt: at,
    updatedAt: at,
    ...f,
  } as PitAlarm;
}

async function insertOnce(deps: Deps, doc: PitAlarm): Promise<boolean> {
  try {
    await insertAlarm(deps.db, doc);
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}

/**
 * A new exceedance on a point whose alarm is still open: link it. A raised level is a new alarm for people
 * (SMS, a new deadline, and it may be escalated again); a handled alarm sent back by the same level is told
 * on WeChat and inbox only; an open alarm exceeding again at its level is only linked.
 */
async function linkExceedance(deps: Deps, open: PitAlarm, upload: PitUpload, r: PointResult, at: Date): Promise<boolean> {
  const level = worseLevel(open.level, r.finalLevel);
  const worse = RANK[level] > RANK[open.level];
  const status = worse || open.status === 'handled' ? nextAlarmStatus(open.status, 'exceed_again') : open.status;
  const event: DomainEvent = { id: `${open._id}:${upload._id}`, action: 'alarm.exceed_again', at, actorId: null, from: open.status, to: status, data: { upload: upload._id, value: r.value, level: r.finalLevel } };
  const updated = { ...open, level, status, value: r.value, ratio: r.ratio, rate: r.rate, rateRatio: r.rateRatio };
  const notify = worse || status !== open.status;
  const msgs = notify ? alarmMessages(event.id, updated, await alarmRecipients(deps.db, updated), at, { channels: channelsFor(deps, at, worse ? 'urgent' : 'routine'), headline: worse ? `升级为${LEVEL_LABELS[level]}` : '再次超限' }) : [];
  const w = eventWrites(PIT_ALARMS, open._id, event, msgs, { scope: open.scope });
  await updateAlarmVersioned(deps.db, open, {
    $set: { ...w.$set, level, status, value: r.value, ratio: r.ratio, rate: r.rate, rateRatio: r.rateRatio, rateControl: r.rateControl, trigger: triggerOf(r), updatedAt: at, ...(worse ? { dueAt: new Date(at.getTime() + HANDLE_WITHIN_MS[level]), escalated: false } : {}) },
    $push: { ...w.$push, uploads: upload._id } as never,
  });
  return notify;
}

/**
 * The project's level (for the list pages): the worse of its open alarms and its points' current readings — an
 * archived alarm on a point still over its control value does not make the project 正常.
 */
export async function updatePointsAndProject(deps: Deps, project: Pick<PitProject, '_id'>, _upload: PitUpload | null, _at: Date) {
  const [open, readings] = await Promise.all([openAlarmLevels(deps.db, project._id), currentReadings(deps.db, project._id)]);
  let worst = open.reduce<Level>((w, a) => worseLevel(w, a.level), 'normal');
  for (const r of readings.values()) worst = worseLevel(worst, r.level);
  await setWorstLevel(deps.db, project._id, worst);
}
