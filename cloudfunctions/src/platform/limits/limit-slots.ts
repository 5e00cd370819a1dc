import type { Db } from 'mongodb';
import { rateLimited } from '@cityloop/shared/errors';
import type { CollectionIndexes } from '../context-module';

/**
 * Flood limits that hold under concurrency ("at most N in any window of W"). A count followed by an insert is no
 * limit: 40 requests at once all count 0 and all insert. Instead each key owns N slot documents; taking one is a
 * single atomic update that moves a free slot's `until` (when it frees) forward. When no slot is free the limit is
 * reached. Exact sliding windows, the same answer as counting the last W, one round trip once the slots exist.
 * (On FerretDB the one-connection rule (db/client.ts) serialises the updates; on MongoDB each update is atomic.)
 */
export type LimitSlot = { _id: string; key: string; until: Date };
export const LIMIT_SLOTS = 'limit_slots';
export const LIMIT_SLOT_INDEXES: CollectionIndexes[] = [{ collection: LIMIT_SLOTS, indexes: [{ key: { key: 1, until: 1 } }, { key: { until: 1 } }] }];

export type Window = { name: string; ms: number; max: number };
/** A limit: its windows, and the Chinese sentence a refused caller reads. */
export type Limit = { windows: Window[]; message: string };
export type Taken = { release(): Promise<void> };

const slots = (db: Db) => db.collection<LimitSlot>(LIMIT_SLOTS);
const slotKey = (key: string, w: Window) => `${key}|${w.name}`;

/** Windows larger than this make their slots as they are needed, this many at a time, not all at first use. */
const CHUNK = 100;

async function takeOne(db: Db, key: string, w: Window, now: Date): Promise<{ id: string; before: Date } | null> {
  const k = slotKey(key, w);
  const claim = () => slots(db).findOneAndUpdate({ key: k, until: { $lte: now } }, { $set: { until: new Date(now.getTime() + w.ms) } }, { returnDocument: 'before', sort: { until: 1 } });
  const create = async (fresh: LimitSlot[]) => {
    await slots(db).insertMany(fresh, { ordered: false }).catch((e: { code?: number; writeErrors?: unknown[]; message?: string }) => {
      // slots another request created first are fine (FerretDB may say so only in words)
      if (e.code !== 11000 && !e.writeErrors && !/duplicate|UNIQUE constraint/i.test(e.message ?? '')) throw e;
    });
  };
  let got = await claim();
  if (!got && w.max <= CHUNK) {
    // The key's slots may not exist yet (or were purged, or a concurrent first request is creating them): create
    // the missing ones, free, and try once more — the second try also sees slots another request just created.
    const count = await slots(db).countDocuments({ key: k });
    if (count < w.max) await create(Array.from({ length: w.max }, (_, i) => ({ _id: `${k}#${i}`, key: k, until: new Date(0) })));
    got = await claim();
  }
  // A large window (a partner's 5000 a day): inserting all its slots at first use, by every concurrent first
  // request, stalled the one FerretDB connection (the harness's races). Make the next CHUNK missing ones (ids fixed
  // by number, so never more than max) and try again, until a slot is taken or all max exist and are taken.
  for (let round = 0; !got && w.max > CHUNK && round <= w.max / CHUNK + 1; round++) {
    const existing = new Set((await slots(db).find({ key: k }, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    if (existing.size >= w.max) return null;
    const fresh: LimitSlot[] = [];
    for (let i = 0; i < w.max && fresh.length < CHUNK; i++) if (!existing.has(`${k}#${i}`)) fresh.push({ _id: `${k}#${i}`, key: k, until: new Date(0) });
    await create(fresh);
    got = await claim();
  }
  return got ? { id: got._id, before: got.until } : null;
}

/**
 * Takes a slot in every window of the limit, or none: throws 429 with the limit's message (and which window,
 * for logs) when one is full. `release()` gives the slots back (the request failed before it counted).
 * @example await takeSlots(db, `report:${userId}`, REPORT_LIMIT, now)
 */
export async function takeSlots(db: Db, key: string, limit: Limit, now: Date): Promise<Taken> {
  const taken: { id: string; before: Date }[] = [];
  const release = async () => {
    for (const t of taken.splice(0)) await slots(db).updateOne({ _id: t.id }, { $set: { until: t.before } });
  };
  for (const w of limit.windows) {
    const t = await takeOne(db, key, w, now);
    if (!t) {
      await release();
      throw rateLimited(limit.message);
    }
    taken.push(t);
  }
  return { release };
}

/** Slots free for a day are forgotten (they are recreated free when next needed). */
export async function purgeIdleSlots(db: Db, now: Date): Promise<number> {
  return (await slots(db).deleteMany({ until: { $lt: new Date(now.getTime() - 86_400_000) } })).deletedCount;
}
