/**
 * The plaque API (`/api/plaques/*`, `/api/shop/*`, `/api/plaque-complaints/*`, `/api/plaque-appeals/*`):
 * request schemas the routes parse with, and the shapes of the `data` they answer, which the mini-program
 * reads (it imports the types only, never zod).
 */
import * as z from 'zod';
import { MAX_PHOTOS } from '../platform/evidence.limits';
import { recordVersionSchema, sha256Schema } from '../platform/request.contract';
import type { Grade } from './score';
import { APPEAL_REASON_MAX, COMPLAINT_DESCRIPTION_MAX, PLAQUE_NOTE_MAX, PLAQUE_TEXT_MIN, type AppealStatus, type ComplaintState } from './plaque.limits';

// Requests ------------------------------------------------------------------------------------------------

const photo = sha256Schema();

/** POST /api/plaques/:id/complaints. */
export const newComplaintRequest = z.object({
  classCode: z.string().regex(/^\d{4}$/),
  description: z.string().trim().min(PLAQUE_TEXT_MIN, '请描述问题').max(COMPLAINT_DESCRIPTION_MAX),
  photos: z.array(photo).min(1, '请至少上传 1 张现场照片').max(MAX_PHOTOS),
  location: z.object({ lng: z.number(), lat: z.number(), accuracy: z.number().optional() }).optional(),
});
export type NewComplaint = z.input<typeof newComplaintRequest>;

/** POST /api/plaque-complaints/:id/fix. */
export const fixRequest = z.object({ photos: z.array(photo).max(MAX_PHOTOS).default([]), note: z.string().trim().max(PLAQUE_NOTE_MAX).default(''), version: recordVersionSchema });
export type FixBody = z.input<typeof fixRequest>;

/** POST /api/plaque-complaints/:id/answer. */
export const answerRequest = z.object({ answer: z.enum(['confirm', 'dispute']), reason: z.string().trim().max(PLAQUE_NOTE_MAX).optional(), version: recordVersionSchema });
export type AnswerBody = z.input<typeof answerRequest>;

/** POST /api/plaque-complaints/:id/appeal. */
export const appealRequest = z.object({ reason: z.string().trim().min(PLAQUE_TEXT_MIN, '请说明申诉理由').max(APPEAL_REASON_MAX) });

/** GET /api/plaque-appeals. */
export const appealListQuery = z.object({ status: z.enum(['pending', 'decided']).default('pending') });

/** POST /api/plaque-complaints/:id/appeal-decision. */
export const appealDecisionRequest = z.object({ upheld: z.boolean(), note: z.string().trim().max(PLAQUE_NOTE_MAX) });

// Responses -----------------------------------------------------------------------------------------------

export interface TrendPoint {
  at: string;
  score: number;
  grade: Grade;
}

/** A complaint class a citizen may pick (门前三包 事件 small classes) and the duty it falls under. */
export interface ComplaintClass {
  code: string;
  name: string;
  duty: string;
}

/** A complaint as the public sees it on the plaque: no complainant, no photos, description cut to 60. */
export interface PublicComplaint {
  id: string;
  className: string;
  description: string;
  state: ComplaintState;
  stateLabel?: string;
  deadline?: string;
  createdAt: string;
  fixedAt: string | null;
  fixMinutes: number | null;
  fixInTime: boolean | null;
}

/** GET /api/plaque-complaints/mine: the complainant's own complaints (我的上报). */
export interface MyComplaint extends PublicComplaint {
  shopId: string;
  shopName: string;
  escalationReason: 'overdue' | 'disputed' | 'repeated' | null;
}

/** GET /api/plaques/:id (public). */
export interface PlaqueView {
  id: string;
  name: string;
  address: string;
  /** masked (王**); the phone is not public (complaints go through the platform) */
  owner: { name: string };
  duties: string[];
  zone?: { frontageM: number; depthM: number };
  score: number;
  grade: Grade;
  /** Patrol frequency for the grade, e.g. 每周巡查 2 次. */
  patrol: string;
  trend: TrendPoint[];
  recentComplaints: PublicComplaint[];
  complaintClasses: ComplaintClass[];
}

/** GET /api/shop/mine. */
export interface ShopMine {
  id: string;
  name: string;
  score: number;
  grade: Grade;
  patrol: string;
  history: TrendPoint[];
}

/**
 * One complaint as its shop owner (GET /api/shop/complaints, GET /api/plaque-complaints/:id) or its
 * complainant (GET /api/plaque-complaints/:id, `mine: true`) sees it.
 */
export interface ShopComplaint {
  id: string;
  version: number;
  shopId?: string;
  shopName?: string;
  classCode?: string;
  className: string;
  description: string;
  photos: string[];
  state: ComplaintState;
  stateLabel?: string;
  deadline: string;
  createdAt: string;
  fixedAt: string | null;
  fixMinutes?: number | null;
  fixInTime: boolean | null;
  fixPhotos: string[];
  appeal: { status: AppealStatus; reason: string; note: string | null } | null;
  caseId?: string;
  /** GET /api/plaque-complaints/:id: the caller is the complainant. */
  mine?: boolean;
  /** why the complainant disputed the shop's fix (the owner and the complainant read it) */
  disputeReason?: string | null;
  /** GET /api/shop/complaints: the points this complaint takes off the score today, and why (null: not counted) */
  deduction?: { points: number; why: string } | null;
  /** until when the shop may appeal (a counted complaint not yet appealed) */
  appealBy?: string | null;
}
