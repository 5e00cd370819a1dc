import type { RoleBinding, Actor } from '../identity/roles';
import type { Scope } from './scope';

/**
 * A predicate answers both "may this binding touch this scope?" (test) and
 * "which documents may it touch?" (filter, a MongoDB filter on `scope.*`), so single reads
 * and list queries can never disagree.
 */
export type Predicate = {
  name: string;
  test: (b: RoleBinding, s: Scope, actor: NonNullable<Actor>) => boolean;
  filter: (b: RoleBinding, actor: NonNullable<Actor>) => Record<string, unknown>;
};

export const inCity: Predicate = {
  name: 'in_city',
  test: (b, s) => s.cityId === b.cityId && (b.role !== 'regulator' || b.level === 'city'),
  filter: (b) => ({ 'scope.cityId': b.cityId }),
};

export const inTown: Predicate = {
  name: 'in_town',
  test: (b, s) => !!b.townId && s.cityId === b.cityId && s.townId === b.townId,
  filter: (b) => ({ 'scope.cityId': b.cityId, 'scope.townId': b.townId ?? '\u0000none' }),
};

export const inGrid: Predicate = {
  name: 'in_grid',
  test: (b, s) => s.cityId === b.cityId && !!s.gridId && (b.gridIds ?? []).includes(s.gridId),
  filter: (b) => ({ 'scope.cityId': b.cityId, 'scope.gridId': { $in: b.gridIds ?? [] } }),
};

export const inOrg: Predicate = {
  name: 'in_org',
  test: (b, s) => !!b.orgId && (s.orgIds ?? []).includes(b.orgId),
  filter: (b) => ({ 'scope.orgIds': b.orgId ?? '\u0000none' }),
};

/** An organisation's member acting in its city on what names the organisation (a monitoring unit's new pit). */
export const orgInCity: Predicate = {
  name: 'org_in_city',
  test: (b, s) => !!b.orgId && s.cityId === b.cityId && (s.orgIds ?? []).includes(b.orgId),
  filter: (b) => ({ 'scope.cityId': b.cityId, 'scope.orgIds': b.orgId ?? '\u0000none' }),
};

export const onProject: Predicate = {
  name: 'on_project',
  test: (b, s) => !!s.projectId && (b.projectIds ?? []).includes(s.projectId),
  filter: (b) => ({ 'scope.projectId': { $in: b.projectIds ?? [] } }),
};

/** Regulators see the city (level city) or their own town (level town). */
export const regulatorArea: Predicate = {
  name: 'regulator_area',
  test: (b, s, a) => (b.level === 'city' ? inCity.test(b, s, a) : inTown.test(b, s, a)),
  filter: (b, a) => (b.level === 'city' ? inCity.filter(b, a) : inTown.filter(b, a)),
};

/** Citizens: their own reports. */
export const createdBySelf: Predicate = {
  name: 'created_by_self',
  test: (_b, s, a) => !!s.createdBy && s.createdBy === a.userId,
  filter: (_b, a) => ({ 'scope.createdBy': a.userId }),
};

/** Anyone: public information (facility pages, plaques). */
export const isPublic: Predicate = {
  name: 'public',
  test: (_b, s) => s.public === true,
  filter: () => ({ 'scope.public': true }),
};

/** Platform admins act within their city. */
export const adminCity: Predicate = {
  name: 'admin_city',
  test: (b, s) => s.cityId === b.cityId,
  filter: (b) => ({ 'scope.cityId': b.cityId }),
};

// A person as the target (person.phone.read): `scope.person*` lists where their bindings apply (identity/person-scope.ts).

/** The platform admin of a city where the person holds a binding. */
export const personInAdminCity: Predicate = {
  name: 'person_in_admin_city',
  test: (b, s) => (s.personCityIds ?? []).includes(b.cityId),
  filter: (b) => ({ 'scope.personCityIds': b.cityId }),
};

/** A regulator whose area covers one of the person's bindings: the city (level city) or their town. */
export const personInRegulatorArea: Predicate = {
  name: 'person_in_regulator_area',
  test: (b, s) => (b.level === 'city' ? (s.personCityIds ?? []).includes(b.cityId) : !!b.townId && (s.personTownKeys ?? []).includes(`${b.cityId}/${b.townId}`)),
  filter: (b) => (b.level === 'city' ? { 'scope.personCityIds': b.cityId } : { 'scope.personTownKeys': b.townId ? `${b.cityId}/${b.townId}` : '\u0000none' }),
};

/** A project party sharing a project with the person. */
export const sharesProjectWithPerson: Predicate = {
  name: 'shares_project_with_person',
  test: (b, s) => (b.projectIds ?? []).some((p) => (s.personProjectIds ?? []).includes(p)),
  filter: (b) => ({ 'scope.personProjectIds': { $in: b.projectIds ?? [] } }),
};

/** The town queue: a regulator's area, only cases outside every grid (no area chief to act on them). */
export const townQueue: Predicate = {
  name: 'town_queue',
  test: (b, s, a) => !s.gridId && regulatorArea.test(b, s, a),
  filter: (b, a) => ({ ...regulatorArea.filter(b, a), 'scope.gridId': null }),
};

/** An expert invited to a 危大工程 review (or an alarm consultation): their own invitations, whatever their roles. */
export const invitedExpert: Predicate = {
  name: 'invited_expert',
  test: (_b, s, a) => (s.expertUserIds ?? []).includes(a.userId),
  filter: (_b, a) => ({ 'scope.expertUserIds': a.userId }),
};
