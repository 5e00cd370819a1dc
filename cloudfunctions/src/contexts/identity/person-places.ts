import type { Db } from 'mongodb';
import type { RoleBinding } from '@cityloop/shared/identity/roles';
import type { ProjectPlace } from '@cityloop/shared/identity/person-scope';
import { loadNames, type Names } from '../cases/public';
import { listProjects } from '../pit/public';
import { dwProjectNames } from '../schemereview/public';

/** The projects a person's bindings name: where each is (for the policy target) and its name (for labels). */
export async function projectsOf(db: Db, bindings: RoleBinding[]): Promise<(ProjectPlace & { name: string })[]> {
  const ids = [...new Set(bindings.flatMap((b) => b.projectIds ?? []))];
  if (!ids.length) return [];
  const found = await listProjects(db, { _id: { $in: ids } });
  return found.map((p) => ({ id: p._id, cityId: p.scope.cityId, townId: p.scope.townId, name: p.name }));
}

/** The names of every project a person's bindings name: pit monitoring projects and 危大工程 registers. */
export async function projectNamesOf(db: Db, bindings: RoleBinding[], pits: { id: string; name: string }[]): Promise<Map<string, string>> {
  const known = new Set(pits.map((p) => p.id));
  const rest = [...new Set(bindings.flatMap((b) => b.projectIds ?? []))].filter((id) => !known.has(id));
  const registers = await dwProjectNames(db, rest);
  return new Map([...pits.map((p) => [p.id, p.name] as const), ...registers.map((p) => [p._id, p.name] as const)]);
}

/** Names of the cities, towns, grids and organisations of a person's bindings. */
export function namesOf(db: Db, bindings: RoleBinding[]): Promise<Names> {
  return loadNames(db, { regions: bindings.flatMap((b) => [b.cityId, b.townId, ...(b.gridIds ?? [])]), orgs: bindings.map((b) => b.orgId) });
}

/**
 * Where a binding applies, in words: 东莞市（市级）, 南城街道 · 网格一、网格二, 道路养护所, 项目：某基坑.
 * @example scopeLabel({ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }, names, projects) // '南城街道'
 */
export function scopeLabel(b: RoleBinding, names: Names, projects: Map<string, string>): string {
  const parts: string[] = [];
  if (b.role === 'regulator' && b.level === 'city') parts.push(`${names.region(b.cityId)}（市级）`);
  else if (b.townId) parts.push(names.region(b.townId) ?? b.townId);
  else if (!b.projectIds?.length) parts.push(names.region(b.cityId) ?? b.cityId);
  if (b.gridIds?.length) parts.push(b.gridIds.map((g) => names.region(g)).join('、'));
  if (b.orgId) parts.push(names.org(b.orgId) ?? b.orgId);
  if (b.projectIds?.length) {
    // a project no context has registered yet has no name: counted, never shown by its id
    const named = b.projectIds.map((p) => projects.get(p)).filter((n): n is string => !!n);
    const unnamed = b.projectIds.length - named.length;
    parts.push(`项目：${[...named, ...(unnamed ? [`${unnamed} 个待登记项目`] : [])].join('、')}`);
  }
  return parts.join(' · ');
}
