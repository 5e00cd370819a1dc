import { invalid, forbidden } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { cityRegions, invalidateRoutingTables, regionIdsTakenOutside, upsertGrids } from '../cases/public';
import { cityNotYours } from './admin-city';

/** Parses the uploaded text (or takes the parsed object); a file that is not JSON is one clear error. */
function parseGeojson(input: string | Record<string, unknown>): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch {
    throw invalid('文件不是有效的 JSON（GeoJSON）', 'grid_import_rejected', { errors: [{ feature: 0, message: '文件不是有效的 JSON（GeoJSON）' }] });
  }
}

/**
 * 网格导入: validates every feature of the city's GeoJSON (docs/domain/city.md "Grids as data") and writes all the
 * grids, or none with the list of errors (400 `grid_import_rejected`, `data.errors: [{feature, id, message}]`).
 * New grids start without a 片长; a re-imported grid keeps its 片长 and takes the new boundary and name.
 */
export async function importGrids(deps: Deps, actor: NonNullable<Actor>, cityId: string, geojson: string | Record<string, unknown>, ctx: { requestId?: string; ip?: string }) {
  const { db } = deps;
  const d = can(actor, 'region.manage', { kind: 'region', scope: { cityId } });
  if (!d.allow) {
    if (actor.roles.some((b) => b.role === 'admin')) throw cityNotYours();
    throw forbidden('只有本市平台管理员可以导入网格');
  }
  const parsed = parseGeojson(geojson);
  const { towns, grids } = await cityRegions(db, cityId);
  if (!towns.length) throw cityNotYours();
  const ids = ((parsed as { features?: { properties?: { id?: unknown } }[] })?.features ?? []).map((f) => String(f?.properties?.id ?? '')).filter(Boolean);
  // the geometry checks (Turf) load on the first grid import, not at a cold start
  const { validateGridImport } = await import('@cityloop/shared/city/grid-geojson');
  const r = validateGridImport(parsed, {
    towns: new Map(towns.map((t) => [t._id, { name: t.name ?? t._id, polygon: t.polygon }])),
    existing: grids.filter((g) => !g.retired).map((g) => ({ id: g._id, name: g.name ?? g._id, townId: g.parentId ?? '', polygon: g.polygon })),
    takenIds: await regionIdsTakenOutside(db, ids.slice(0, 1000), towns.map((t) => t._id)),
  });
  if (r.errors.length) throw invalid(`网格文件有 ${r.errors.length} 处错误，未导入任何网格`, 'grid_import_rejected', { errors: r.errors.slice(0, 200) });
  const t = deps.now();
  const stored = new Set(grids.map((g) => g._id));
  await upsertGrids(db, cityId, r.grids, t);
  invalidateRoutingTables();
  const created = r.grids.filter((g) => !stored.has(g.id)).length;
  await appendAudit(db, { _id: newId('ev', t.getTime()), at: t, actorId: actor.userId, action: 'region.import_grids', target: { collection: 'regions', id: cityId }, requestId: ctx.requestId, ip: ctx.ip, reason: `${r.grids.length} 个网格：${r.grids.map((g) => g.id).join('、').slice(0, 300)}`, scope: { cityId } });
  return { imported: r.grids.length, created, updated: r.grids.length - created, ids: r.grids.map((g) => g.id) };
}
