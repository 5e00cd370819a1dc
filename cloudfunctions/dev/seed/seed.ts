import type { Db } from 'mongodb';
import { USERS, type User } from '../../src/platform/auth/users';
import { FACILITIES as FACILITY_COLL, type Facility } from '../../src/contexts/facilities/facility.collection';
import { newId } from '../../src/platform/ids';
import { roleKeysOf } from '@cityloop/shared/identity/roles';
import { CITY, FACILITIES, GRIDS, GRID_CHIEFS, ORGS, PERSONAS, TOWNS, UNIT_CONTACTS, generatedFacilities } from './demo-data';
import { ZS, ZS_CITY, ZS_FACILITIES, ZS_GRIDS, ZS_GRID_CHIEFS, ZS_ORGS, ZS_PERSONAS, ZS_TOWNS, ZS_UNIT_CONTACTS } from './zhongshan-data';

/** Every demo persona of both cities (Dongguan's service codes, Zhongshan's plaques). */
export const ALL_PERSONAS = [...PERSONAS, ...ZS_PERSONAS];

/**
 * Writes the demo data of both demo cities; idempotent (upserts keyed by stable ids / persona keys), so `npm start`
 * can run it every time. `openidFor` logs each persona in through the WeChat stand-in once, so the openid really
 * came from (a stand-in of) WeChat and subscription messages to it are accepted.
 */
export async function seedDemo(db: Db, openidFor: (persona: string) => Promise<string>, now = new Date()): Promise<{ users: number; facilities: number }> {
  const upsert = <T extends { _id: string }>(coll: string, rows: T[]) =>
    db.collection<{ _id: string }>(coll).bulkWrite(rows.map((o) => ({ updateOne: { filter: { _id: o._id }, update: { $set: o }, upsert: true } })));
  await upsert('orgs', [...ORGS, ...ZS_ORGS]);
  await upsert('unit_contacts', [...UNIT_CONTACTS, ...ZS_UNIT_CONTACTS]);

  const users = db.collection<User>(USERS);
  for (const p of ALL_PERSONAS) {
    const existing = await users.findOne({ persona: p.persona });
    if (existing) {
      await users.updateOne({ _id: existing._id }, { $set: { name: p.name, phone: p.phone, roles: p.roles, roleKeys: roleKeysOf(p.roles) } });
      continue;
    }
    const openid = await openidFor(p.persona);
    await users.insertOne({ _id: newId('u', now.getTime()), openid, persona: p.persona, name: p.name, phone: p.phone, roles: p.roles, roleKeys: roleKeysOf(p.roles), createdAt: now, version: 1 });
  }

  // a grid's 片长 is held once, on the grid (facilities and cases read it from there)
  const chiefPersona: Record<string, string> = { ...GRID_CHIEFS, ...ZS_GRID_CHIEFS };
  const chiefOf = async (gridId: string) => (await users.findOne({ persona: chiefPersona[gridId] }))?._id ?? null;
  const grids = await Promise.all([...GRIDS, ...ZS_GRIDS].map(async (g) => ({ ...g, areaChiefId: await chiefOf(g._id) })));
  await upsert('regions', [CITY, ...TOWNS, ZS_CITY, ...ZS_TOWNS, ...grids]);

  const facilities = db.collection<Facility>(FACILITY_COLL);
  const rows = [...FACILITIES.map((f) => ({ ...f, cityId: CITY._id })), ...generatedFacilities().map((f) => ({ ...f, cityId: CITY._id })), ...ZS_FACILITIES.map((f) => ({ ...f, cityId: ZS }))];
  for (const f of rows) {
    const doc: Facility = {
      _id: f._id,
      componentId: f.componentId,
      classCode: f.classCode,
      name: f.name,
      location: { lng: f.lng, lat: f.lat },
      scope: { cityId: f.cityId, townId: f.townId, gridId: f.gridId, orgIds: [f.orgId], public: true },
      maintainerName: f.maintainer,
      createdAt: now,
      version: 1,
    };
    await facilities.updateOne({ _id: f._id }, { $setOnInsert: doc }, { upsert: true });
  }
  return { users: ALL_PERSONAS.length, facilities: rows.length };
}
