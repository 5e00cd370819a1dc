import type { Db } from 'mongodb';
import { forbidden, invalid } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { parseCsv } from '@cityloop/shared/city/csv.parse';
import { parseFacilitiesCsv, parseFacilitiesGeoJson, type FacilityInput, type ImportError } from '@cityloop/shared/city/facility-import';
import type { FacilityImportBody as ImportRequest, FacilityImportOutcome as ImportOutcome } from '@cityloop/shared/city/facility-import.contract';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { appendAudit } from '../../platform/audit/audit-log';
import { invalidateRoutingTables, orgsByIds, routedUnitIds, routingTables, townsOfCity } from '../cases/public';
import { FACILITIES, type Facility } from './facility.collection';
import { facilitiesByComponentIds } from './facility.repository';
import { FACILITY_IMPORTS, type FacilityImport } from './facility-import.collection';
import { stagedImport } from '../../platform/staged-import';

/** An import still staging after this long died with its request (the api function times out in 15 s). */
export const STALE_IMPORT_MS = 3600_000;

export type { FacilityImportBody as ImportRequest, FacilityImportOutcome as ImportOutcome } from '@cityloop/shared/city/facility-import.contract';

const chunks = <T>(xs: readonly T[], n = 1000): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** The 400 that carries every problem; nothing has been written when it is thrown. */
export const importRejected = (errors: ImportError[]) =>
  invalid(`导入未执行：发现 ${errors.length} 处错误，没有写入任何设施。请按错误清单修改文件后重新导入`, 'import_rejected', {
    errors: [...errors].sort((a, b) => a.row - b.row),
  });

/**
 * componentId → source row (spreadsheet line or feature number). The shared parser returns valid rows
 * without their row numbers, and component ids are unique among them (duplicates are row errors).
 */
function sourceRows(format: ImportRequest['format'], text: string): Map<string, number> {
  const rows = new Map<string, number>();
  const add = (id: unknown, row: number) => {
    const key = typeof id === 'string' || typeof id === 'number' ? String(id).replace(/\s+/g, '') : '';
    if (key && !rows.has(key)) rows.set(key, row);
  };
  if (format === 'csv') {
    const lines = parseCsv(text);
    const col = (lines[0]?.cells ?? []).findIndex((h) => h.trim().toLowerCase() === 'componentid');
    for (let i = 1; i < lines.length && col >= 0; i++) add(lines[i].cells[col], lines[i].line);
  } else {
    try {
      const doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { features?: { properties?: { componentId?: unknown } | null }[] };
      doc.features?.forEach((f, i) => add(f?.properties?.componentId, i + 1));
    } catch {
      // already reported by the parser
    }
  }
  return rows;
}

type Planned = { row: number; input: FacilityInput; gridId: string; townId: string; unitId: string };

/**
 * Places every row: grid (its own `gridId`, else the grid containing the point), town and area chief from
 * the grid, unit from the row or the town's class → unit table (属地兜底 last); then duplicates against
 * the database. Problems go to `errors`; the returned rows are complete only when `errors` stays empty.
 */
async function placeRows(db: Db, rows: FacilityInput[], req: ImportRequest, rowOf: (id: string) => number, nowMs: number, errors: ImportError[]): Promise<{ planned: Planned[]; unitNames: Map<string, string> }> {
  const err = (row: number, field: string, message: string) => void errors.push({ row, field, message });
  invalidateRoutingTables(); // an admin who just drew the grids must not import against a 5-minute-old index
  const tables = await routingTables(db, nowMs);
  const towns = new Set((await townsOfCity(db, req.cityId)).map((r) => r._id));
  if (towns.size === 0) {
    err(0, 'cityId', `城市 ${req.cityId} 还没有镇街和网格数据，请先导入网格`);
    return { planned: [], unitNames: new Map() };
  }
  const named = [...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  const orgs = new Map<string, string>();
  for (const part of chunks(named)) {
    for (const o of await orgsByIds(db, part)) orgs.set(o._id, o.name ?? '');
  }
  const contactUnits = await routedUnitIds(db);

  const planned: Planned[] = [];
  for (const input of rows) {
    const row = rowOf(input.componentId);
    const before = errors.length;
    if (req.countyCode && input.countyCode !== req.countyCode) err(row, 'componentId', `部件标识码的行政区划代码 ${input.countyCode} 与本次导入指定的 ${req.countyCode} 不一致`);
    const grid = input.gridId ? tables.grids.get(input.gridId) : tables.grids.gridAt(input.lng, input.lat);
    const gridField = input.gridId ? 'gridId' : 'location';
    if (!grid) err(row, gridField, input.gridId ? `网格 ${input.gridId} 不存在` : `位置（经度 ${input.lng}，纬度 ${input.lat}）不在任何网格内，请核对坐标或填写 gridId`);
    else if (!towns.has(grid.townId)) err(row, gridField, `网格 ${grid.id} 不属于城市 ${req.cityId}`);
    if (input.unitId && !orgs.has(input.unitId) && !contactUnits.has(input.unitId)) err(row, 'unitId', `养护单位 ${input.unitId} 不存在`);
    const unitId = input.unitId ?? (grid ? (tables.units.unitFor(grid.townId, 'component', input.classCode) ?? tables.units.fallbackFor(grid.townId, 'component')) : null);
    if (grid && !unitId) err(row, 'unitId', `未填写养护单位，且镇街 ${grid.townId} 没有 ${input.classCode} 类部件的责任单位`);
    if (errors.length === before && grid && unitId) planned.push({ row, input, gridId: grid.id, townId: grid.townId, unitId });
  }

  // One query for all ids: an index lookup on MongoDB; on FerretDB every query is a collection scan, so one.
  const found = await facilitiesByComponentIds(db, rows.map((r) => r.componentId));
  for (const f of found) {
    err(rowOf(f.componentId), 'componentId', f.active === false ? `部件标识码 ${f.componentId} 已被另一批导入占用` : `部件标识码 ${f.componentId} 已存在（${f.name}）`);
  }

  const unitNames = new Map(orgs);
  const missing = [...new Set(planned.map((p) => p.unitId))].filter((u) => !unitNames.has(u));
  for (const part of chunks(missing)) {
    for (const o of await orgsByIds(db, part)) unitNames.set(o._id, o.name ?? '');
  }
  return { planned, unitNames };
}

/** The staged write of facility rows (the commit record is `facility_imports`); settled by the facility-imports job. */
export const facilityStaging = stagedImport<Facility, FacilityImport>({
  label: 'facility import',
  records: FACILITY_IMPORTS,
  rows: FACILITIES,
  chunk: 1000,
  // FerretDB 1.24 updates a few ms per row, slower as the collection grows (one updateMany over 2,000 rows
  // of a 2,000-row collection took 66 s), so activation goes by `_id` in small steps
  activateChunk: 500,
  staleMs: STALE_IMPORT_MS,
  maxBatches: 200,
  rejected: (errors) => importRejected(errors),
  orphans: true,
});

type WriteErrorLike = { index?: number; code?: number; errmsg?: string; message?: string };
/** Insert failures → row errors. FerretDB's E11000 names no index; a colliding random `_id` is not realistic. */
function insertErrors(e: unknown, offset: number, rows: number[], docs: Facility[]): ImportError[] {
  const we = (e as { writeErrors?: WriteErrorLike | WriteErrorLike[] }).writeErrors;
  const list = Array.isArray(we) ? we : we ? [we] : [];
  const out = list
    .filter((w) => typeof w.index === 'number')
    .map((w) => {
      const i = offset + (w.index as number);
      return w.code === 11000 && !/index: _id_/.test(w.errmsg ?? '')
        ? { row: rows[i] ?? 0, field: 'componentId', message: `部件标识码 ${docs[i]?.componentId} 已存在（另一批导入同时写入了它）` }
        : { row: rows[i] ?? 0, field: 'database', message: '写入失败' };
    });
  return out.length ? out : [{ row: 0, field: 'database', message: '写入数据库失败，已撤销本批全部设施，请稍后重试' }];
}

/**
 * 设施导入: all or nothing. Parses (CSV or GeoJSON), places each row (grid, town, area chief, unit), checks
 * duplicates against the database, and rejects the whole file with a per-row error list if anything is
 * wrong. Without transactions the write is staged (platform/staged-import.ts): a commit record `staging` → every row
 * inserted `active: false` under the batch → the record flips to `committed` in one single-document
 * update: the commit point, from which readers see the rows (isVisibleFacility / visibleFacilityFilter).
 * An insert failure rolls the batch back at once. The clean-up job (facility-imports.job.ts) then flips
 * committed rows to `active: true` and deletes what a crash left staging for more than an hour.
 */
export async function importFacilities(deps: Deps, actor: NonNullable<Actor>, req: ImportRequest, ctx: { requestId?: string; ip?: string } = {}): Promise<ImportOutcome> {
  const { db } = deps;
  if (!can(actor, 'facility.import', { kind: 'facility', scope: { cityId: req.cityId } }).allow) throw forbidden('只有本市的平台管理员可以导入设施', 'forbidden');
  const parsed = req.format === 'csv' ? parseFacilitiesCsv(req.text) : parseFacilitiesGeoJson(req.text);
  const errors: ImportError[] = [...parsed.errors];
  if (parsed.rows.length === 0 && errors.length === 0) errors.push({ row: 0, field: 'file', message: '文件中没有设施' });
  if (parsed.rows.length === 0) throw importRejected(errors);

  const t = deps.now();
  const rowMap = sourceRows(req.format, req.text);
  const rowOf = (id: string) => rowMap.get(id) ?? 0;
  const { planned, unitNames } = await placeRows(db, parsed.rows, req, rowOf, t.getTime(), errors);
  if (errors.length) throw importRejected(errors);

  const batch = newId('fb', t.getTime());
  const docs: Facility[] = planned.map((p) => {
    const f: Facility = {
      _id: newId('fc', t.getTime()),
      componentId: p.input.componentId,
      classCode: p.input.classCode,
      name: p.input.name,
      location: { lng: p.input.lng, lat: p.input.lat },
      scope: { cityId: req.cityId, townId: p.townId, gridId: p.gridId, orgIds: [p.unitId], public: true },
      active: false,
      importBatch: batch,
      createdAt: t,
      version: 1,
    };
    const maintainer = unitNames.get(p.unitId);
    if (maintainer) f.maintainerName = maintainer;
    if (p.input.address) f.address = p.input.address;
    return f;
  });
  const rows = planned.map((p) => p.row);
  const record: FacilityImport = { _id: batch, cityId: req.cityId, format: req.format, state: 'staging', rows: docs.length, actorId: actor.userId, requestId: ctx.requestId, createdAt: t, updatedAt: t };
  await facilityStaging.place(db, deps.log, record, docs, { now: deps.now, problems: (e, placed) => insertErrors(e, placed, rows, docs) });
  // Committed: every row is visible from here on. Flipping `active` is left to the clean-up job.
  await appendAudit(db, { _id: `${batch}:import`, at: t, actorId: actor.userId, action: 'facility.import', target: { collection: FACILITY_IMPORTS, id: batch }, requestId: ctx.requestId, ip: ctx.ip, reason: `导入 ${docs.length} 个设施（${req.format}）`, scope: { cityId: req.cityId } });
  return { batch, imported: docs.length, errors: [] };
}
