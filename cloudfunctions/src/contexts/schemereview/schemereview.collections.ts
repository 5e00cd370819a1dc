import type { Scope } from '@cityloop/shared/policy/scope';
import type { DangerLevel } from '@cityloop/shared/dangerous-works/classify-dangerous-work';
import type { ExclusionReason } from '@cityloop/shared/dangerous-works/expert-draw';
import type { ReviewConclusion } from '@cityloop/shared/dangerous-works/review-outcome';
import type { ExpertState, ReviewState, SchemeState } from '@cityloop/shared/dangerous-works/review.limits';
import type { AggregateBase } from '../../platform/aggregate';
import type { ImportRecord } from '../../platform/staged-import';
import type { CollectionIndexes } from '../../platform/context-module';

type Point = { lng: number; lat: number; accuracy?: number };

/** A sub-item (分部分项工程) of a project, with its classification (classifyDangerousWork). */
export type DwItem = {
  id: string;
  name: string;
  category: string;
  fields: Record<string, number | boolean | string | null>;
  level: DangerLevel;
  specialSchemeRequired: boolean;
  expertReviewRequired: boolean;
  /** its 专项施工方案 (one per 危大 item), created when the item first needs one */
  schemeId: string | null;
};

/** A construction project's 危大工程 register: participants (回避) and sub-items. `_id` is the project id of the parties' bindings. */
export type DwProject = AggregateBase & {
  name: string;
  address: string;
  location?: Point;
  participants: { role: string; org: string }[];
  items: DwItem[];
  projectLevel: DangerLevel;
  /** the pit monitoring project of a 深基坑 (pit context) */
  pitProjectId?: string;
  scope: Scope & { projectId: string; townId: string };
  createdAt: Date;
  updatedAt: Date;
};

export type SchemeVersion = { no: number; scheme: string; calculations: string; drawings: string; note: string; uploadedAt: Date; uploadedBy: string };

/** 专项施工方案 of one sub-item; every uploaded version is kept (returns and revisions keep their history). */
export type Scheme = AggregateBase & {
  projectId: string;
  itemId: string;
  itemName: string;
  category: string;
  level: DangerLevel;
  state: SchemeState;
  versions: SchemeVersion[];
  signedVersion?: number;
  approvedVersion?: number;
  /** the version the last review judged, and its conclusion */
  reviewedVersion?: number;
  lastConclusion?: ReviewConclusion;
  revisionToInform: boolean;
  reviewIds: string[];
  scope: Scope & { projectId: string };
  createdAt: Date;
  updatedAt: Date;
};

export type Invitation = {
  expertId: string;
  userId: string;
  name: string;
  status: 'invited' | 'accepted' | 'declined' | 'expired';
  invitedAt: Date;
  deadline: Date;
  answeredAt?: Date;
  reason?: string;
};
export type PoolEntry = { id: string; specialties: string[]; employer: string | null; status: string };

/** The published record of a draw: enough for anyone to replay it once the seed is revealed. */
export type DrawRecord = {
  commitment: string;
  /** AES-256-GCM of the seed under the server's key; never answered */
  seedSealed: string;
  /** revealed after the meeting (report) */
  seed: string | null;
  drawnAt?: Date;
  participants: string[];
  declaredConflicts: string[];
  pool: PoolEntry[];
  eligible: string[];
  excluded: Record<string, ExclusionReason>;
  order: string[];
};

export type Consultation = {
  id: string;
  alarmId: string;
  alarmLevel: string;
  at: Date;
  by: string;
  draw: DrawRecord;
  invite: string[];
  notInvited: Record<string, string>;
  supplementary: string[];
  experts: { expertId: string; userId: string; name: string }[];
  opinion?: { text: string; by: string; at: Date };
};

/** 专家论证: one review of one scheme version of a 超规模 sub-item. */
export type Review = AggregateBase & {
  projectId: string;
  projectName: string;
  schemeId: string;
  schemeVersion: number;
  itemId: string;
  itemName: string;
  category: string;
  specialty: string;
  state: ReviewState;
  meetingAt: Date;
  venue: string;
  venueLocation: Point;
  draw: DrawRecord;
  invitations: Invitation[];
  /** each from the expert's check-in at the venue (`checkinId`, contexts/checkin): where, its photo, how far */
  signIns: { expertId: string; at: Date; checkinId: string; gps: Point; photo: string; distanceM: number }[];
  opinions: { expertId: string; text: string; conclusion: ReviewConclusion; signed: boolean; at: Date }[];
  report?: { conclusion: ReviewConclusion; summary: string; document?: string; signers: string[]; nextStep: string; by: string; at: Date; /** set once the scheme and the experts' records followed (report-follow-up.ts) */ followedUpAt?: Date };
  informed?: { at: Date; note: string; schemeVersion: number };
  archive?: { at: Date; documents: { label: string; sha256: string }[]; trailHash: string };
  pitProjectId?: string;
  consultations: Consultation[];
  scope: Scope & { projectId: string; townId: string; expertUserIds: string[] };
  createdAt: Date;
  updatedAt: Date;
};

export type IntegrityEntry = { at: Date; kind: 'good' | 'bad'; note: string; reviewId?: string; by: string | null };

/** An expert of the city's library. */
export type Expert = AggregateBase & {
  name: string;
  userId: string;
  title: string;
  years: number;
  richExperience: boolean;
  specialties: string[];
  employer: string | null;
  state: ExpertState;
  integrity: IntegrityEntry[];
  /** reviews sat (accepted invitations), for load statistics */
  reviewsSat: number;
  lastYearlyReview?: Date;
  /** from an import sheet: the ID number, masked (the full number is not kept) */
  idNumberMasked?: string;
  /** a staged import's row: false until its batch is committed and finished (platform/staged-import.ts) */
  active?: boolean;
  importBatch?: string;
  scope: Scope;
  createdAt: Date;
  updatedAt: Date;
};

/** The commit record of one expert import batch (platform/staged-import.ts). */
export type ExpertImport = ImportRecord & { cityId: string; fileName: string; actorId: string; requestId?: string };

export const DW_PROJECTS = 'dw_projects';
export const DW_SCHEMES = 'dw_schemes';
export const DW_REVIEWS = 'dw_reviews';
export const DW_EXPERTS = 'dw_experts';
export const DW_EXPERT_IMPORTS = 'dw_expert_imports';

export const SCHEMEREVIEW_INDEXES: CollectionIndexes[] = [
  { collection: DW_PROJECTS, indexes: [{ key: { 'scope.cityId': 1, 'scope.townId': 1 } }, { key: { pitProjectId: 1 } }] },
  { collection: DW_SCHEMES, indexes: [{ key: { projectId: 1, itemId: 1 }, unique: true }] },
  { collection: DW_REVIEWS, indexes: [{ key: { projectId: 1, createdAt: -1 } }, { key: { state: 1 } }, { key: { pitProjectId: 1 } }, { key: { 'scope.expertUserIds': 1 } }] },
  { collection: DW_EXPERTS, indexes: [{ key: { userId: 1 }, unique: true }, { key: { 'scope.cityId': 1, state: 1 } }, { key: { importBatch: 1 } }] },
  { collection: DW_EXPERT_IMPORTS, indexes: [{ key: { state: 1, createdAt: 1 } }] },
];
export const SCHEMEREVIEW_OUTBOX_SOURCES = [DW_PROJECTS, DW_SCHEMES, DW_REVIEWS, DW_EXPERTS];
