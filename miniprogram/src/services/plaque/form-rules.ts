/** 门前三包: the checks a complaint, fix, appeal or dispute form makes before sending (the server checks again; its message wins). */
import { PLAQUE_TEXT_MIN } from '@cityloop/shared/plaques/plaque.limits';

// Forms ------------------------------------------------------------------------------------------------

export const MIN_TEXT = PLAQUE_TEXT_MIN;

/** The client-side check before a complaint (the server checks again and its message wins). */
export function validateComplaint(input: { classCode: string | null; description: string; photoCount: number }): string | null {
  if (!input.classCode) return '请选择问题类型';
  if (input.description.trim().length < MIN_TEXT) return `请描述问题（至少 ${MIN_TEXT} 个字）`;
  if (input.photoCount < 1) return '请至少上传 1 张现场照片';
  return null;
}

/** A fix needs an after photo and a word on what was done (the complainant reads it). */
export function validateFix(note: string, photoCount: number): string | null {
  if (note.trim().length < 2) return '请说明整改情况';
  if (photoCount < 1) return '请上传整改后的照片';
  return null;
}

export function validateAppeal(reason: string): string | null {
  return reason.trim().length < MIN_TEXT ? `请说明申诉理由（至少 ${MIN_TEXT} 个字）` : null;
}

export function validateDispute(reason: string): string | null {
  return reason.trim().length < MIN_TEXT ? `请说明异议原因（至少 ${MIN_TEXT} 个字）` : null;
}
