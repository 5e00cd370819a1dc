import type { Db } from 'mongodb';

/**
 * Per function instance and database: the check-ins one instance writes at one site take turns for the next link
 * of the site's chain, so they never collide with each other (a collision costs a head read, a failed insert and a
 * wait), and the end of the chain this instance just wrote is remembered, so its next check-in there inserts without
 * reading the head first. Other instances still race on the unique (chainKey, seq) index: a collision forgets what
 * was remembered and the writer reads the head again (record-checkin.ts). What is remembered expires after a minute,
 * so nothing outlives a burst at a site (e.g. a database restored under warm instances).
 */
type Head = { seq: number; chainHash: string };
type PerDb = { turns: Map<string, Promise<void>>; heads: Map<string, Head & { at: number }> };

const REMEMBER_MS = 60_000;
/** Bounds what an instance keeps (a long-lived instance visiting many sites). */
const MAX_HEADS = 5_000;
const perDb = new WeakMap<Db, PerDb>();

function stateOf(db: Db): PerDb {
  let s = perDb.get(db);
  if (!s) perDb.set(db, (s = { turns: new Map(), heads: new Map() }));
  return s;
}

/** Runs `fn` when the check-ins at this chain queued before it in this instance are done. */
export async function inChainTurn<T>(db: Db, chainKey: string, fn: () => Promise<T>): Promise<T> {
  const { turns } = stateOf(db);
  const before = turns.get(chainKey) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  turns.set(chainKey, tail);
  await before;
  try {
    return await fn();
  } finally {
    release();
    if (turns.get(chainKey) === tail) turns.delete(chainKey);
  }
}

/** The end of the chain this instance wrote last, if recent. */
export function rememberedHead(db: Db, chainKey: string, now = Date.now()): Head | undefined {
  const h = stateOf(db).heads.get(chainKey);
  return h && now - h.at < REMEMBER_MS ? { seq: h.seq, chainHash: h.chainHash } : undefined;
}

export function rememberHead(db: Db, chainKey: string, head: Head, now = Date.now()): void {
  const { heads } = stateOf(db);
  heads.delete(chainKey);
  if (heads.size >= MAX_HEADS) heads.delete(heads.keys().next().value!);
  heads.set(chainKey, { ...head, at: now });
}

export function forgetHead(db: Db, chainKey: string): void {
  stateOf(db).heads.delete(chainKey);
}
