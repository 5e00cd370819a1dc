import type { Scope } from '@cityloop/shared/policy/scope';
import type { Grade } from '@cityloop/shared/plaques/score';
import type { AggregateBase } from '../../platform/aggregate';
import { registerIndexes } from '../../platform/db/indexes';
import { registerOutboxSource } from '../../platform/outbox/outbox.collections';
import { registerCodeResolver } from '../../platform/codes/code-resolvers';

export const DUTIES = { sanitation: '包卫生', order: '包秩序', greenery: '包绿化' } as const;
export type Duty = keyof typeof DUTIES;

/** 责任户 with its 智能责任牌: the id (`pq_…`) is what the plaque's signed code carries. */
export type Shop = AggregateBase & {
  name: string;
  licenceNo: string;
  address: string;
  location: { lng: number; lat: number };
  owner: { userId: string; name: string; phone: string };
  zone: { frontageM: number; depthM: number };
  duties: Duty[];
  scope: Scope;
  score: number;
  grade: Grade;
  gradeHistory: { at: Date; score: number; grade: Grade }[];
  createdAt: Date;
};

export type ComplaintState = 'open' | 'fixed' | 'confirmed' | 'disputed' | 'escalated';

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
  /** counts in the score: the shop fixed it (confirmed) or it was verified through the case loop */
  verified: boolean;
  /** the shop's 申诉 against counting it; upheld → not counted */
  appeal?: { reason: string; at: Date; status: 'pending' | 'upheld' | 'rejected'; decidedBy?: string; note?: string };
  scope: Scope;
  createdAt: Date;
  updatedAt: Date;
};

export const SHOPS = 'shops';
export const PLAQUE_COMPLAINTS = 'plaque_complaints';
registerIndexes(SHOPS, [{ key: { licenceNo: 1 }, unique: true }, { key: { 'owner.userId': 1 } }, { key: { 'scope.gridId': 1 } }]);
registerIndexes(PLAQUE_COMPLAINTS, [{ key: { shopId: 1, createdAt: -1 } }, { key: { state: 1, deadline: 1 } }, { key: { complainantId: 1, createdAt: -1 } }]);
registerOutboxSource(SHOPS);
registerOutboxSource(PLAQUE_COMPLAINTS);

registerCodeResolver('pq', async (db, id) => {
  const s = await db.collection<Shop>(SHOPS).findOne({ _id: id }, { projection: { name: 1, address: 1, grade: 1, score: 1, location: 1, scope: 1 } });
  if (!s) return null;
  return { kind: 'plaque', id: s._id, title: s.name, subtitle: `门前三包责任户 · ${s.grade} 级（${s.score} 分）`, page: '/packages/plaque/pages/view/index', data: { address: s.address, grade: s.grade, score: s.score, location: s.location } };
});
