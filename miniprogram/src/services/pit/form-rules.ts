/** 深基坑监测: the checks a pit form makes before sending (the server checks again and its message wins). */
import { ALARM_NOTE_MIN } from '@cityloop/shared/pit/domain/alarm.machine';
import type { UploadFormat } from '@cityloop/shared/pit/domain/epoch.solve';
import { PIT_UPLOAD_MAX_BYTES, PIT_UPLOAD_TOO_LARGE } from '@cityloop/shared/pit/domain/upload-limits';
import { DANGER_DESCRIPTION_MIN } from '@cityloop/shared/pit/pit.limits';
import type { AlarmAction, AlarmKind } from './api';

export { MAX_PHOTOS, MAX_PHOTO_BYTES } from '@cityloop/shared/platform/evidence.limits';

// Alarm actions ------------------------------------------------------------------------------------------

export interface ActionSpec {
  action: AlarmAction;
  /** Button text. */
  label: string;
  /** Form title. */
  title: string;
  /** Minimum note length (0 = optional). */
  minNote: number;
  /** Needs at least one photo (监理处置). */
  needsEvidence: boolean;
  placeholder: string;
}

/** In the order the buttons are shown; the server's `policies` decide which appear. */
export const ALARM_ACTIONS: ActionSpec[] = [
  { action: 'handle', label: '处置', title: '监理处置', minNote: ALARM_NOTE_MIN.handle, needsEvidence: true, placeholder: '请填写已采取的处置措施（至少 4 个字），并上传现场照片' },
  { action: 'archive', label: '销警', title: '建设单位销警', minNote: ALARM_NOTE_MIN.archive, needsEvidence: false, placeholder: '请填写销警说明（至少 4 个字），如复测结果、复核意见' },
  { action: 'return', label: '退回', title: '建设单位退回', minNote: ALARM_NOTE_MIN.return, needsEvidence: false, placeholder: '请填写退回原因（至少 4 个字）' },
  { action: 'comment', label: '批注', title: '监管批注', minNote: ALARM_NOTE_MIN.comment, needsEvidence: false, placeholder: '请填写批注内容' },
  { action: 'require_action', label: '责令整改', title: '监管责令整改', minNote: ALARM_NOTE_MIN.require_action, needsEvidence: false, placeholder: '请填写整改要求（至少 4 个字）' },
  { action: 'escalate', label: '升级督办', title: '升级督办', minNote: ALARM_NOTE_MIN.escalate, needsEvidence: false, placeholder: '督办说明（选填）' },
  { action: 'reopen', label: '重新打开', title: '监管重新打开', minNote: ALARM_NOTE_MIN.reopen, needsEvidence: false, placeholder: '请填写重新打开的原因（至少 4 个字），如测点仍超限' },
];

export const actionSpec = (a: AlarmAction): ActionSpec => ALARM_ACTIONS.find((s) => s.action === a)!;

/** Exactly the buttons the server allows (`policies[action] === true`). */
export function visibleActions(policies: Record<string, boolean> | null | undefined): ActionSpec[] {
  return ALARM_ACTIONS.filter((s) => policies?.[s.action] === true);
}

/**
 * The client-side check before submitting (the server checks again and its message wins). A suspect-data
 * event (`kind`) is handled with a note alone: no site photo.
 */
export function validateAction(action: AlarmAction, note: string, evidenceCount: number, kind?: AlarmKind): string | null {
  const spec = actionSpec(action);
  const n = note.trim().length;
  if (n < spec.minNote) {
    if (action === 'handle') return '请填写采取的处置措施（至少 4 个字）';
    if (action === 'archive') return `请填写销警说明（至少 ${spec.minNote} 个字）`;
    if (spec.minNote > 1) return `请填写原因（至少 ${spec.minNote} 个字）`;
    return '请填写内容';
  }
  if (spec.needsEvidence && kind !== 'suspect_data' && evidenceCount === 0) return '请上传处置照片作为证据';
  return null;
}

export function validateDanger(description: string): string | null {
  return description.trim().length < DANGER_DESCRIPTION_MIN ? `请描述险情（至少 ${DANGER_DESCRIPTION_MIN} 个字）` : null;
}


// Raw uploads (监测单位) -------------------------------------------------------------------------------------

export interface UploadFormatSpec {
  format: UploadFormat;
  /** The chooser's label. */
  label: string;
  /** What an upload of this format is called in the upload list. */
  name: string;
  /** What the file is, under the chooser. */
  hint: string;
  /** GSI and DiNi files (level or total station) carry no date: the observation time is asked for (the CSVs carry their own). */
  needsTime: boolean;
}

/** The formats the ingest accepts, in the chooser's order. */
export const UPLOAD_FORMAT_SPECS: UploadFormatSpec[] = (
  [
    ['gsi', '水准/全站仪 GSI', 'GSI（水准或全站仪）', '徕卡水准仪（DNA/LS）或全站仪导出的 GSI-8/GSI-16 原始文件；全站仪文件须含测站坐标块和后视观测', true],
    ['dini', '水准 DiNi', '水准（DiNi）', '天宝 DiNi 水准仪导出的 M5 格式原始文件（.DAT）', true],
    ['tps_csv', '全站仪坐标 CSV', '全站仪坐标', '列 point,time,E,N,H（仪器软件算得的坐标，m；每行带观测时间）', false],
    ['inclinometer_csv', '测斜 CSV', '测斜', '双面读数：首行 # hole=孔号; time=观测时间 …，列 depth_m,A0,A180', false],
    ['vw_csv', '振弦 CSV', '振弦传感器', '轴力计、锚索计、钢筋计：列 sensor_id,time,freq_Hz,temp_C（每行带观测时间）', false],
    ['water_csv', '水位 CSV', '水位', '列 well_id,time,depth_m（每行带观测时间）', false],
    ['tilt_csv', '倾斜 CSV', '倾斜', '倾斜计：列 point,time,tilt_permille（‰）或 point,time,tilt_deg（度）', false],
    ['crack_csv', '裂缝 CSV', '裂缝', '裂缝计：列 point,time,width_mm（裂缝宽度，mm）', false],
  ] satisfies [UploadFormat, string, string, string, boolean][]
).map(([format, label, name, hint, needsTime]) => ({ format, label, name, hint, needsTime }));

/** An upload's format as the upload list names it. */
export const UPLOAD_FORMAT_LABELS: Record<string, string> = Object.fromEntries(UPLOAD_FORMAT_SPECS.map((f) => [f.format, f.name]));

export const uploadFormatSpec = (f: UploadFormat): UploadFormatSpec => UPLOAD_FORMAT_SPECS.find((s) => s.format === f)!;

/** The ingest's limit for one file, and what the page says when a file is bigger. */
export { PIT_UPLOAD_MAX_BYTES as MAX_UPLOAD_BYTES, PIT_UPLOAD_TOO_LARGE as UPLOAD_TOO_LARGE } from '@cityloop/shared/pit/domain/upload-limits';

/** A picked Beijing date and time as the ISO 8601 time the ingest wants: `2026-05-10T09:30:00+08:00`. */
export const observedAtIso = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** Why the file cannot be sent as it is (checked before sending; the server checks again), or null. */
export function uploadFileProblem(file: { size: number } | null): string | null {
  if (!file) return '请选择要上传的原始数据文件';
  if (file.size > PIT_UPLOAD_MAX_BYTES) return PIT_UPLOAD_TOO_LARGE;
  if (file.size === 0) return '文件内容为空，请检查后重新选择';
  return null;
}

/** Why the observation time cannot be sent (GSI and DiNi only), or null. */
export function observedAtProblem(format: UploadFormat, date: string, time: string, now: Date): string | null {
  if (!uploadFormatSpec(format).needsTime) return null;
  if (!date || !time) return '请选择观测日期和时间（GSI/DiNi 原始文件不含日期）';
  if (Date.parse(observedAtIso(date, time)) > now.getTime()) return '观测时间晚于当前时间，请检查日期和时间';
  return null;
}
