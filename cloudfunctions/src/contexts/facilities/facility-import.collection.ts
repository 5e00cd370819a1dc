import type { CollectionIndexes } from '../../platform/context-module';

/**
 * One facility import: the commit record of a staged write (import-facilities.ts). Its `state` is the
 * single document that decides whether the batch's rows exist, so a crash at any point is settled the
 * same way by the clean-up job:
 *   staging     rows being inserted (`active: false`); stale after 1 h → rolled_back, rows deleted
 *   committed   every row inserted; activation may be incomplete → always rolled forward
 *   done        every row active
 *   rolled_back rows deleted (or being deleted)
 */
export type FacilityImport = {
  _id: string; // `fb_…`
  cityId: string;
  format: 'csv' | 'geojson';
  state: 'staging' | 'committed' | 'done' | 'rolled_back';
  rows: number;
  actorId: string;
  requestId?: string;
  reason?: string;
  createdAt: Date;
  updatedAt: Date;
};

export const FACILITY_IMPORTS = 'facility_imports';
export const FACILITY_IMPORT_INDEXES: CollectionIndexes[] = [
  { collection: FACILITY_IMPORTS, indexes: [{ key: { state: 1, updatedAt: 1 } }] },
];
