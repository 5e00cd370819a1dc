import type { Db } from 'mongodb';
import { USERS, type User } from '../../src/platform/auth/users';
import { FACILITIES as FACILITY_COLL, type Facility } from '../../src/contexts/facilities/facility.collection';
import { newId } from '../../src/platform/ids';
import { roleKeysOf } from '@cityloop/shared/identity/roles';
import { CITY, FACILITIES, GRIDS, GRID_CHIEFS, ORGS, PERSONAS, TOWNS, UNIT_CONTACTS, generatedFacilities } from './demo-data';

/**
 * Writes the demo data; idempotent (upserts keyed by stable ids / persona keys), so `npm start` can run it
 * every time. `openidFor` logs each persona in through the WeChat stand-in once, so the openid really came
 * from (a stand-in of) WeChat and subscription messages to it are accepted.
 */
export async function seedDemo(db: Db, openidFor: (persona: string) => Promise<string>, now = new Date()): Promise<{ users: number; facilities: number }> {
  await db.collection<{ _id: string }>('orgs').bulkWrite(ORGS.map((o) => ({ updateOne: { filter: { _id: o._id }, update: { $set: o }, upsert: true } })));
  await db.collection<{ _id: string }>('unit_contacts').bulkWrite(UNIT_CONTACTS.map((o) => ({ updateOne: { filter: { _id: o._id }, update: { $set: o }, upsert: true } })));

  const users = db.collection<User>(USERS);
  for (const p of PERSONAS) {
    const existing = await users.findOne({ persona: p.persona });
    if (existing) {
      await users.updateOne({ _id: existing._id }, { $set: { name: p.name, phone: p.phone, roles: p.roles, roleKeys: roleKeysOf(p.roles) } });
      continue;
    }
    const openid = await openidFor(p.persona);
    await users.insertOne({ _id: newId('u', now.getTime()), openid, persona: p.persona, name: p.name, phone: p.phone, roles: p.roles, roleKeys: roleKeysOf(p.roles), createdAt: now, version: 1 });
  }

  const chiefOf = async (gridId: string) => (await users.findOne({ persona: GRID_CHIEFS[gridId] }))?._id ?? null;
  const gridsWithChiefs = await Promise.all(GRIDS.map(async (g) => ({ ...g, areaChiefId: await chiefOf(g._id) })));
  await db.collection<{ _id: string }>('regions').bulkWrite(
    [CITY, ...TOWNS, ...gridsWithChiefs].map((r) => ({ updateOne: { filter: { _id: r._id }, update: { $set: r }, upsert: true } })),
  );
  const chiefs = Object.fromEntries(gridsWithChiefs.map((g) => [g._id, g.areaChiefId]));

  const facilities = db.collection<Facility>(FACILITY_COLL);
  for (const f of [...FACILITIES, ...generatedFacilities()]) {
    const doc: Facility = {
      _id: f._id,
      componentId: f.componentId,
      classCode: f.classCode,
      name: f.name,
      location: { lng: f.lng, lat: f.lat },
      scope: { cityId: 'dongguan', townId: f.townId, gridId: f.gridId, orgIds: [f.orgId], public: true },
      maintainerName: f.maintainer,
      areaChiefId: chiefs[f.gridId] ?? undefined,
      createdAt: now,
      version: 1,
    };
    await facilities.updateOne({ _id: f._id }, { $setOnInsert: doc }, { upsert: true });
  }
  return { users: PERSONAS.length, facilities: FACILITIES.length + generatedFacilities().length };
}
