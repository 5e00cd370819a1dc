import type { Db } from 'mongodb';
import { EXPERT_LABEL, ROLE_LABELS, type Role } from '@cityloop/shared/identity/roles';
import { USERS, type User } from '../../src/platform/auth/users';

/** User types in the order the demo is told: city service codes (Dongguan) and plaques (Zhongshan) first, then the pit parties. */
const ORDER: (Role | 'citizen')[] = ['citizen', 'patroller', 'areaChief', 'unit', 'regulator', 'admin', 'enforcementOfficer', 'shopOwner', 'owner', 'contractor', 'supervisor', 'monitor', 'designer', 'plant', 'lab', 'agency'];

export type DemoPersona = { key: string; name: string; role: Role | 'citizen'; roleLabel: string; where: string };

/**
 * Every demo persona in the database — the same users the H5 login page lists under 演示账号 (GET /api/config:
 * every user with a `persona`), with what each one is for: the town or grids, the unit or company, the shop,
 * the pit projects. Read from the database after seeding, so nothing a seed adds is left out.
 */
export async function demoPersonas(db: Db): Promise<DemoPersona[]> {
  const users = await db.collection<User>(USERS).find({ persona: { $exists: true } }).sort({ persona: 1 }).toArray();
  const ids = (pick: (b: User['roles'][number]) => (string | undefined)[]) => [...new Set(users.flatMap((u) => u.roles.flatMap(pick)).filter((x): x is string => !!x))];
  const named = async (coll: string, list: string[]) =>
    new Map((list.length ? await db.collection<{ _id: string; name?: string }>(coll).find({ _id: { $in: list } }, { projection: { name: 1 } }).toArray() : []).map((x) => [x._id, x.name ?? x._id]));
  const regions = await named('regions', ids((b) => [b.cityId, b.townId, ...(b.gridIds ?? [])]));
  const orgs = await named('orgs', ids((b) => [b.orgId]));
  const projects = new Map([...(await named('pit_projects', ids((b) => b.projectIds ?? []))), ...(await named('concrete_projects', ids((b) => b.projectIds ?? []))), ...(await named('dw_projects', ids((b) => b.projectIds ?? [])))]);
  const concreteOrgs = new Map([...(await named('concrete_plants', ids((b) => (b.role === 'plant' ? [b.orgId] : [])))), ...(await named('concrete_labs', ids((b) => (b.role === 'lab' ? [b.orgId] : []))))]);
  const agencies = await named('fire_agencies', ids((b) => (b.role === 'agency' ? [b.orgId] : [])));
  // 危大工程 experts hold no role binding: the library says who they are
  const experts = new Set((await db.collection<{ userId: string }>('dw_experts').find({ userId: { $in: users.map((u) => u._id) } }, { projection: { userId: 1 } }).toArray()).map((e) => e.userId));
  const shops = await db.collection<{ _id: string; name: string; owner: { userId: string } }>('shops').find({ 'owner.userId': { $in: users.map((u) => u._id) } }, { projection: { name: 1, owner: 1 } }).toArray();
  const list = (xs: string[] | undefined, names: Map<string, string>) => (xs ?? []).map((x) => names.get(x) ?? x).join('、');

  const city = (b: User['roles'][number]) => regions.get(b.cityId) ?? b.cityId;
  const rows = users.map((u) => {
    const b = u.roles[0];
    const role = (b?.role ?? 'citizen') as Role | 'citizen';
    let where = '';
    if (!b) where = experts.has(u._id) ? '危大工程论证（接受邀请、签到、出具论证意见）' : '扫码上报、投诉商户';
    else if (b.role === 'regulator') where = b.level === 'city' ? `${city(b)}全市` : `${city(b)}${regions.get(b.townId ?? '') ?? b.townId ?? ''}`;
    else if (b.role === 'admin') where = `${city(b)}全市`;
    else if (b.role === 'areaChief') where = `${city(b)} ${list(b.gridIds, regions)}`;
    else if (b.role === 'patroller') where = [list(b.gridIds, regions), b.orgId ? orgs.get(b.orgId) : ''].filter(Boolean).join(' · ');
    else if (b.role === 'plant' || b.role === 'lab') where = concreteOrgs.get(b.orgId ?? '') ?? '';
    else if (b.role === 'unit') where = orgs.get(b.orgId ?? '') ?? b.orgId ?? '';
    else if (b.role === 'shopOwner') where = shops.filter((s) => s.owner.userId === u._id).map((s) => s.name).join('、');
    else if (b.role === 'agency') where = agencies.get(b.orgId ?? '') ?? '';
    else if (b.projectIds?.length) {
      // a binding to a project not registered yet (the review demo registers one on the pages): counted, not an id
      const pending = b.projectIds.filter((x) => !projects.has(x)).length;
      where = [list(b.projectIds.filter((x) => projects.has(x)), projects), pending ? `另有 ${pending} 个待登记项目` : ''].filter(Boolean).join('；');
    }
    return { key: u.persona!, name: u.name, role, roleLabel: !b && experts.has(u._id) ? EXPERT_LABEL : ROLE_LABELS[role], where };
  });
  const rank = (r: string) => (ORDER.indexOf(r as Role) + ORDER.length + 1) % (ORDER.length + 1);
  return rows.sort((a, b) => rank(a.role) - rank(b.role) || a.key.localeCompare(b.key));
}

/** The persona list as `npm start` prints it, grouped by user type. */
export function formatPersonas(rows: DemoPersona[]): string {
  const out: string[] = [];
  let last = '';
  for (const r of rows) {
    if (r.roleLabel !== last) out.push(`  ${r.roleLabel}`);
    last = r.roleLabel;
    out.push(`    ${r.key.padEnd(22)} ${r.name}${r.where ? `  — ${r.where}` : ''}`);
  }
  return out.join('\n');
}
