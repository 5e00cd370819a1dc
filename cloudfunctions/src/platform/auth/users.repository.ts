import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import { invalid } from '@cityloop/shared/errors';
import { USERS, type User } from './users';
import { newId } from '../ids';
import { toE164 } from '../sms/phone-number';

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

/**
 * The user with this mainland mobile number, or a new contact account (name + phone, no openid) when nobody has
 * it: how a person who never signed in (a pit party contact) gets an id that messages can be addressed to.
 * Race-safe on the unique index on `users.phone` (a concurrent insert loses with 11000 and reads the winner).
 * @example const id = await ensureContact(db, { name: '王工', phone: '13912345678' }, now)
 */
export async function ensureContact(db: Db, p: { name: string; phone: string }, now: Date): Promise<string> {
  const e164 = toE164(p.phone);
  if (!e164?.startsWith('+86')) throw invalid(`手机号 ${p.phone} 不是 11 位中国大陆手机号`, 'invalid_phone', { field: 'phone' });
  const phone = e164.slice(3);
  const found = await users(db).findOne({ phone }, { projection: { _id: 1 } });
  if (found) return found._id;
  const u: User = { _id: newId('u', now.getTime()), name: p.name, phone, roles: [], roleKeys: [], createdAt: now, version: 1 };
  try {
    await users(db).insertOne(u);
    return u._id;
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
    const winner = await users(db).findOne({ phone }, { projection: { _id: 1 } });
    if (!winner) throw e;
    return winner._id;
  }
}

/** Name, phone and whether they ever signed in (openid), by user id: what a party list shows (masked). */
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
