/**
 * The check-in page's rules, pure (tested): what the link asks for, what the form still misses, how a result reads.
 * Limits and labels from shared/src/checkin/checkin.limits.ts (zod-free).
 */
import { CHECKIN_DIRECTION_LABELS, CHECKIN_FLAG_LABELS, CHECKIN_MAX_ACCURACY_M, type CheckinDirection, type CheckinFlag } from '@cityloop/shared/checkin/checkin.limits';

export const CHECKIN_PAGE = '/packages/checkin/pages/checkin/index';
export { CHECKIN_MAX_ACCURACY_M };

export type CheckinTarget = { siteKind: string; siteId: string; direction: CheckinDirection; back: string | null };

/**
 * The link every domain opens: `?siteKind=&siteId=&direction=in|out&back=<url>`. Without a site the page only enrols.
 * @example checkinLink({ siteKind: 'pit_site', siteId: 'pj_1', direction: 'in', back: '/packages/pit/pages/project/index?id=pj_1' })
 */
export function checkinLink(t: { siteKind: string; siteId: string; direction?: CheckinDirection; back?: string | null }): string {
  const q = [`siteKind=${encodeURIComponent(t.siteKind)}`, `siteId=${encodeURIComponent(t.siteId)}`, `direction=${t.direction ?? 'in'}`];
  if (t.back) q.push(`back=${encodeURIComponent(t.back)}`);
  return `${CHECKIN_PAGE}?${q.join('&')}`;
}

const dec = (s: string | undefined) => {
  if (!s) return '';
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
};

/** The page's parameters, or null when they name no site (enrolment only). */
export function parseCheckinParams(p: Record<string, string | undefined>): CheckinTarget | null {
  const siteKind = dec(p.siteKind);
  const siteId = dec(p.siteId);
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(siteKind) || !siteId) return null;
  const back = dec(p.back);
  return { siteKind, siteId, direction: p.direction === 'out' ? 'out' : 'in', back: back.startsWith('/') ? back : null };
}

/** What is still missing before submitting, in the order the page asks for it (null = ready). */
export function missingStep(s: { accuracyM: number | null; sitePhoto: boolean; faceMode: 'wechat' | 'photo' | 'none' | null; facePhoto: boolean; wechatDone: boolean; busy: boolean }): string | null {
  if (s.busy) return '照片上传中，请稍候';
  if (s.accuracyM === null) return '请先获取当前位置';
  if (s.accuracyM > CHECKIN_MAX_ACCURACY_M) return `定位精度约 ${Math.round(s.accuracyM)} 米，需在 ${CHECKIN_MAX_ACCURACY_M} 米以内，请到开阔处重新定位`;
  if (!s.sitePhoto) return '请拍摄一张现场照片';
  if (s.faceMode === null) return '正在准备人脸核验，请稍候';
  if (s.faceMode === 'photo' && !s.facePhoto) return '请拍摄本人正面照片用于人脸核验';
  if (s.faceMode === 'wechat' && !s.wechatDone) return '请先完成微信人脸核身';
  return null;
}

/** The result as one line: 签到成功 · 项目负责人 · 距中心 35 米 · 人脸核验通过 (· 行程异常). */
export function resultLine(r: { direction: CheckinDirection; role: string; distanceM: number; faceMatch: boolean; flags: CheckinFlag[] }): string {
  const parts = [`${CHECKIN_DIRECTION_LABELS[r.direction]}成功`, r.role, `距中心 ${Math.round(r.distanceM)} 米`, r.faceMatch ? '人脸核验通过' : '未做人脸核验'];
  for (const f of r.flags) parts.push(`${CHECKIN_FLAG_LABELS[f]}，已通知监管部门核查`);
  return parts.join(' · ');
}

/**
 * The masked ID number as the server sends it, checked before showing (never more than 8 digits visible).
 * @example safeMasked('4420**********0012') // '4420**********0012'
 */
export function safeMasked(s: string): string {
  return (s.match(/\d|X/g) ?? []).length <= 8 ? s : '******************';
}

/** 18 characters, digits with a final digit or X (the server checks the check digit). */
export function idNumberShapeError(v: string): string | null {
  return /^\d{17}[\dXx]$/.test(v.trim()) ? null : '身份证号应为 18 位（最后一位可为 X）';
}

export type { CheckinListView, CheckinView, EnrolmentView, FaceSessionView } from './api';
