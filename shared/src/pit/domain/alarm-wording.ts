/**
 * What the alarm notifications say, on each channel (pure; the functions send them). The SMS is scarce
 * (a phone takes 10 a day from Tencent by default), so it carries only what must wake someone: a new alarm,
 * a level raised, a danger alarm, an overdue escalation. Each text respects its channel: SMS template
 * parameters, WeChat value limits (docs/domain/platform.md §2), and units on every value.
 */
import { clip } from '../../notify/wechat-fields';
import { LEVEL_LABELS, type Level } from '../levels';
import type { PitFlag } from '../leveling.types';
import { flagNames, flagsText, streamLabel, withFlagLabels } from '../flag-labels';
import { ITEMS } from './items';
import { rateUnjudgedText, rateVerdict } from './point-judge';
import type { AlarmKind } from './alarm.machine';

export { LEVEL_LABELS };

/** The facts of an alarm the wording needs (a PitAlarm has them all). */
export type AlarmFacts = {
  projectName: string;
  point: string;
  item: string;
  kind: AlarmKind;
  level: Level;
  value?: number;
  control?: number;
  ratio?: number;
  rate?: number | null;
  rateRatio?: number | null;
  /** the point's rate control when the alarm was raised (a rate without one is not judged) */
  rateControl?: number | null;
  description?: string;
  /** suspect data: the held epoch's QA flags */
  flags?: PitFlag[];
};

const fmt = (v: number | undefined | null, digits = 2) => (v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const unitsOf = (item: string) => {
  const meta = (ITEMS as Record<string, { unit: string; rateUnit: string; label: string } | undefined>)[item];
  return { unit: meta?.unit ?? 'mm', rateUnit: meta?.rateUnit ?? 'mm/d', label: meta?.label ?? item };
};
/** `-10.49 mm`, `4200.00 kN`; `—` without a value. */
export const withUnit = (v: number | undefined | null, unit: string, sep = ' ') => (v === undefined || v === null || !Number.isFinite(v) ? '—' : `${fmt(v)}${sep}${unit}`);

/** An SMS template parameter: one line, at most `max` characters, a cut marked with '…'. */
export const smsParam = (s: string, max = 20) => clip(s.replace(/\s+/g, ' ').trim(), max, '…');

/** The project as the pitAlarm SMS template wants it: the template already says 基坑. */
export const smsProjectName = (name: string) => smsParam(name.replace(/基坑$/, '') || name);

/** The rate as people read it: `+0.52 mm/d`; 首期 without a previous epoch; `未判定（间隔不足半天）` when it was not judged, with why. */
export function trendText(a: Pick<AlarmFacts, 'rate' | 'rateRatio' | 'rateControl' | 'item'>, sep = ' '): string {
  if (a.rate === undefined || a.rate === null) return '首期';
  // a rate over less than half a day is not judged (point-judge.ts): don't quote it as if it were, say why
  if (a.rateRatio === null || a.rateRatio === undefined) return rateUnjudgedText(rateVerdict({ ...a, rateControl: a.rateControl === undefined ? 1 : a.rateControl }));
  return `${a.rate >= 0 ? '+' : ''}${a.rate.toFixed(2)}${sep}${unitsOf(a.item).rateUnit}`;
}

/** Is this suspect-data event about missing uploads (缺测) rather than a held file? */
const isMissing = (a: Pick<AlarmFacts, 'item'>) => a.item === 'missing_data';

/**
 * Which alarm this is, in a few words: `测点 ZQS1`, `危险报警`, `测斜孔 CX1 数据可疑`, `缺测`.
 * @example alarmSubject({ kind: 'suspect_data', point: 'water_level', item: 'water_level' }) // '水位 数据可疑'
 */
export function alarmSubject(a: Pick<AlarmFacts, 'kind' | 'point' | 'item'>): string {
  if (a.kind === 'threshold') return `测点 ${a.point}`;
  if (a.kind === 'danger') return '危险报警';
  if (isMissing(a)) return '缺测';
  return `${streamLabel(a.point)} 数据可疑`;
}

/** What is wrong with the data of a suspect-data event, in Chinese (from its flags, or its stored description). */
export function suspectText(a: Pick<AlarmFacts, 'flags' | 'description'>): string {
  if (a.flags?.length) return flagsText(a.flags);
  return withFlagLabels(a.description ?? '').replace(/^疑似数据异常：/, '') || '原始数据疑似异常';
}

/** The inbox title and body of a new alarm (or its level raised: `headline`). */
export function alarmInboxText(a: AlarmFacts, headline?: string): { title: string; body: string } {
  const { unit, label } = unitsOf(a.item);
  if (a.kind === 'threshold') {
    return {
      title: `${headline ?? LEVEL_LABELS[a.level]}｜${a.projectName}`,
      body: `${a.projectName}：${label} 测点 ${a.point} 累计 ${withUnit(a.value, unit)}，控制值 ${withUnit(a.control, unit)}（${Math.round((a.ratio ?? 0) * 100)}%），速率 ${trendText(a)}，${LEVEL_LABELS[a.level]}。请监理单位立即处置。`,
    };
  }
  if (a.kind === 'danger') {
    return { title: `${headline ?? '危险报警'}｜${a.projectName}`, body: `${a.projectName}：危险报警（巡视发现）——${a.description ?? '未填写说明'}。请各方立即赶赴现场处置。` };
  }
  if (isMissing(a)) return { title: `缺测提醒｜${a.projectName}`, body: `${a.projectName}：${a.description ?? '有测点未按监测方案上传数据'}` };
  return {
    title: `${headline ?? '疑似数据异常'}｜${a.projectName}`,
    body: `${a.projectName}：${streamLabel(a.point)}数据疑似异常——${suspectText(a)}。本期数据已暂存，未据此判定预警；请核查原始数据，监测单位须复测或说明。`,
  };
}

/**
 * The pitAlarm subscription message (thing1 项目, thing2 测点, character_string3 累计/控制值, phrase4 等级, time5):
 * a danger alarm puts what was found in thing2, a suspect-data event names its stream and says 数据可疑.
 */
export function alarmWechatData(a: AlarmFacts, time: string): Record<string, string> {
  const { unit, label } = unitsOf(a.item);
  if (a.kind === 'threshold') {
    return { thing1: a.projectName, thing2: `${a.point} ${label}`, character_string3: `${fmt(a.value)}/${fmt(a.control)}${unit}`, phrase4: LEVEL_LABELS[a.level], time5: time };
  }
  if (a.kind === 'danger') return { thing1: a.projectName, thing2: a.description || '巡视发现险情', character_string3: '-', phrase4: '危险报警', time5: time };
  const what = isMissing(a) ? '缺测' : `${streamLabel(a.point)} ${a.flags?.length ? flagNames(a.flags) : '数据可疑'}`;
  return { thing1: a.projectName, thing2: what, character_string3: '-', phrase4: isMissing(a) ? '缺测' : '数据可疑', time5: time };
}

/** The SMS of a new threshold alarm or a raised level (template pitAlarm), with units. */
export function thresholdSmsParams(a: AlarmFacts): string[] {
  const { unit } = unitsOf(a.item);
  return [smsProjectName(a.projectName), smsParam(a.point), withUnit(a.value, unit, ''), withUnit(a.control, unit, ''), LEVEL_LABELS[a.level], trendText(a, '')];
}

/** The SMS of a manual danger alarm (template pitDanger): what was found, not an empty reading. */
export function dangerSmsParams(a: Pick<AlarmFacts, 'projectName' | 'description'>): string[] {
  return [smsParam(a.projectName), smsParam(a.description || '巡视发现险情', 30)];
}

/** The SMS of an overdue escalation (template pitOverdue): says which step is overdue. */
export function overdueSmsParams(a: AlarmFacts, why: string): string[] {
  const subject = a.kind === 'threshold' ? `测点${a.point}` : alarmSubject(a).replace(/\s+/g, '');
  return [smsParam(a.projectName), smsParam(subject), LEVEL_LABELS[a.level], smsParam(why)];
}

/**
 * A step of the handling loop as a progress message: the inbox text and the progress template's data
 * (thing1 事项, phrase2 状态 ≤ 5 Chinese characters, thing3 说明, time4). An empty note adds nothing.
 * @example actionTexts(a, '升级督办', '待处置', '').body // '南城基坑 测点 ZQS1：升级督办（待处置）。'
 */
export function actionTexts(a: AlarmFacts, label: string, status: { label: string; phrase: string }, note: string, time: string) {
  const said = note.trim() ? `${label}：${note.trim()}` : label;
  return {
    title: `${label}｜${a.projectName}`,
    body: `${a.projectName} ${alarmSubject(a)}：${said}（${status.label}）。`,
    wechat: { thing1: `${a.projectName} ${a.kind === 'threshold' ? a.point : alarmSubject(a)}`, phrase2: status.phrase, thing3: said, time4: time },
  };
}
