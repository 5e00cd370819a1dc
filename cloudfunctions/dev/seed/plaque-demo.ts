import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../src/platform/deps';
import { USERS, type User } from '../../src/platform/auth/users';
import { SHOPS, type Shop } from '../../src/contexts/plaques/plaque.collections';
import { syncPatrolRule } from '../../src/contexts/plaques/shop-score';

/** Street-front shops on 鸿福路 (grid nc-01) with plaques; the first belongs to the `shop-owner` persona. */
export const DEMO_SHOPS = [
  { id: 'pq_demo0shop0001', name: '老王烧腊店', licence: '91441900MA5DEMO001', address: '南城街道鸿福路 12 号', lng: 113.7452, lat: 23.0041, score: 86, grade: 'B' as const, duties: ['sanitation', 'order'] as const },
  { id: 'pq_demo0shop0002', name: '鸿福便利店', licence: '91441900MA5DEMO002', address: '南城街道鸿福路 14 号', lng: 113.7455, lat: 23.0042, score: 95, grade: 'A' as const, duties: ['sanitation', 'order', 'greenery'] as const },
  { id: 'pq_demo0shop0003', name: '粤味茶餐厅', licence: '91441900MA5DEMO003', address: '南城街道鸿福路 18 号', lng: 113.7461, lat: 23.0043, score: 68, grade: 'C' as const, duties: ['sanitation', 'order'] as const },
];

export async function seedPlaqueDemo(deps: Deps, openidFor: (persona: string) => Promise<string>, now = new Date()) {
  const db: Db = deps.db;
  const users = db.collection<User>(USERS);
  for (const [i, s] of DEMO_SHOPS.entries()) {
    const persona = i === 0 ? 'shop-owner' : `shop-owner-${i + 1}`;
    const roles: RoleBinding[] = [{ role: 'shopOwner', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] }];
    let owner = await users.findOne({ persona });
    if (!owner) {
      owner = { _id: `u_${persona}`, openid: await openidFor(persona), persona, name: i === 0 ? '王老板（商户）' : `${s.name}店主`, phone: `1380000005${i}`, roles, roleKeys: roleKeysOf(roles), createdAt: now, version: 1 };
      await users.insertOne(owner);
    }
    const shop: Shop = {
      _id: s.id,
      version: 1,
      history: [],
      outbox: [],
      pendingAudit: [],
      hasPending: false,
      name: s.name,
      licenceNo: s.licence,
      address: s.address,
      location: { lng: s.lng, lat: s.lat },
      owner: { userId: owner._id, name: owner.name, phone: owner.phone ?? '' },
      zone: { frontageM: 8, depthM: 4 },
      duties: [...s.duties],
      scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'nc-01', public: true },
      score: s.score,
      grade: s.grade,
      gradeHistory: [{ at: now, score: s.score, grade: s.grade }],
      createdAt: now,
    };
    await db.collection<Shop>(SHOPS).updateOne({ _id: shop._id }, { $setOnInsert: shop }, { upsert: true });
    await syncPatrolRule(deps, (await db.collection<Shop>(SHOPS).findOne({ _id: shop._id }))!);
  }
  return { shops: DEMO_SHOPS.length };
}
