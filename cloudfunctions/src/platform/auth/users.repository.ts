import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import { conflict, invalid } from '@cityloop/shared/errors';
import { newId } from '../ids';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { toMainlandMobile } from '../sms/phone-number';
import { USERS, type User } from './users';

const users = (db: Db) => db.collection<User>(USERS);

export async function findUser(db: Db, id: string): Promise<User | null> {
  return users(db).findOne({ _id: id });
}

export async function findUserByOpenid(db: Db, openid: string): Promise<User | null> {
  return users(db).findOne({ openid });
}

export async function findUserByPersona(db: Db, persona: string): Promise<User | null> {
  return users(db).findOne({ persona });
}

/** Throws the driver's duplicate-key error (code 11000) when the id or the openid is taken. */
export async function insertUser(db: Db, user: User): Promise<void> {
  await users(db).insertOne(user);
}

/** The seeded demo users, by persona key. */
export async function personaUsers(db: Db): Promise<User[]> {
  return users(db).find({ persona: { $exists: true } }).sort({ persona: 1 }).toArray();
}

/** Everyone holding any of the role keys (shared/identity roleKeysOf), with their roles. */
export async function usersWithRoleKeys(db: Db, keys: string[]): Promise<Pick<User, '_id' | 'name' | 'roles'>[]> {
  return users(db).find({ roleKeys: { $in: keys } }, { projection: { _id: 1, name: 1, roles: 1 } }).toArray();
}

/** The ids of everyone holding any of the role keys. */
export async function userIdsWithRoleKeys(db: Db, keys: string[]): Promise<string[]> {
  return (await users(db).find({ roleKeys: { $in: keys } }, { projection: { _id: 1 } }).toArray()).map((u) => String(u._id));
}

/** How many of these users hold the role key. */
export async function countUsersWithRole(db: Db, userIds: string[], roleKey: string): Promise<number> {
  return users(db).countDocuments({ _id: { $in: userIds }, roleKeys: roleKey });
}

/** Names by user id (unknown ids are absent). */
export async function userNames(db: Db, ids: string[]): Promise<Record<string, string>> {
  return Object.fromEntries((await users(db).find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray()).map((u) => [u._id, u.name]));
}

export async function userNameAndRoles(db: Db, id: string): Promise<Pick<User, '_id' | 'name' | 'roles'> | null> {
  return users(db).findOne({ _id: id }, { projection: { name: 1, roles: 1 } });
}

/** How many of the ids are users. */
export async function countUsers(db: Db, ids: string[]): Promise<number> {
  return users(db).countDocuments({ _id: { $in: ids } });
}

/** The role bindings of each of these users (unknown ids are absent). */
export async function rolesOfUsers(db: Db, ids: string[]): Promise<Pick<User, '_id' | 'roles'>[]> {
  return users(db).find({ _id: { $in: ids } }, { projection: { roles: 1 } }).toArray();
}

/** Accounts holding any of these mobile numbers (an import matching owners to existing people). */
export async function usersByPhones(db: Db, phones: string[]): Promise<Pick<User, '_id' | 'phone' | 'openid'>[]> {
  return users(db).find({ phone: { $in: phones } }, { projection: { phone: 1, openid: 1 } }).toArray();
}

/** Accounts by WeChat openid or mobile number (the dev page naming who the stand-ins sent messages to). */
export async function usersByOpenidsOrPhones(db: Db, openids: string[], phones: string[]): Promise<Pick<User, '_id' | 'name' | 'roles' | 'phone' | 'openid'>[]> {
  if (!openids.length && !phones.length) return [];
  return users(db)
    .find({ $or: [{ openid: { $in: openids } }, { phone: { $in: phones } }] }, { projection: { name: 1, roles: 1, phone: 1, openid: 1 } })
    .toArray();
}

/** Inserts accounts in order (a staged import's new people, tagged with its batch). */
export async function insertUsers(db: Db, rows: (User & { importBatch?: string })[]): Promise<void> {
  if (rows.length) await users(db).insertMany(rows, { ordered: true });
}

/** Deletes the accounts a rolled-back import batch created, unless their owner has since signed in with WeChat. */
export async function deleteImportedUsers(db: Db, batch: string): Promise<void> {
  await users(db).deleteMany({ importBatch: batch, openid: { $exists: false } });
}

/** Adds a role binding unless the user already holds `key` (a re-run grants nothing twice). */
export async function grantRoleOnce(db: Db, userId: string, key: string, binding: RoleBinding): Promise<void> {
  await users(db).updateOne({ _id: userId, roleKeys: { $ne: key } }, { $push: { roles: binding }, $addToSet: { roleKeys: { $each: roleKeysOf([binding]) } }, $inc: { version: 1 } });
}

/** Adds an invitation's role binding, once per invitation (a retry binds nothing twice). */
export async function bindRole(db: Db, userId: string, binding: RoleBinding & { invitationId: string }, roleKeys: string[]): Promise<void> {
  await users(db).updateOne({ _id: userId, 'roles.invitationId': { $ne: binding.invitationId } }, { $push: { roles: binding }, $addToSet: { roleKeys: { $each: roleKeys } }, $inc: { version: 1 } });
}

/** Sets the user's own fields that nothing else writes (not versioned); returns the user after. */
export async function setOwnFields(db: Db, userId: string, set: Record<string, unknown>): Promise<User | null> {
  return users(db).findOneAndUpdate({ _id: userId }, { $set: set as Partial<User> }, { returnDocument: 'after' });
}

/** Name, phone and whether they ever signed in (openid), by user id: what a party list or a printed kit shows (masked). */
export async function contactsByIds(db: Db, ids: string[]): Promise<Map<string, { name: string; phone?: string; hasAccount: boolean }>> {
  const rows = await users(db).find({ _id: { $in: ids } }, { projection: { name: 1, phone: 1, openid: 1 } }).toArray();
  return new Map(rows.map((u) => [u._id, { name: u.name, phone: u.phone, hasAccount: !!u.openid }]));
}

/**
 * Takes a project off a user's bindings of `role` (a person removed from a project party): the binding keeps its
 * other projects, or goes when it had no other. Versioned; retried once when the user changed meanwhile.
 */
export async function revokeProjectRole(db: Db, userId: string, role: RoleBinding['role'], projectId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const u = await users(db).findOne({ _id: userId }, { projection: { roles: 1, version: 1 } });
    if (!u) return;
    let changed = false;
    const roles = u.roles.flatMap((b) => {
      if (b.role !== role || !b.projectIds?.includes(projectId)) return [b];
      changed = true;
      const projectIds = b.projectIds.filter((x) => x !== projectId);
      return projectIds.length ? [{ ...b, projectIds }] : [];
    });
    if (!changed) return;
    const r = await users(db).updateOne({ _id: userId, version: u.version }, { $set: { roles, roleKeys: roleKeysOf(roles) }, $inc: { version: 1 } });
    if (r.modifiedCount === 1) return;
  }
  throw new Error(`revokeProjectRole: user ${userId} kept changing`);
}

// People by phone (docs/domain/identity.md) ---------------------------------------------------------------------

const isDuplicateKey = isDuplicateKeyError;

/** The account holding this 11-digit mobile, if any. */
export async function findUserByPhone(db: Db, phone: string): Promise<User | null> {
  return users(db).findOne({ phone });
}

/**
 * The user id of the person with this phone: the account holding it, or a new contact account (name + phone,
 * no openid) that the person claims when they prove the phone. Race-safe on the unique phone index: of two
 * callers creating one person, the second finds the first's account. An existing person's name is kept.
 * Throws 400 `invalid_phone` unless the phone is a mainland mobile.
 * @example await ensureContact(db, { name: '王工', phone: '137 1111 2222' }, now) // 'u_…'
 */
export async function ensureContact(db: Db, p: { name: string; phone: string }, now: Date): Promise<string> {
  const phone = toMainlandMobile(p.phone);
  if (!phone) throw invalid('手机号格式不正确，请填写11位手机号', 'invalid_phone');
  const name = p.name.trim();
  if (!name) throw invalid('姓名不能为空', 'invalid_name');
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await users(db).findOne({ phone }, { projection: { _id: 1 } });
    if (found) return found._id;
    try {
      const id = newId('u', now.getTime());
      await users(db).insertOne({ _id: id, name, phone, roles: [], roleKeys: [], createdAt: now, version: 1 });
      return id;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // a parallel call created the person first: find theirs
    }
  }
  throw conflict('手机号正在被同时登记，请重试', 'phone_busy');
}

/** Sets the phone of an account that holds `expected` (its own, or none). Null when the account changed meanwhile; throws a duplicate-key error (isDuplicateKeyError) when the phone is taken. */
export async function setPhoneIf(db: Db, userId: string, expected: string | undefined, phone: string): Promise<User | null> {
  return users(db).findOneAndUpdate(
    { _id: userId, phone: expected ?? { $exists: false }, mergedInto: { $exists: false } } as never,
    { $set: { phone }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  );
}

/** Step 1 of a merge: the fresh account parks its openid (so the unique index lets the contact account take it). */
export async function parkOpenid(db: Db, userId: string, openid: string): Promise<boolean> {
  const r = await users(db).updateOne(
    { _id: userId, openid, roles: { $size: 0 }, mergedInto: { $exists: false }, movingOpenid: { $exists: false } } as never,
    { $set: { movingOpenid: openid }, $unset: { openid: '' } },
  );
  return r.modifiedCount === 1;
}

/** Step 2: the contact account (no openid) takes the openid — the one atomic step deciding the winner of a race. */
export async function takeOpenid(db: Db, contactId: string, phone: string, openid: string): Promise<User | null> {
  return users(db).findOneAndUpdate(
    { _id: contactId, phone, openid: { $exists: false }, mergedInto: { $exists: false } } as never,
    { $set: { openid }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  );
}

/** Step 3: the fresh account is marked merged (its tokens stop working; its phone, if any, is released). */
export async function markMerged(db: Db, userId: string, into: string): Promise<void> {
  await users(db).updateOne({ _id: userId }, { $set: { mergedInto: into }, $unset: { movingOpenid: '', phone: '' }, $inc: { version: 1 } });
}

/** Undo of step 1 when another account won the phone. */
export async function unparkOpenid(db: Db, userId: string, openid: string): Promise<void> {
  await users(db).updateOne({ _id: userId, movingOpenid: openid }, { $set: { openid }, $unset: { movingOpenid: '' } });
}

/**
 * Finishes a merge a crash interrupted after step 1: if another account holds the openid now, the parked account
 * is marked merged into it; otherwise the openid goes back. Called before a login or a claim looks the openid up.
 */
export async function settleMovingOpenid(db: Db, openid: string): Promise<void> {
  const parked = await users(db).findOne({ movingOpenid: openid }, { projection: { _id: 1 } });
  if (!parked) return;
  const holder = await users(db).findOne({ openid }, { projection: { _id: 1 } });
  if (holder) await markMerged(db, parked._id, holder._id);
  else await unparkOpenid(db, parked._id, openid);
}

/** Sets the user's display name (their own field). */
export async function setUserName(db: Db, userId: string, name: string): Promise<User | null> {
  return users(db).findOneAndUpdate({ _id: userId }, { $set: { name }, $inc: { version: 1 } }, { returnDocument: 'after' });
}

/** Marks the account's phone as proved now (the person can be reached and has signed in). */
export async function markPhoneVerified(db: Db, userId: string, at: Date): Promise<void> {
  await users(db).updateOne({ _id: userId }, { $set: { phoneVerifiedAt: at } });
}

/**
 * Gives a user (hold) or takes from them (release) the 片长 binding for one grid: the grid joins or leaves their
 * areaChief binding of that city and town (a binding left with no grid goes). Versioned; retried when the user
 * changed meanwhile. The grid's own `areaChiefId` is the directory's (contexts/cases/grid-chief.ts).
 */
export async function setAreaChiefGrid(db: Db, userId: string, where: { cityId: string; townId: string; gridId: string }, hold: boolean): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const u = await users(db).findOne({ _id: userId }, { projection: { roles: 1, version: 1 } });
    if (!u) return;
    const chiefHere = (b: RoleBinding) => b.role === 'areaChief' && b.cityId === where.cityId && b.townId === where.townId;
    const holds = u.roles.some((b) => chiefHere(b) && (b.gridIds ?? []).includes(where.gridId));
    if (holds === hold) return;
    let roles: RoleBinding[];
    if (hold) {
      const i = u.roles.findIndex(chiefHere);
      roles = i >= 0 ? u.roles.map((b, k) => (k === i ? { ...b, gridIds: [...(b.gridIds ?? []), where.gridId] } : b)) : [...u.roles, { role: 'areaChief', cityId: where.cityId, townId: where.townId, gridIds: [where.gridId] }];
    } else {
      roles = u.roles.flatMap((b) => {
        if (!chiefHere(b) || !(b.gridIds ?? []).includes(where.gridId)) return [b];
        const gridIds = (b.gridIds ?? []).filter((g) => g !== where.gridId);
        return gridIds.length ? [{ ...b, gridIds }] : [];
      });
    }
    const r = await users(db).updateOne({ _id: userId, version: u.version }, { $set: { roles, roleKeys: roleKeysOf(roles) }, $inc: { version: 1 } });
    if (r.modifiedCount === 1) return;
  }
  throw new Error(`setAreaChiefGrid: user ${userId} kept changing`);
}
