import type { Scope } from '@cityloop/shared/policy/scope';
import type { Grade, ScoreRules } from '@cityloop/shared/plaques/score';
import type { Duty } from '@cityloop/shared/plaques/duties';
import type { FrontageZone } from '@cityloop/shared/plaques/shop-import';
import type { ComplaintState } from '@cityloop/shared/plaques/plaque.limits';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';
import type { CodeResolver } from '../../platform/codes/code-resolvers';

import { findVisibleShop } from './shop.repository';

export { DUTIES, type Duty } from '@cityloop/shared/plaques/duties';

/** 责任户 with its 智能责任牌: the id (`pq_…`) is what the plaque's signed code carries. */
export type Shop = AggregateBase & {
  name: string;
  licenceNo: string;
  address: string;
  location: { lng: number; lat: number };
  /** the owner's account holds their phone (stored once); `name` is what the plaque shows, masked */
  owner: { userId: string; name: string };
  /** 门前三包责任区: frontage × depth in metres, and the drawn polygon (GCJ-02) when the import had one */
  zone: FrontageZone;
  duties: Duty[];
  scope: Scope;
  score: number;
  grade: Grade;
  gradeHistory: { at: Date; score: number; grade: Grade }[];
  createdAt: Date;
  /**
   * Staged imports (import-shops.ts): shops are written `active: false` under their batch and become
   * visible when the batch's commit record (shop_imports) says `committed`. Absent = active (the seed).
   */
  active?: boolean;
  importBatch?: string;
  /**
   * The owner's one-time 绑定码 (owner-binding.ts): the code is derived from `nonce` with the server's code
   * secret, so the printed kit can show it again; only its sha256 is searchable. `boundAt`: used.
   */
  ownerBinding?: { nonce: string; codeHash: string; boundAt?: Date; boundBy?: string };
  /** sha256 of what the import set (name, address, place, owner, zone, duties): an identical re-import is a no-op */
  importHash?: string;
};

export type { ComplaintState } from '@cityloop/shared/plaques/plaque.limits';

/** 门前三包 complaint: goes to the shop first; escalates into the case loop when overdue, disputed or repeated. */
export type PlaqueComplaint = AggregateBase & {
  shopId: string;
  shopName: string;
  classCode: string;
  className: string;
  description: string;
  photos: string[];
  location?: { lng: number; lat: number; accuracy?: number };
  /** never shown to the shop or the public */
  complainantId: string;
  state: ComplaintState;
  deadline: Date;
  fix?: { photos: string[]; note: string; at: Date; inTime: boolean };
  caseId?: string;
  escalationReason?: 'overdue' | 'disputed' | 'repeated';
  /** the complainant's reason for disputing the shop's fix (shown to the owner, carried to the enforcement case) */
  dispute?: { reason: string; at: Date };
  /** why it went to the grid's area chief instead of the shop (商户尚未绑定账号) */
  referralReason?: string;
  /** counts in the score: the shop fixed it (confirmed) or it was verified through the case loop */
  verified: boolean;
  /** 'timeout': confirmed by the scheduler, the complainant not having answered the fix in time */
  settledBy?: 'timeout';
  /** the shop's 申诉 against counting it; upheld → not counted */
  appeal?: { reason: string; at: Date; status: 'pending' | 'upheld' | 'rejected'; decidedBy?: string; note?: string };
  scope: Scope;
  createdAt: Date;
  updatedAt: Date;
};

/** A city's score rules (docs/domain/city.md §4.3) as data: one document per city, edited by its admin, versioned. */
export type ScoreRulesDoc = ScoreRules & { _id: string; version: number; updatedBy?: string; updatedAt?: Date };

export const SCORE_RULES = 'score_rules';
export const SHOPS = 'shops';
export const PLAQUE_COMPLAINTS = 'plaque_complaints';
export const PLAQUE_INDEXES: CollectionIndexes[] = [
  { collection: SHOPS, indexes: [{ key: { licenceNo: 1 }, unique: true }, { key: { 'owner.userId': 1 } }, { key: { 'scope.gridId': 1 } }, { key: { importBatch: 1, active: 1 } }, { key: { 'ownerBinding.codeHash': 1 }, unique: true, sparse: true }] },
  { collection: PLAQUE_COMPLAINTS, indexes: [{ key: { shopId: 1, createdAt: -1 } }, { key: { state: 1, deadline: 1 } }, { key: { complainantId: 1, createdAt: -1 } }, { key: { 'appeal.status': 1, 'scope.gridId': 1 } }] },
];
/** Aggregates whose documents carry messages waiting to be sent (swept by the notify timer). */
export const PLAQUE_OUTBOX_SOURCES = [SHOPS, PLAQUE_COMPLAINTS];


/** What a scanned plaque code (`pq_…`) shows. */
export const resolvePlaqueCode: CodeResolver = async (db, id) => {
  const s = await findVisibleShop(db, id, { name: 1, address: 1, grade: 1, score: 1, location: 1, scope: 1 });
  if (!s) return null;
  return { kind: 'plaque', id: s._id, title: s.name, subtitle: `门前三包责任户 · ${s.grade} 级（${s.score} 分）`, page: '/packages/plaque/pages/view/index', data: { address: s.address, grade: s.grade, score: s.score, location: s.location } };
};
