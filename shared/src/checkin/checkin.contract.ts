/**
 * The check-in API (`/api/checkins*`): request schemas the routes parse with and the `data` they answer.
 * The mini-program imports the types only.
 */
import * as z from 'zod';
import { sha256Schema } from '../platform/request.contract';
import type { CheckinDirection, CheckinFlag } from './checkin.limits';

const siteKind = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '场所类型无效');
const siteId = z.string().min(1, '请指明场所').max(80);

/** The 18-character resident ID number (last character a digit or X), checked with its ISO 7064 check digit. */
export const idNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^\d{17}[\dX]$/, '身份证号应为 18 位').refine(idNumberCheckDigitOk, '身份证号校验位不正确'));

/** GB 11643 check digit. @example idNumberCheckDigitOk('11010519491231002X') // true */
export function idNumberCheckDigitOk(id: string): boolean {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const C = '10X98765432';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * W[i];
  return C[sum % 11] === id[17];
}

/** POST /api/checkins/enrolment — the person enrols themself. */
export const enrolmentRequest = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(30),
  idNumber: idNumberSchema,
  photoHash: sha256Schema('请上传本人正面照片'),
});
export type EnrolmentBody = z.input<typeof enrolmentRequest>;

/** POST /api/checkins/face-session. */
export const faceSessionRequest = z.object({ siteKind, siteId, h5: z.boolean().optional() });
export type FaceSessionBody = z.input<typeof faceSessionRequest>;

/** POST /api/checkins. */
export const checkinRequest = z.object({
  siteKind,
  siteId,
  direction: z.enum(['in', 'out']),
  gps: z.object({ lng: z.number().min(73).max(136), lat: z.number().min(3).max(54), accuracyM: z.number().nonnegative().max(100_000) }),
  photoHash: sha256Schema('请拍摄现场照片'),
  face: z.union([z.object({ verifyId: z.string().min(8).max(128) }), z.object({ photoHash: sha256Schema('请拍摄人脸照片') })]).optional(),
});
export type CheckinBody = z.input<typeof checkinRequest>;

/** GET /api/checkins?siteKind&siteId. */
export const checkinListQuery = z.object({ siteKind, siteId });

// Responses -----------------------------------------------------------------------------------------------

export type EnrolmentView = { name: string; idNumberMasked: string; photoHash: string; enrolledAt: string };
export type FaceSessionView = { mode: 'wechat'; verifyId: string } | { mode: 'photo' } | { mode: 'none' };
export type CheckinView = {
  id: string;
  at: string;
  siteName: string;
  role: string;
  direction: CheckinDirection;
  inGeofence: boolean;
  distanceM: number;
  faceMatch: boolean;
  flags: CheckinFlag[];
  chainHash: string;
};
export type CheckinListView = {
  site: { kind: string; siteId: string; name: string; role: string | null };
  checkins: (CheckinView & { userName: string; seq: number })[];
  chainIntact: boolean;
};
