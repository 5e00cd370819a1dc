import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
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
