import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import { USERS, type User } from './users';
import { newId } from '../ids';

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

/** Accounts holding any of these mobile numbers (an import matching owners to existing people). */
export async function usersByPhones(db: Db, phones: string[]): Promise<Pick<User, '_id' | 'phone' | 'openid'>[]> {
  return users(db).find({ phone: { $in: phones } }, { projection: { phone: 1, openid: 1 } }).toArray();
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

export async function findUserByPhone(db: Db, phone: string): Promise<User | null> {
  return users(db).findOne({ phone });
}

const isDuplicate = (e: unknown) => (e as { code?: number }).code === 11000;

/**
 * The account of this mobile number: found by phone, or a new contact account (name + phone, no openid, no
 * roles). Race-safe on the unique phone index: of two concurrent calls one inserts, the other finds it.
 */
export async function ensureContact(db: Db, p: { name: string; phone: string }, now: Date): Promise<string> {
  const found = await users(db).findOne({ phone: p.phone }, { projection: { _id: 1 } });
  if (found) return found._id;
  const id = newId('u', now.getTime());
  try {
    await users(db).insertOne({ _id: id, name: p.name, phone: p.phone, roles: [], roleKeys: [], createdAt: now, version: 1 });
    return id;
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    const winner = await users(db).findOne({ phone: p.phone }, { projection: { _id: 1 } });
    if (!winner) throw e;
    return winner._id;
  }
}

/** Inserts a new account, or null when its phone (or openid) is already taken (the caller looks again). */
export async function insertUserUnlessTaken(db: Db, user: User): Promise<boolean> {
  try {
    await users(db).insertOne(user);
    return true;
  } catch (e) {
    if (isDuplicate(e)) return false;
    throw e;
  }
}

/** Sets the phone of an account that has none or another one; false when the phone is taken meanwhile. */
export async function setVerifiedPhone(db: Db, userId: string, phone: string, at: Date): Promise<boolean> {
  try {
    const r = await users(db).updateOne({ _id: userId }, { $set: { phone, phoneVerifiedAt: at }, $inc: { version: 1 } });
    return r.matchedCount === 1;
  } catch (e) {
    if (isDuplicate(e)) return false;
    throw e;
  }
}

/** Marks the phone of an account proved now. */
export async function markPhoneVerified(db: Db, userId: string, at: Date): Promise<void> {
  await users(db).updateOne({ _id: userId }, { $set: { phoneVerifiedAt: at } });
}

/**
 * Takes the openid off a fresh account (no roles, no phone, not merged yet) and marks it merged into
 * `intoId`; false when the account is no longer fresh (a concurrent claim or a role got there first).
 */
export async function retireFreshAccount(db: Db, userId: string, openid: string, intoId: string): Promise<boolean> {
  const r = await users(db).updateOne(
    { _id: userId, openid, roles: { $size: 0 }, phone: { $exists: false }, mergedInto: { $exists: false } },
    { $unset: { openid: '' }, $set: { mergedInto: intoId }, $inc: { version: 1 } },
  );
  return r.modifiedCount === 1;
}

/** Puts the openid on a contact account that has none; false when it got one meanwhile. */
export async function giveOpenid(db: Db, userId: string, openid: string, at: Date): Promise<boolean> {
  const r = await users(db).updateOne({ _id: userId, openid: { $exists: false } }, { $set: { openid, phoneVerifiedAt: at }, $inc: { version: 1 } });
  return r.modifiedCount === 1;
}

/** Gives the openid back to a retired account (the claim could not finish). */
export async function restoreFreshAccount(db: Db, userId: string, openid: string): Promise<void> {
  await users(db).updateOne({ _id: userId }, { $set: { openid }, $unset: { mergedInto: '' }, $inc: { version: 1 } });
}

/** Phones (and names) of accounts by id: what a printed kit shows masked. */
export async function usersByIds(db: Db, ids: string[]): Promise<Pick<User, '_id' | 'name' | 'phone'>[]> {
  return users(db).find({ _id: { $in: ids } }, { projection: { name: 1, phone: 1 } }).toArray();
}
