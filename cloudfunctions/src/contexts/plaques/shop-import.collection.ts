import type { RoleBinding } from '@cityloop/shared/identity/roles';
import type { CollectionIndexes } from '../../platform/context-module';

/**
 * One shop import (import-shops.ts): the commit record of a staged write, the same protocol as
 * facility imports (facility-import.collection.ts). Its `state` alone decides whether the batch's shops exist:
 *   staging     owners and shops being inserted (`active: false`); stale after 1 h → rolled_back
 *   committed   everything inserted and visible; role grants, patrol rules and `active` may lag → rolled forward
 *   done        finished
 *   rolled_back the batch's shops and the owner accounts it created deleted (or being deleted)
 */
export type ShopImport = {
  _id: string; // `sb_…`
  cityId: string;
  state: 'staging' | 'committed' | 'done' | 'rolled_back';
  rows: number;
  /** shopOwner bindings for owners who already had an account, applied after the commit */
  grants: { userId: string; binding: RoleBinding }[];
  actorId: string;
  requestId?: string;
  reason?: string;
  createdAt: Date;
  updatedAt: Date;
};

export const SHOP_IMPORTS = 'shop_imports';
export const SHOP_IMPORT_INDEXES: CollectionIndexes[] = [
  { collection: SHOP_IMPORTS, indexes: [{ key: { state: 1, updatedAt: 1 } }] },
];
