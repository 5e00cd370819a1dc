import type { Actor, Role, RoleBinding } from '../identity/roles';
import { RULES, type Rule } from './rules';
import type { Scope } from './scope';

/**
 * Test fixtures generated from the rules: for each predicate, a resource inside a binding's reach and
 * resources just outside it; for each role, the bindings an allowed actor holds. The policy matrix and the
 * FerretDB filter check are built from these, so a new predicate or role without a fixture fails them.
 */
export const CITY = 'dongguan';
export const OTHER_CITY = 'zhongshan';
export const TOWN = 'nancheng';
export const OTHER_TOWN = 'dongcheng';

/** `b` is null for the citizen and anyone rules; `userId` is the acting user. */
export type PredicateFixture = { inScope: (b: RoleBinding | null, userId: string) => Scope; outOfScope: (b: RoleBinding | null, userId: string) => Scope[] };

const city = (b: RoleBinding | null) => b?.cityId ?? CITY;
const town = (b: RoleBinding | null) => b?.townId ?? TOWN;
const otherTown = (b: RoleBinding | null) => (town(b) === OTHER_TOWN ? TOWN : OTHER_TOWN);
const grid = (b: RoleBinding | null) => b?.gridIds?.[0] ?? 'g-none';

export const PREDICATE_FIXTURES: Record<string, PredicateFixture> = {
  in_city: {
    inScope: (b) => ({ cityId: city(b), townId: otherTown(b) }),
    outOfScope: (b) => [{ cityId: OTHER_CITY, townId: town(b) }],
  },
  in_town: {
    inScope: (b) => ({ cityId: city(b), townId: town(b), gridId: grid(b) }),
    outOfScope: (b) => [{ cityId: city(b), townId: otherTown(b) }, { cityId: OTHER_CITY, townId: town(b) }],
  },
  in_grid: {
    inScope: (b) => ({ cityId: city(b), townId: town(b), gridId: grid(b) }),
    outOfScope: (b) => [{ cityId: city(b), townId: town(b), gridId: 'g-elsewhere' }, { cityId: OTHER_CITY, townId: town(b), gridId: grid(b) }, { cityId: city(b), townId: town(b) }],
  },
  in_org: {
    inScope: (b) => ({ cityId: city(b), townId: town(b), orgIds: ['org-first', b?.orgId ?? 'org-none'] }),
    outOfScope: (b) => [{ cityId: city(b), townId: town(b), orgIds: ['org-elsewhere'] }, { cityId: city(b), townId: town(b) }],
  },
  org_in_city: {
    inScope: (b) => ({ cityId: city(b), townId: otherTown(b), orgIds: [b?.orgId ?? 'org-none'] }),
    outOfScope: (b) => [{ cityId: OTHER_CITY, townId: town(b), orgIds: [b?.orgId ?? 'org-none'] }, { cityId: city(b), townId: town(b), orgIds: ['org-elsewhere'] }, { cityId: city(b), townId: town(b) }],
  },
  on_project: {
    inScope: (b) => ({ cityId: city(b), townId: town(b), projectId: b?.projectIds?.[0] ?? 'p-none' }),
    outOfScope: (b) => [{ cityId: city(b), townId: town(b), projectId: 'p-elsewhere' }, { cityId: city(b), townId: town(b) }],
  },
  // a city-level regulator reaches every town of the city; a town-level one only their own
  regulator_area: {
    inScope: (b) => (b?.level === 'city' ? { cityId: city(b), townId: OTHER_TOWN } : { cityId: city(b), townId: town(b), gridId: 'g-any' }),
    outOfScope: (b) => (b?.level === 'city' ? [{ cityId: OTHER_CITY, townId: TOWN }] : [{ cityId: city(b), townId: otherTown(b) }, { cityId: OTHER_CITY, townId: town(b) }, { cityId: city(b) }]),
  },
  created_by_self: {
    inScope: (_b, userId) => ({ cityId: CITY, townId: TOWN, createdBy: userId }),
    outOfScope: () => [{ cityId: CITY, townId: TOWN, createdBy: 'someone-else' }, { cityId: CITY, townId: TOWN }],
  },
  public: {
    inScope: () => ({ cityId: CITY, townId: TOWN, public: true }),
    outOfScope: () => [{ cityId: CITY, townId: TOWN }, { cityId: CITY, townId: TOWN, public: false }],
  },
  // a person (person.phone.read): matched by where their bindings apply, never by the plain cityId
  person_in_admin_city: {
    inScope: (b) => ({ cityId: OTHER_CITY, personCityIds: [OTHER_CITY, city(b)] }),
    outOfScope: (b) => [{ cityId: city(b), personCityIds: [OTHER_CITY] }, { cityId: city(b) }],
  },
  person_in_regulator_area: {
    inScope: (b) =>
      b?.level === 'city'
        ? { cityId: OTHER_CITY, personCityIds: [OTHER_CITY, city(b)], personTownKeys: [`${city(b)}/${OTHER_TOWN}`] }
        : { cityId: city(b), personCityIds: [city(b)], personTownKeys: [`${city(b)}/${otherTown(b)}`, `${city(b)}/${town(b)}`] },
    outOfScope: (b) =>
      b?.level === 'city'
        ? [{ cityId: city(b), personCityIds: [OTHER_CITY], personTownKeys: [`${OTHER_CITY}/${TOWN}`] }]
        : [{ cityId: city(b), townId: town(b), personCityIds: [city(b)], personTownKeys: [`${city(b)}/${otherTown(b)}`] }, { cityId: city(b), personCityIds: [city(b)], personTownKeys: [`${OTHER_CITY}/${town(b)}`] }],
  },
  shares_project_with_person: {
    inScope: (b) => ({ cityId: city(b), personCityIds: [city(b)], personProjectIds: ['p-other', b?.projectIds?.[0] ?? 'p-none'] }),
    outOfScope: (b) => [{ cityId: city(b), projectId: b?.projectIds?.[0] ?? 'p-none', personProjectIds: ['p-elsewhere'] }, { cityId: city(b), personCityIds: [city(b)] }],
  },
  // like regulator_area, but only cases outside every grid
  town_queue: {
    inScope: (b) => (b?.level === 'city' ? { cityId: city(b), townId: OTHER_TOWN } : { cityId: city(b), townId: town(b) }),
    outOfScope: (b) =>
      b?.level === 'city'
        ? [{ cityId: OTHER_CITY, townId: TOWN }, { cityId: city(b), townId: OTHER_TOWN, gridId: 'g-any' }]
        : [{ cityId: city(b), townId: town(b), gridId: 'g-any' }, { cityId: city(b), townId: otherTown(b) }, { cityId: OTHER_CITY, townId: town(b) }],
  },
  admin_city: {
    inScope: (b) => ({ cityId: city(b), townId: otherTown(b) }),
    outOfScope: (b) => [{ cityId: OTHER_CITY, townId: town(b) }],
  },
  invited_expert: {
    inScope: (_b, userId) => ({ cityId: CITY, townId: TOWN, expertUserIds: ['expert-other', userId] }),
    outOfScope: () => [{ cityId: CITY, townId: TOWN, expertUserIds: ['expert-other'] }, { cityId: CITY, townId: TOWN }],
  },
};

const party = (role: Role, extra: Partial<RoleBinding> = {}): RoleBinding[] => [{ role, cityId: CITY, projectIds: ['p-1'], ...extra }];

/** The bindings an actor of each role may hold (both regulator levels), all inside one city and town. */
export const ROLE_BINDINGS: Record<Role, RoleBinding[]> = {
  admin: [{ role: 'admin', cityId: CITY }],
  regulator: [
    { role: 'regulator', level: 'town', cityId: CITY, townId: TOWN },
    { role: 'regulator', level: 'city', cityId: CITY },
  ],
  areaChief: [{ role: 'areaChief', cityId: CITY, townId: TOWN, gridIds: ['g-a1', 'g-a2'] }],
  patroller: [{ role: 'patroller', cityId: CITY, townId: TOWN, gridIds: ['g-a1'], orgId: 'org-patrol' }],
  enforcementOfficer: [{ role: 'enforcementOfficer', cityId: CITY, townId: TOWN }],
  unit: [{ role: 'unit', cityId: CITY, townId: TOWN, orgId: 'org-unit' }],
  shopOwner: [{ role: 'shopOwner', cityId: CITY, townId: TOWN, gridIds: ['g-a1'] }],
  owner: party('owner'),
  contractor: party('contractor', { orgId: 'org-builder' }),
  supervisor: party('supervisor', { orgId: 'org-supervisor' }),
  monitor: party('monitor', { orgId: 'org-monitor' }),
  designer: party('designer', { orgId: 'org-designer' }),
  plant: [{ role: 'plant', cityId: CITY, orgId: 'org-plant' }],
  lab: [{ role: 'lab', cityId: CITY, orgId: 'org-lab' }],
  agency: [{ role: 'agency', cityId: CITY, townId: TOWN, orgId: 'org-agency' }],
};

export const ruleId = (r: Rule) => `${r.action}:${r.who}:${r.where.name}`;

export type RuleCase = { label: string; actor: Actor; binding: RoleBinding | null; inScope: Scope; outOfScope: Scope[] };

/** The allowed actors of one rule (one per binding of its role), each with its in-scope and out-of-scope resources. */
export function ruleCases(rule: Rule): RuleCase[] {
  const fx = PREDICATE_FIXTURES[rule.where.name];
  if (!fx) throw new Error(`no fixture for predicate ${rule.where.name} (rule ${ruleId(rule)})`);
  if (rule.who === 'anyone' || rule.who === 'citizen') {
    const actor: Actor = rule.who === 'anyone' ? null : { userId: 'citizen-1', roles: [] };
    return [{ label: rule.who, actor, binding: null, inScope: fx.inScope(null, actor?.userId ?? ''), outOfScope: fx.outOfScope(null, actor?.userId ?? '') }];
  }
  const bindings = ROLE_BINDINGS[rule.who];
  if (!bindings?.length) throw new Error(`no binding fixture for role ${rule.who} (rule ${ruleId(rule)})`);
  return bindings.map((b) => {
    const userId = `u-${b.role}-${b.level ?? 'x'}`;
    return { label: `${b.role}${b.level ? `(${b.level})` : ''}`, actor: { userId, roles: [b] }, binding: b, inScope: fx.inScope(b, userId), outOfScope: fx.outOfScope(b, userId) };
  });
}

/** Every rule's cases, in rule order. */
export const allRuleCases = (): { rule: Rule; cases: RuleCase[] }[] => RULES.map((rule) => ({ rule, cases: ruleCases(rule) }));
