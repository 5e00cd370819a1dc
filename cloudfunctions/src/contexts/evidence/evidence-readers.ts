import type { Db } from 'mongodb';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { registerIndexes } from '../../platform/db/indexes';
import { referringScopes } from './blob.repository';

/**
 * Evidence is readable by whoever may read a record it is attached to, judged on the record as it is now
 * (a unit dispatched after the report sees the report's photos). Where each kind of record keeps its files:
 */
const REFERRERS = [
  { collection: 'cases', fields: ['photos', 'history.evidence'], action: 'case.read', kind: 'case' },
  { collection: 'pit_alarms', fields: ['history.evidence'], action: 'alarm.read', kind: 'pit' },
  // shops and complainants see complaint photos through signed links; staff through the grid's case rules
  { collection: 'plaque_complaints', fields: ['photos', 'fix.photos'], action: 'case.read', kind: 'case' },
] as const;
for (const r of REFERRERS) registerIndexes(r.collection, r.fields.map((f) => ({ key: { [f]: 1 } })));

export async function mayReadViaRecords(db: Db, actor: NonNullable<Actor>, sha: string): Promise<boolean> {
  for (const r of REFERRERS) {
    const scopes = await referringScopes(db, r.collection, r.fields, sha, 20);
    if (scopes.some((scope) => can(actor, r.action, { kind: r.kind, scope }).allow)) return true;
  }
  return false;
}
