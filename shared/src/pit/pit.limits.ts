/**
 * Limits and labels of the pit API that the pages check before sending and the routes check again (no zod
 * here: the mini-program imports this file).
 */
import type { AlarmKind } from './domain/alarm.machine';

export const DANGER_DESCRIPTION_MIN = 4;
export const DANGER_DESCRIPTION_MAX = 1000;
export const ALARM_NOTE_MAX = 1000;
export const VOID_REASON_MIN = 4;
export const VOID_REASON_MAX = 500;
export const CONTROL_REASON_MIN = 4;
export const CONTROL_REASON_MAX = 500;

export type UploadStatus = 'accepted' | 'held' | 'rejected';

export const ALARM_KIND_LABELS: Record<AlarmKind, string> = { threshold: '监测超限', danger: '危险报警', suspect_data: '数据可疑' };
export const UPLOAD_STATUS_LABELS: Record<UploadStatus, string> = { accepted: '已接收', held: '暂存待核', rejected: '已拒收' };
