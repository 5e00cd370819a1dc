import type { Db } from 'mongodb';
import { orgsByIds, regionNames } from './directory.repository';

/**
 * The names behind region (town, grid) and organisation (unit) ids, for what the API returns to people:
 * `nancheng` → 南城街道, `nc-01` → 网格名. An id without a name stays the id; no id is `null`.
 */
export interface Names {
  region(id: string | null | undefined): string | null;
  org(id: string | null | undefined): string | null;
}

export async function loadNames(db: Db, ids: { regions?: (string | null | undefined)[]; orgs?: (string | null | undefined)[] }): Promise<Names> {
  const uniq = (xs: (string | null | undefined)[] = []) => [...new Set(xs.filter((x): x is string => !!x))];
  const regionIds = uniq(ids.regions);
  const orgIds = uniq(ids.orgs);
  const [regions, orgs] = await Promise.all([
    regionIds.length ? regionNames(db, regionIds) : [],
    orgIds.length ? orgsByIds(db, orgIds) : [],
  ]);
  const r = new Map(regions.map((x) => [x._id, x.name]));
  const o = new Map(orgs.map((x) => [x._id, x.name]));
  return {
    region: (id) => (id ? (r.get(id) ?? id) : null),
    org: (id) => (id ? (o.get(id) ?? id) : null),
  };
}

/** The names a list of cases shows (town, grid, unit). */
export const caseNames = (db: Db, cases: { scope: { townId?: string; gridId?: string; orgIds?: string[] } }[]) =>
  loadNames(db, { regions: cases.flatMap((c) => [c.scope.townId, c.scope.gridId]), orgs: cases.map((c) => c.scope.orgIds?.[0]) });
