import type { Db } from 'mongodb';
import { invalid } from '@cityloop/shared/errors';
import { SEED_CLASS_TABLE } from '@cityloop/shared/city/classes';
import { parseClassCsv, type CityClassTable } from '@cityloop/shared/city/class-csv';
import { slaOfClass } from '@cityloop/shared/city/step-sla';
import type { ImportPreview } from '@cityloop/shared/city/city-config.contract';
import type { Deps } from '../../platform/deps';
import { createdAggregate, eventWrites, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { CLASS_TABLES } from './city-config.collections';
import { findClassTable, insertClassTable, saveClassTableVersion, updateClassTable } from './city-config.repository';

/** Who changes city data: an admin (user id and the role the policy named) or the system (seed, CLI). */
export type Changer = { userId: string | null; role: string };
export type Ctx = { requestId?: string; ip?: string };

/** The built-in table (docs/domain/city.md §1.3) with the default step SLA: what a city runs on before its first import. */
export const SEED_TABLE: CityClassTable = { majors: [...SEED_CLASS_TABLE.majors], classes: SEED_CLASS_TABLE.classes.map((c) => ({ ...c, sla: slaOfClass(c) })) };

/** The city's class table and its version (0 = the built-in seed, nothing imported yet). */
export async function classTableOf(db: Db, cityId: string): Promise<{ table: CityClassTable; version: number; stored: boolean; updatedAt: Date | null }> {
  const doc = await findClassTable(db, cityId);
  if (!doc) return { table: SEED_TABLE, version: 0, stored: false, updatedAt: null };
  return { table: { majors: doc.majors, classes: doc.classes }, version: doc.version, stored: true, updatedAt: doc.updatedAt };
}

/**
 * Imports a city's class table from CSV: checked whole first (every problem named by line, nothing written),
 * then one versioned write that replaces the table, with its event and audit row; the version is kept whole.
 * `dryRun` answers the preview only.
 */
export async function importClassTable(deps: Deps, by: Changer, cityId: string, csv: string, opts: { dryRun?: boolean; ctx?: Ctx } = {}): Promise<ImportPreview> {
  const { table, errors } = parseClassCsv(csv);
  const counts = { majors: table.majors.length, classes: table.classes.length };
  if (errors.length) {
    if (opts.dryRun) return { ok: false, errors, counts };
    throw invalid(`分类表有 ${errors.length} 处错误，未导入任何内容：第 ${errors[0].line} 行 ${errors[0].message}`, 'class_table_invalid', { errors });
  }
  if (opts.dryRun) return { ok: true, errors: [], counts };
  return { ok: true, errors: [], counts, version: await storeClassTable(deps, by, cityId, table, opts.ctx ?? {}) };
}

async function storeClassTable(deps: Deps, by: Changer, cityId: string, table: CityClassTable, ctx: Ctx): Promise<number> {
  const t = deps.now();
  const scope = { cityId };
  const current = await findClassTable(deps.db, cityId);
  const event: DomainEvent = { id: newId('ev'), action: 'class_table.import', at: t, actorId: by.userId, role: by.role, data: { majors: table.majors.length, classes: table.classes.length, from: current?.version ?? 0 } };
  let version: number;
  if (!current) {
    await insertClassTable(deps.db, { ...createdAggregate(CLASS_TABLES, cityId, event, [], { ...ctx, scope }), cityId, majors: table.majors, classes: table.classes, scope, updatedAt: t });
    version = 1;
  } else {
    const w = eventWrites(CLASS_TABLES, cityId, event, [], { ...ctx, scope });
    await updateClassTable(deps.db, current, { $set: { ...w.$set, majors: table.majors, classes: table.classes, updatedAt: t }, $push: w.$push as never });
    version = current.version + 1;
  }
  await saveClassTableVersion(deps.db, { _id: `${cityId}:${version}`, cityId, version, majors: table.majors, classes: table.classes, savedAt: t, savedBy: by.userId });
  return version;
}
