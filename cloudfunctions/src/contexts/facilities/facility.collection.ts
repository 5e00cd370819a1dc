import type { Scope } from '@cityloop/shared/policy/scope';
import type { CollectionIndexes } from '../../platform/context-module';

/** A road, lane, station or facility that carries a city service code (GB/T 30428 component). */
export type Facility = {
  _id: string; // `fc_…`, the id inside the printed code
  componentId: string; // 16-digit GB/T 30428 id
  classCode: string; // 大类+小类, e.g. '0101'
  name: string;
  location: { lng: number; lat: number };
  scope: Scope; // cityId, townId, gridId, orgIds (maintaining unit); public: true — the grid's 片长 is read from the grid
  /** `retired` facilities answer 该设施已停用 on scan and route nothing (edit-facility.ts) */
  retired?: boolean;
  retiredAt?: Date;
  retiredReason?: string;
  maintainerName?: string;
  address?: string;
  /**
   * Staged imports (import-facilities.ts): rows are written `active: false` under their batch and become
   * visible when the batch's commit record (facility_imports) says `committed`; the clean-up job then
   * flips `active` to true. Absent = active (facilities written before imports existed, the seed).
   */
  active?: boolean;
  importBatch?: string;
  createdAt: Date;
  version: number;
};
export const FACILITIES = 'facilities';
export const FACILITY_INDEXES: CollectionIndexes[] = [
  { collection: FACILITIES, indexes: [{ key: { componentId: 1 }, unique: true }, { key: { 'scope.townId': 1, 'scope.gridId': 1 } }, { key: { importBatch: 1, active: 1 } }, { key: { active: 1, createdAt: 1 } }] },
];
