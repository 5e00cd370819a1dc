import type { Db } from 'mongodb';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { system } from '../../platform/system';
import { referringScopes } from './blob.repository';

/**
 * Evidence is readable by whoever may read a record it is attached to, judged on the record as it is now
 * (a unit dispatched after the report sees the report's photos). Each context names where its records keep
 * files (`evidenceReferrers` of its module).
 */
export async function mayReadViaRecords(db: Db, actor: NonNullable<Actor>, sha: string): Promise<boolean> {
  for (const r of system().evidenceReferrers) {
    const scopes = await referringScopes(db, r.collection, r.fields, sha, 20);
    if (scopes.some((scope) => can(actor, r.action, { kind: r.kind, scope }).allow)) return true;
  }
  return false;
}
