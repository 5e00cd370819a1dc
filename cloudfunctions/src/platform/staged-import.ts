import type { Db, Document, Filter } from 'mongodb';
import type { Logger } from './log';

/**
 * A staged write of many rows without transactions. The commit record's `state` is the single document that
 * decides whether the batch's rows exist, so a crash at any point is settled the same way:
 *   staging     rows being placed (`active: false`); stale after `staleMs` → rolled_back, rows deleted
 *   committed   every row placed and visible (readers check the record); finishing may lag → rolled forward
 *   done        every row active
 *   rolled_back rows deleted (or being deleted)
 */
export type ImportState = 'staging' | 'committed' | 'done' | 'rolled_back';
export type ImportRecord = { _id: string; state: ImportState; rows: number; reason?: string; createdAt: Date; updatedAt: Date };
export type StagedRow = { _id: string; importBatch?: string; active?: boolean; createdAt?: Date };
export type ImportProblem = { row: number; field: string; message: string };

export type StagedImportSpec = {
  /** for logs: `facility import` */
  label: string;
  /** the commit records' collection */
  records: string;
  /** the rows' collection */
  rows: string;
  /** rows per insertMany, well inside MongoDB's and FerretDB's message limits */
  chunk: number;
  /** rows per activation step (an `_id $in` updateMany) */
  activateChunk: number;
  /** a batch still staging after this long died with its request */
  staleMs: number;
  /** batches looked at per settle run */
  maxBatches: number;
  /** the 400 that carries every problem */
  rejected: (problems: ImportProblem[]) => Error;
  /** what else an uncommitted batch wrote (e.g. accounts it created), removed with it */
  alsoRollBack?: (db: Db, batch: string) => Promise<void>;
  /** inactive rows older than `staleMs` whose batch is unknown or rolled back are deleted by settle */
  orphans?: boolean;
};

/** Work done after the commit, per call: before the rows are activated, and for each chunk activated. */
export type FinishHooks<Row> = { beforeActivate?: (record: ImportRecord) => Promise<void>; onActivate?: { projection: Document; run: (rows: Row[]) => Promise<void> } };
export type Progress = { activated: number; done: boolean };

const chunks = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export function stagedImport<Row extends StagedRow, Rec extends ImportRecord>(spec: StagedImportSpec) {
  const records = (db: Db) => db.collection<ImportRecord>(spec.records);
  const rows = (db: Db) => db.collection<StagedRow>(spec.rows);

  /** Removes an uncommitted batch: the record says so first (only from `staging`), then its rows go. Safe to repeat. */
  async function rollBack(db: Db, batch: string, reason: string, now: Date): Promise<boolean> {
    const r = await records(db).updateOne({ _id: batch, state: 'staging' }, { $set: { state: 'rolled_back', reason, updatedAt: now } });
    const record = r.modifiedCount === 1 ? null : await records(db).findOne({ _id: batch }, { projection: { state: 1 } });
    if (record && record.state !== 'rolled_back') return false;
    await rows(db).deleteMany({ importBatch: batch, active: false });
    await spec.alsoRollBack?.(db, batch);
    return true;
  }

  /**
   * Writes the record `staging`, runs `before` (other documents the batch needs), places the rows in chunks and
   * flips the record to `committed`: the commit point. Any failure rolls the batch back and throws
   * `spec.rejected` with what `problems` makes of the error (given the rows placed before it).
   */
  async function place(db: Db, log: Logger, record: Rec, docs: Row[], opts: { now: () => Date; before?: () => Promise<void>; problems: (e: unknown, placed: number) => ImportProblem[] }): Promise<void> {
    await db.collection<Rec>(spec.records).insertOne(record as never);
    let placed = 0;
    try {
      await opts.before?.();
      for (const part of chunks(docs, spec.chunk)) {
        await db.collection<Row>(spec.rows).insertMany(part as never, { ordered: true });
        placed += part.length;
      }
    } catch (e) {
      log.warn(`${spec.label} rolled back`, { batch: record._id, error: (e as Error).message });
      await rollBack(db, record._id, `insert failed: ${(e as Error).message}`.slice(0, 300), opts.now()).catch((cleanup) =>
        log.warn(`${spec.label} roll-back incomplete; the scheduler finishes it`, { batch: record._id, error: (cleanup as Error).message }),
      );
      throw spec.rejected(opts.problems(e, placed));
    }
    const commit = await records(db).updateOne({ _id: record._id, state: 'staging' }, { $set: { state: 'committed', updatedAt: opts.now() } });
    if (commit.modifiedCount !== 1) {
      await rollBack(db, record._id, 'commit found the batch no longer staging', opts.now());
      throw spec.rejected([{ row: 0, field: 'batch', message: '导入耗时过长，已被自动撤销，请重新导入' }]);
    }
  }

  /**
   * Rolls a committed batch forward: `beforeActivate`, then its rows flipped to `active: true` in chunks (with
   * `onActivate` for each), then `done`. Bounded by `deadlineMs` (FerretDB updates a few ms per row, slower as
   * the collection grows); idempotent. A batch in any other state is left alone.
   */
  async function finish(db: Db, batch: string, now: Date, deadlineMs = Infinity, hooks: FinishHooks<Row> = {}): Promise<Progress> {
    const record = await records(db).findOne({ _id: batch });
    if (!record || (record.state !== 'committed' && record.state !== 'done')) return { activated: 0, done: false };
    await hooks.beforeActivate?.(record);
    let activated = 0;
    for (;;) {
      if (Date.now() > deadlineMs) return { activated, done: false };
      const found = await db.collection<Row>(spec.rows).find({ importBatch: batch, active: false } as Filter<Row>, { projection: hooks.onActivate?.projection ?? { _id: 1 } }).limit(spec.activateChunk).toArray();
      if (found.length === 0) break;
      await hooks.onActivate?.run(found as Row[]);
      activated += (await rows(db).updateMany({ _id: { $in: found.map((f) => f._id) }, active: false }, { $set: { active: true } })).modifiedCount;
    }
    await records(db).updateOne({ _id: batch, state: 'committed' }, { $set: { state: 'done', updatedAt: now } });
    return { activated, done: true };
  }

  /**
   * The scheduler's step: committed batches rolled forward, batches staging longer than `staleMs` rolled back,
   * and (with `orphans`) stale inactive rows of unknown or rolled-back batches deleted. Bounded by `budgetMs`.
   */
  async function settle(db: Db, now: Date, budgetMs: number, hooks: FinishHooks<Row> = {}): Promise<{ activated: number; rolledBack: number; orphanBatches: number }> {
    const deadline = Date.now() + budgetMs;
    const staleBefore = new Date(now.getTime() - spec.staleMs);
    let activated = 0;
    let rolledBack = 0;
    let orphanBatches = 0;
    for (const b of await records(db).find({ state: 'committed' }, { projection: { _id: 1 } }).limit(spec.maxBatches).toArray()) {
      if (Date.now() > deadline) break;
      activated += (await finish(db, b._id, now, deadline, hooks)).activated;
    }
    for (const b of await records(db).find({ state: 'staging', createdAt: { $lt: staleBefore } }, { projection: { _id: 1 } }).limit(spec.maxBatches).toArray()) {
      if (Date.now() > deadline) break;
      if (await rollBack(db, b._id, `stale: still staging after ${Math.round(spec.staleMs / 3600_000)} h`, now)) rolledBack++;
    }
    if (!spec.orphans) return { activated, rolledBack, orphanBatches };
    // Rows whose commit record is missing (a crash between the two writes, or a record removed by hand).
    const stale = await rows(db).find({ active: false, createdAt: { $lt: staleBefore } }, { projection: { importBatch: 1 } }).limit(10_000).toArray();
    for (const id of [...new Set(stale.map((f) => f.importBatch ?? ''))].slice(0, spec.maxBatches)) {
      if (Date.now() > deadline) break;
      const record = id ? await records(db).findOne({ _id: id }, { projection: { state: 1 } }) : null;
      if (record?.state === 'committed' || record?.state === 'done') {
        activated += (await finish(db, id, now, deadline, hooks)).activated;
        continue;
      }
      if (record?.state === 'staging') continue; // not stale yet by its own clock; the next run decides
      await rows(db).deleteMany(id ? { importBatch: id, active: false } : { importBatch: { $exists: false }, active: false, createdAt: { $lt: staleBefore } });
      orphanBatches++;
    }
    return { activated, rolledBack, orphanBatches };
  }

  return { spec, rollBack, place, finish, settle };
}
