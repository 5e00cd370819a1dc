import type { Db } from 'mongodb';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Scope } from '@cityloop/shared/policy/scope';
import { system } from '../../platform/system';

/**
 * Evidence is readable by whoever may read a record it is attached to, judged on the record as it is now
 * (a unit dispatched after the report sees the report's photos). Each context names where its records keep
 * files (`evidenceReferrers` of its module).
 */
export async function mayReadViaRecords(db: Db, actor: NonNullable<Actor>, sha: string): Promise<boolean> {
  for (const r of system().evidenceReferrers) {
    const docs = await db
      .collection<{ _id: string; scope: Scope }>(r.collection)
      .find({ $or: r.fields.map((f) => ({ [f]: sha })) }, { projection: { scope: 1 } })
      .limit(20)
      .toArray();
    if (docs.some((d) => can(actor, r.action, { kind: r.kind, scope: d.scope }).allow)) return true;
  }
  return false;
}
