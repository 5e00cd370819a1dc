import type { Scope } from '@cityloop/shared/policy/scope';
import type { CheckinRecord } from '@cityloop/shared/checkin/checkin.types';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

/** Stored check-ins (one document each; a site's documents form its hash chain by `seq`). */
export const CHECKINS = 'checkins';
/** The end of each site's chain (a cache of the records: repaired from them on a collision). */
export const CHECKIN_HEADS = 'checkin_heads';
/** Enrolled people (one per user: name, encrypted ID number, enrolled photo, their last check-in). */
export const CHECKIN_PEOPLE = 'checkin_people';
/** WeChat face-verification sessions handed out (verifyId → the person and site it was asked for). */
export const CHECKIN_FACE_SESSIONS = 'checkin_face_sessions';

export type FaceEvidence =
  | { mode: 'wechat'; verifyId: string }
  | { mode: 'photo'; photoHash: string; compareScore: number; livenessScore: number }
  | { mode: 'none' };

/** `_id` is the record id (`ck_…`); `chainKey` = `<siteKind>:<siteId>`. */
export type CheckinDoc = AggregateBase &
  Omit<CheckinRecord, 'id'> & {
    chainKey: string;
    scope: Scope;
    siteName: string;
    face: FaceEvidence;
    /** the WeChat verifyId, at top level for its unique (sparse) index: a replay collides */
    verifyId?: string;
    /** the leg from the person's previous check-in that was flagged impossible */
    travel?: { fromCheckinId: string; fromSite: string; distanceM: number; minutes: number; speedKmh: number };
  };

export type ChainHead = { _id: string; seq: number; chainHash: string };

/** AES-256-GCM ciphertext of an ID number: base64 fields (docs/domain/platform.md §4.4). */
export type SealedIdNumber = { iv: string; tag: string; data: string };

export type CheckinPerson = AggregateBase & {
  name: string;
  idNumber: SealedIdNumber;
  /** `4419**********1234`: the only form ever answered */
  idNumberMasked: string;
  photoHash: string;
  enrolledAt: Date;
  updatedAt: Date;
  scope: Scope;
};

export type FaceSession = { _id: string; userId: string; siteKind: string; siteId: string; createdAt: Date };

export const CHECKIN_OUTBOX_SOURCES = [CHECKINS, CHECKIN_PEOPLE];

export const CHECKIN_INDEXES: CollectionIndexes[] = [
  { collection: CHECKINS, indexes: [{ key: { chainKey: 1, seq: 1 }, unique: true }, { key: { userId: 1, at: -1 } }, { key: { verifyId: 1 }, unique: true, sparse: true }] },
  { collection: CHECKIN_FACE_SESSIONS, indexes: [{ key: { userId: 1, createdAt: -1 } }] },
];
