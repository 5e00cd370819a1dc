import * as z from 'zod';
import { chinaPointSchema, recordVersionSchema, sha256Schema } from '../platform/request.contract';
import { CATEGORY_LABELS, EXPERT_SPECIALTIES, EXPERT_TITLES, PARTICIPANT_ROLE_LABELS } from './review.limits';
import { REVIEW_CONCLUSIONS } from './review-outcome';

/** Request schemas of the 危大工程 expert review API (routes parse with these; the pages use the inferred types). */

const text = (max: number, message = '请填写') => z.string().trim().min(1, message).max(max);
const doc = sha256Schema('文件须先上传（以 SHA-256 引用）');

/** A sub-item: its name, category and the numbers its category is classified by (checked by classifyDangerousWork). */
export const subItemSchema = z.object({
  name: text(60, '请填写分项名称'),
  category: z.string().refine((c) => Object.hasOwn(CATEGORY_LABELS, c), '未知的分项类别'),
  fields: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()])).default({}),
});
export const participantSchema = z.object({ role: z.string().refine((r) => Object.hasOwn(PARTICIPANT_ROLE_LABELS, r), '未知的参建单位类型'), org: text(60, '请填写单位名称') });

export const registerProjectRequest = z.object({
  name: text(60, '请填写工程名称'),
  address: text(100, '请填写工程地址'),
  townId: text(40, '请选择镇街'),
  location: chinaPointSchema.optional(),
  participants: z.array(participantSchema).min(1, '请填写参建单位').max(30),
  items: z.array(subItemSchema).max(40).default([]),
  /** a 深基坑 project's monitoring project in the pit domain */
  pitProjectId: z.string().max(40).optional(),
});
export type RegisterProjectBody = z.input<typeof registerProjectRequest>;
export type RegisterProject = z.output<typeof registerProjectRequest>;

export const addItemRequest = subItemSchema.extend({ version: recordVersionSchema });
export const changeItemRequest = z.object({ fields: subItemSchema.shape.fields, reason: text(200, '请说明变更原因'), version: recordVersionSchema });

export const uploadSchemeRequest = z.object({ scheme: doc, calculations: doc, drawings: doc, note: z.string().trim().max(200).default(''), version: recordVersionSchema });
export const schemeActionRequest = z.object({ note: z.string().trim().max(300).default(''), version: recordVersionSchema });

export const applyReviewRequest = z.object({
  meetingAt: z.iso.datetime({ message: '请选择论证会时间' }),
  venue: text(100, '请填写论证会地点'),
  venueLocation: chinaPointSchema,
  /** experts with a declared conflict (scheme author, close relatives), by library id */
  declaredConflicts: z.array(z.string().max(40)).max(50).default([]),
  version: recordVersionSchema,
});

export const respondRequest = z.object({ accept: z.boolean(), reason: z.string().trim().max(200).default('') });
// POST /api/reviews/:id/sign-in has no body: it records the expert's check-in at the venue (POST /api/checkins, site kind review_meeting)
export const opinionRequest = z.object({ text: text(2000, '请填写专家意见'), conclusion: z.enum(REVIEW_CONCLUSIONS), sign: z.boolean() });
export const reportRequest = z.object({ conclusion: z.enum(REVIEW_CONCLUSIONS), summary: text(2000, '请填写论证意见汇总'), document: doc.optional(), version: recordVersionSchema });
export const informRequest = z.object({ note: text(500, '请说明修改情况'), version: recordVersionSchema });

export const expertApplicationRequest = z.object({
  name: text(20, '请填写姓名'),
  phone: z.string().regex(/^1\d{10}$/, '手机号应为 11 位'),
  title: z.enum(EXPERT_TITLES),
  years: z.number().int().nonnegative().max(70),
  richExperience: z.boolean().default(false),
  badCredit: z.boolean().default(false),
  specialties: z.array(z.string().refine((s) => Object.hasOwn(EXPERT_SPECIALTIES, s), '未知的专业')).min(1, '请选择专业').max(6),
  employer: z.string().trim().max(60).nullable().default(null),
});
export type ExpertApplicationBody = z.input<typeof expertApplicationRequest>;
export const expertActionRequest = z.object({ action: z.enum(['admit', 'suspend', 'reinstate', 'remove', 'yearly_review']), note: z.string().trim().max(300).default(''), pass: z.boolean().optional(), version: recordVersionSchema });
export const integrityRequest = z.object({ kind: z.enum(['good', 'bad']), note: text(300, '请填写诚信记录内容'), reviewId: z.string().max(40).optional(), version: recordVersionSchema });
export const employerRequest = z.object({ employer: z.string().trim().max(60).nullable(), version: recordVersionSchema });

/** POST /api/experts/import — the city's library from an xlsx/CSV sheet: dry run (`commit: false`) or all rows or none. */
export const expertImportRequest = z.object({
  cityId: z.string().min(1).max(40),
  fileName: z.string().trim().min(1).max(120),
  contentBase64: z.string().min(4, '文件为空').max(1_000_000, '文件过大（上限约 700 KB），请拆分后导入'),
  commit: z.boolean().default(false),
});
export type ExpertImportBody = z.input<typeof expertImportRequest>;
export interface ExpertImportView {
  committed: boolean;
  batch: string | null;
  rows: number;
  imported: number;
  problems: { row: number; field: string; message: string }[];
  preview: { row: number; name: string; title: string; specialties: string[]; employer: string | null }[];
}

/** GET /api/experts/me — the caller's place in the library and the work waiting for them (their invitations page). */
export interface MyExpertWork {
  expert: { id: string; name: string; state: string; stateLabel: string } | null;
  items: {
    reviewId: string; projectName: string; itemName: string; category: string; meetingAt: string; venue: string; reviewState: string;
    invitation: { status: string; statusLabel: string; deadline: string };
    /** what the expert does next: reply, sign in at the meeting, write an opinion, wait for the report, nothing */
    next: 'reply' | 'sign_in' | 'opinion' | 'report' | 'none';
    signedIn: boolean;
    opinionGiven: boolean;
  }[];
  /** alarm consultations awaiting this expert's joint opinion */
  consultations: { reviewId: string; consultationId: string; projectName: string; itemName: string; alarmLevel: string }[];
}

/** One expert as the library's keeper sees it (GET /api/experts). */
export interface ExpertFull extends ExpertPublic {
  state: string;
  version: number;
  years: number;
  richExperience: boolean;
  specialtyCodes: string[];
  reviewsSat: number;
  idNumberMasked: string | null;
  integrity: { at: string; kind: 'good' | 'bad'; note: string; reviewId: string | null }[];
  lastYearlyReview: string | null;
  /** `expertAdmission` on what the record says now: the reasons it would refuse (empty: admissible) */
  admission: { admissible: boolean; reasons: string[] };
  history: TrailEntry[];
}

export const consultRequest = z.object({ note: z.string().trim().max(300).default('') });
export const consultOpinionRequest = z.object({ text: text(2000, '请填写联合意见') });

// Response shapes the pages read (the presenters in cloudfunctions/src/contexts/schemereview/review-trail.ts give more).

export interface ReviewSummary { id: string; projectName: string; itemName: string; category: string; state: string; stateLabel: string; conclusion: string | null; meetingAt: string; venue: string }
export interface ReviewPublic { id: string; projectName: string; itemName: string; category: string; state: string; stateLabel: string; conclusion: string | null }
export interface ReviewDetail extends ReviewPublic {
  version: number;
  projectId: string;
  schemeId: string;
  informed: { at: string; note: string; schemeVersion: number } | null;
  history: TrailEntry[];
  specialty: string;
  meetingAt: string;
  venue: string;
  namesVisible: boolean;
  draw: { commitment: string; seed: string | null; drawnAt: string | null; eligibleCount: number; excludedCount: number };
  invitations: { n: number; name: string; expertId?: string; status: string; statusLabel: string; deadline: string }[];
  signIns: { name: string; at: string; distanceM: number }[];
  opinions: { name: string; expertId?: string; text: string; conclusion: string; signed: boolean }[];
  report: { conclusion: string; summary: string; signers: string[]; nextStep: string; at: string } | null;
  archive: { at: string; documents: { label: string; sha256: string }[]; trailHash: string } | null;
  consultations: { id: string; alarmId: string; alarmLevel: string; experts: string[]; supplementary: number; notInvited: number; opinion: { text: string } | null }[];
  myInvitation: { status: string; deadline: string; signedIn: boolean } | null;
  /** the caller is one of the experts invited to an alarm consultation (by consultation id) */
  myConsultations?: string[];
  codeUrl: string | null;
}
export interface ExpertPublic { id: string; name: string; title: string; specialties: string[]; employer: string | null; stateLabel: string }

export interface DwItemView { id: string; name: string; category: string; categoryLabel: string; fields: Record<string, number | boolean | string | null>; level: string; specialSchemeRequired: boolean; expertReviewRequired: boolean; schemeId: string | null }
export interface DwProjectView { id: string; version: number; name: string; address: string; townId: string; location: { lng: number; lat: number } | null; projectLevel: string; pitProjectId: string | null; participants: { role: string; org: string }[]; items: DwItemView[] }
export interface DwProjectDetail extends DwProjectView { needs: { itemId: string; needs: string }[]; schemes: { id: string; itemId: string; itemName: string; state: string; level: string }[] }
export interface TrailEntry { action: string; at: string; role: string | null; from: string | null; to: string | null; reason: string | null }
export interface SchemeDetail {
  id: string; version: number; projectId: string; itemId: string; itemName: string; category: string; level: string; state: string; stateLabel: string;
  versions: { no: number; scheme: string; calculations: string; drawings: string; note: string; uploadedAt: string }[];
  signedVersion: number | null; approvedVersion: number | null; reviewedVersion: number | null; lastConclusion: string | null; revisionToInform: boolean;
  reviewIds: string[]; history: TrailEntry[]; reviews: { id: string; state: string; conclusion: string | null; createdAt: string }[];
}
export interface ReviewStats {
  reviews: number;
  byCategory: { key: string; label: string; n: number }[];
  byTown: { key: string; n: number }[];
  byState: { key: string; label: string; n: number }[];
  byOutcome: { key: string; n: number }[];
  expertsBySpecialty: { key: string; label: string; active: number }[];
  expertLoad: { id: string; name: string; reviewsSat: number }[];
  expertsByState: { key: string; label: string; n: number }[];
}
