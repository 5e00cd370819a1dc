/**
 * Chinese for the solvers' QA flags (`PitFlag.code`, stable snake_case) and for epoch streams, so that
 * people never read `identical_to_previous` or `water_level`. One label per code, and the detail when the
 * flag carries it (depth, checksum against the median, station difference against its limit …).
 * Pure: used by the functions (alarms, inbox, WeChat, daily report) and the mini-program (upload list).
 */
import type { PitFlag } from './leveling.types';
import { gsiWordZh } from './gsi-word-names';

/** Every flag code a solver in shared/src/pit raises, with its short Chinese name (≤ 8 characters). */
export const FLAG_LABELS = {
  identical_to_previous: '读数与上期完全相同',
  identical_to_initial: '读数与初测完全相同',
  checksum_outlier: '测斜校验和异常',
  checksum_jump: '测斜校验和突变',
  mirror_readings: '正反测读数镜像',
  irregular_spacing: '测读深度间距不均',
  station_difference_over_limit: '测站高差之差超限',
  instrument_mismatch: '仪器记录值与重算不符',
  benchmark_not_used: '基准点未参与平差',
  station_mismatch: '测站坐标与登记不符',
} as const satisfies Record<string, string>;
export type FlagCode = keyof typeof FLAG_LABELS;

const isKnown = (code: string): code is FlagCode => Object.prototype.hasOwnProperty.call(FLAG_LABELS, code);

/** The short Chinese name of a flag code; an unknown code (a newer solver) still reads as a QA finding. */
export function flagLabel(code: string): string {
  return isKnown(code) ? FLAG_LABELS[code] : `其他质检提示（${code}）`;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const mm = (v: unknown, d = 2) => (num(v) === null ? '—' : `${num(v)!.toFixed(d)} mm`);
const metres = (v: unknown) => (num(v) === null ? '—' : `${Number(num(v)!.toFixed(2))} m`);

/** What the instrument's own values in a raw file are (GSI word index, or a DiNi type) in Chinese. */
const DINI_ITEMS: Record<string, string> = { Z: '高程 Z', Sh: '高差总和 Sh', Db: '后视距离总和 Db', Df: '前视距离总和 Df' };
const instrumentItem = (item: string) => (/^\d+$/.test(item) ? gsiWordZh(Number(item)) : (DINI_ITEMS[item] ?? item));

const lineOf = (f: PitFlag) => (num(f.line) === null ? '' : `第 ${f.line} 行`);

/** The detail a flag carries, in Chinese, or '' when it has none. */
const DETAILS: Record<FlagCode, (f: PitFlag) => string> = {
  identical_to_previous: () => '',
  identical_to_initial: () => '',
  checksum_outlier: (f) => `深度 ${metres(f.depth_m)}：${mm(f.checksum_mm)}，中位数 ${mm(f.median_mm)}`,
  checksum_jump: (f) => `深度 ${metres(f.depth_m)}：${mm(f.checksum_mm)}，初测 ${mm(f.initial_checksum_mm)}`,
  mirror_readings: () => '各深度正反测之和均为 0，疑似人工编造',
  irregular_spacing: (f) => `深度 ${metres(f.depth_m)} 处，测读间距应为 ${metres(f.interval_m)}`,
  station_difference_over_limit: (f) => `第 ${(num(f.station) ?? 0) + 1} 站：${mm(f.diff_mm)}，限差 ${mm(f.limit_mm)}`,
  instrument_mismatch: (f) => {
    const item = typeof f.item === 'string' ? instrumentItem(f.item) : '';
    const where = [lineOf(f), item, typeof f.point === 'string' ? `点 ${f.point}` : ''].filter(Boolean).join(' ');
    return `${where}：相差 ${mm(f.diff_mm)}，容许 ${mm(f.tolerance_mm)}`;
  },
  benchmark_not_used: (f) => (typeof f.point === 'string' ? `基准点 ${f.point}` : ''),
  station_mismatch: (f) => `${lineOf(f)} ${typeof f.item === 'string' ? f.item : ''}：文件 ${num(f.file) ?? '—'}，登记 ${num(f.request) ?? '—'}`.trim(),
};

/**
 * One flag in Chinese with its detail.
 * @example flagText({ code: 'checksum_outlier', depth_m: 3.5, checksum_mm: 2.91, median_mm: 0.3 }) // '测斜校验和异常（深度 3.5 m：2.91 mm，中位数 0.30 mm）'
 * @example flagText({ code: 'identical_to_previous' }) // '读数与上期完全相同'
 */
export function flagText(f: PitFlag): string {
  if (!isKnown(f.code)) return flagLabel(f.code);
  const detail = DETAILS[f.code](f);
  return detail ? `${FLAG_LABELS[f.code]}（${detail}）` : FLAG_LABELS[f.code];
}

/**
 * Several flags in one line: grouped by code (in first-seen order), at most `perCode` details each
 * (`等 N 处` for the rest) — an inclinometer can flag every depth.
 * @example flagsText([{ code: 'checksum_outlier', depth_m: 3, checksum_mm: 2.1, median_mm: 0.2 }, { code: 'mirror_readings' }]) // '测斜校验和异常（深度 3 m：2.10 mm，中位数 0.20 mm）；正反测读数镜像（各深度正反测之和均为 0，疑似人工编造）'
 */
export function flagsText(flags: readonly PitFlag[], perCode = 2): string {
  const groups = new Map<string, PitFlag[]>();
  for (const f of flags) groups.set(f.code, [...(groups.get(f.code) ?? []), f]);
  const parts: string[] = [];
  for (const [code, fs] of groups) {
    if (!isKnown(code)) {
      parts.push(flagLabel(code));
      continue;
    }
    const details = [...new Set(fs.map((f) => DETAILS[code](f)).filter(Boolean))];
    const shown = details.slice(0, perCode).join('；');
    const more = details.length > perCode ? ` 等 ${details.length} 处` : '';
    parts.push(shown ? `${FLAG_LABELS[code]}（${shown}${more}）` : FLAG_LABELS[code]);
  }
  return parts.join('；');
}

/** The distinct short names of the flags, for a field that holds a few words (a WeChat `thing`). */
export function flagNames(flags: readonly PitFlag[]): string {
  return [...new Set(flags.map((f) => flagLabel(f.code)))].join('、');
}

/**
 * Why a held epoch is held, in Chinese, from its flags.
 * @example heldReasonText([{ code: 'identical_to_previous' }]) // '疑似数据异常：读数与上期完全相同'
 */
export function heldReasonText(flags: readonly PitFlag[]): string {
  return `疑似数据异常：${flags.length ? flagsText(flags) : '原因未记录'}`;
}

/**
 * A text that may name flag codes (a held upload's stored `reason`, e.g. `疑似数据异常：checksum_outlier, mirror_readings`)
 * with every known code replaced by its Chinese name.
 */
export function withFlagLabels(text: string): string {
  return text
    .replace(/[a-z]+(?:_[a-z]+)+/g, (code) => (isKnown(code) ? FLAG_LABELS[code] : code))
    // (no look-behind: older WeChat JS engines on iOS reject it)
    .replace(/([\u4e00-\u9fff]), (?=[\u4e00-\u9fff])/g, '$1、');
}

/**
 * An epoch stream (`leveling:BM1`, `inclinometer:CX1`, `water_level`, `vibrating_wire`) in Chinese.
 * Anything else (already Chinese, or a newer stream) is returned as it is.
 * @example streamLabel('inclinometer:CX1') // '测斜孔 CX1'
 */
export function streamLabel(stream: string): string {
  const [kind, id] = stream.split(':', 2);
  switch (kind) {
    case 'leveling':
      return '水准';
    case 'inclinometer':
      return id ? `测斜孔 ${id}` : '测斜';
    case 'water_level':
      return '水位';
    case 'vibrating_wire':
      return '轴力';
    case 'total_station':
      return id ? `全站仪测站 ${id}` : '全站仪坐标';
    case 'tilt':
      return '倾斜';
    case 'crack':
      return '裂缝';
    default:
      return stream;
  }
}
