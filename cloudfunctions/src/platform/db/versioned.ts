import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { conflict, notFound } from '@cityloop/shared/errors';

/**
 * The only way aggregates change: one update guarded by `{_id, version}` that bumps the version.
 * A concurrent writer gets `Conflict`, never a lost update.
 */
export async function versionedUpdate<T extends Document & { _id: string; version: number }>(
  coll: Collection<T>,
  current: { _id: string; version: number },
  update: UpdateFilter<T>,
): Promise<void> {
  const u = update as Record<string, Record<string, unknown> | undefined>;
  const withVersion = { ...u, $inc: { ...(u.$inc ?? {}), version: 1 } } as unknown as UpdateFilter<T>;
  const r = await coll.updateOne({ _id: current._id, version: current.version } as Filter<T>, withVersion);
  if (r.matchedCount === 1) return;
  const exists = await coll.countDocuments({ _id: current._id } as Filter<T>, { limit: 1 });
  throw exists ? conflict() : notFound();
}
