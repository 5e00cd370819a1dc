/** Staff and party roles (docs/GLOSSARY.md). A user may hold several bindings, each with its own scope. */
export const ROLES = [
  'admin',
  'regulator',
  'areaChief',
  'patroller',
  'enforcementOfficer',
  'unit',
  'shopOwner',
  'owner',
  'contractor',
  'supervisor',
  'monitor',
  'designer',
  // ready-mixed concrete (docs/domain/concrete.md §5): a plant's staff and a testing lab's staff, bound to their org
  'plant',
  'lab',
  /** staff of a fire-protection technical service agency (消防技术服务机构), bound to it by orgId */
  'agency',
] as const;
export type Role = (typeof ROLES)[number];

export const PROJECT_PARTY_ROLES = ['owner', 'contractor', 'supervisor', 'monitor', 'designer'] as const satisfies readonly Role[];

/** Where a binding applies: city → town → grid; organisations; projects. */
export type RoleBinding = {
  role: Role;
  /** regulator level; other roles leave it out */
  level?: 'city' | 'town';
  cityId: string;
  townId?: string;
  gridIds?: string[];
  orgId?: string;
  projectIds?: string[];
  /** the invitation that created this binding */
  invitationId?: string;
  /** when the binding ends (ISO time; a third-party patroller's invitation by an area chief): past it, the role is gone */
  until?: string;
};

export const ROLE_LABELS: Record<Role | 'citizen', string> = {
  admin: '平台管理员',
  regulator: '监管部门',
  areaChief: '片长',
  patroller: '巡查员',
  enforcementOfficer: '城管执法队员',
  unit: '责任单位',
  shopOwner: '商户',
  owner: '建设单位',
  contractor: '施工单位',
  supervisor: '监理单位',
  monitor: '监测单位',
  designer: '设计单位',
  plant: '搅拌站',
  lab: '检测机构',
  agency: '消防技术服务机构',
  citizen: '市民',
};

/** What an expert of the review library is called beside their roles (the library is not a role binding). */
export const EXPERT_LABEL = '论证专家';

/** Who is calling. `null` = anonymous. Every signed-in user is also a citizen. */
export type Actor = { userId: string; roles: RoleBinding[] } | null;

/**
 * Flat keys that index a user's bindings, so "who must hear about this" is one `$in` query
 * (FerretDB has no `$elemMatch` on documents). Kept in `users.roleKeys` alongside `roles`.
 * @example roleKeysOf([{ role: 'regulator', level: 'town', cityId: 'dg', townId: 'nc' }]) // ['regulator:town:dg:nc']
 */
export function roleKeysOf(roles: RoleBinding[]): string[] {
  const keys = new Set<string>();
  for (const b of roles) {
    if (b.role === 'regulator') keys.add(b.level === 'city' ? `regulator:city:${b.cityId}` : `regulator:town:${b.cityId}:${b.townId}`);
    else keys.add(`${b.role}:${b.cityId}`);
    for (const p of b.projectIds ?? []) keys.add(`project:${p}`);
    for (const g of b.gridIds ?? []) keys.add(`${b.role}:grid:${g}`);
    if (b.orgId) keys.add(`${b.role}:org:${b.orgId}`);
  }
  return [...keys];
}
