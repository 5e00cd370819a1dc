import type * as z from 'zod';
import { DomainError, forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { judgeAgency, planRefusals, shanghaiDay, type GateRefusal } from '@cityloop/shared/fire-testing/fire-gates';
import { DEFAULT_GEOFENCE_M, SITE_ROLES } from '@cityloop/shared/fire-testing/fire.limits';
import type { projectRequest } from '@cityloop/shared/fire-testing/fire.contract';
import { FIRE_PROJECT_MACHINE } from '@cityloop/shared/fire-testing/fire-project.machine';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { runCommand } from '../../platform/command/run-command';
import { newId } from '../../platform/ids';
import { ensureContact } from '../../platform/auth/users.repository';
import { asRegistryPerson, FIRE_PROJECTS, type FireAgency, type FirePerson, type FireProject, type TeamMember } from './firetest.collections';
import { agencyPeople, findAgency, findInstruments, findPeople } from './registry.repository';
import { insertProject, projectRepository } from './project.repository';
import { requireFire } from './fire-access';
import { teamRole } from './fire-team';

type Ctx = FireCtx;

/** All the gates' refusals in one 400: the first one's code, every message (each names its person or instrument). */
const refused = (rs: GateRefusal[]) => new DomainError(rs[0].code, 400, rs.map((r) => r.message).join('；'), { refusals: rs });

/** The gates on `day` for a plan of `agency` (the registry read now: a lapsed certificate or a departed engineer counts). */
async function gates(deps: Deps, agency: FireAgency, plan: { kind: FireProject['kind']; projectLead: string; techLead: string; operators: string[]; instruments: string[] }, day: string) {
  const people = await agencyPeople(deps.db, agency._id);
  // everyone named, wherever they practise: a refusal names a person of another agency too
  const byId = new Map((await findPeople(deps.db, [plan.projectLead, plan.techLead, ...plan.operators])).map((p) => [p._id, p] as const));
  const instruments = new Map((await findInstruments(deps.db, plan.instruments)).map((i) => [i._id, i] as const));
  const person = (id: string) => (byId.has(id) ? asRegistryPerson(byId.get(id)!) : null);
  const refusals = planRefusals({
    agency: { id: agency._id, name: agency.name, scope: agency.practice.scope, qualification: judgeAgency(agency._id, agency.practice, people.map(asRegistryPerson), day) },
    kind: plan.kind,
    testDate: day,
    projectLead: person(plan.projectLead),
    techLead: person(plan.techLead),
    operators: plan.operators.map(person),
    instruments: plan.instruments.map((id) => {
      const i = instruments.get(id);
      return i ? { id: i._id, type: i.type, serial: i.serial, calibrationNo: i.calibrationNo, validUntil: i.validUntil, agencyId: i.agencyId } : null;
    }),
  });
  return { refusals, byId, instruments };
}

const member = (p: FirePerson, siteRole: string): TeamMember => ({
  personId: p._id,
  name: p.name,
  ...(p.userId ? { userId: p.userId } : {}),
  siteRole,
  ...(p.engineer ? { registrationNo: p.engineer.registrationNo, level: p.engineer.level } : {}),
  ...(p.operator ? { certificateNo: p.operator.certificateNo, level: p.operator.level } : {}),
});

/**
 * An agency's staff plans a test project. Gates (issue: agency qualified, each person qualified, each instrument
 * calibrated on the test date, the test within the practice scope): any refusal answers 400 naming the person or
 * instrument, and nothing is written.
 */
export async function createProject(deps: Deps, actor: NonNullable<Actor>, body: z.output<typeof projectRequest>, ctx: Ctx): Promise<FireProject> {
  const binding = actor.roles.find((b) => b.role === 'agency' && b.orgId);
  if (!binding) throw forbidden('只有检测机构人员可以创建检测项目', 'fire_forbidden');
  const agency = await findAgency(deps.db, binding.orgId!);
  if (!agency) throw notFound('机构不存在');
  const id = newId('ft');
  const scope = { cityId: agency.scope.cityId, ...((body.building.townId ?? agency.scope.townId) ? { townId: body.building.townId ?? agency.scope.townId } : {}), orgIds: [agency._id], projectId: id };
  requireFire(actor, ['fire.work'], scope, '机构不存在');
  const t = deps.now();
  const day = body.testDate < shanghaiDay(t) ? shanghaiDay(t) : body.testDate;
  const g = await gates(deps, agency, { kind: body.kind, ...body.team, instruments: body.instruments }, day);
  if (g.refusals.length) throw refused(g.refusals);
  const ownerUserId = body.client.phone ? await ensureContact(deps.db, { name: body.client.name, phone: body.client.phone }, t) : undefined;
  const event: DomainEvent = { id: newId('ev'), action: 'project.plan', at: t, actorId: actor.userId, role: 'agency', to: 'planned' };
  const { townId: _town, geofenceM, ...building } = body.building;
  const doc: FireProject = {
    ...createdAggregate(FIRE_PROJECTS, id, event, [], { ...ctx, scope }),
    agencyId: agency._id,
    agencyName: agency.name,
    kind: body.kind,
    building: { ...building, geofenceM: geofenceM ?? DEFAULT_GEOFENCE_M, key: `${agency.scope.cityId}:${body.building.address.replace(/\s+/g, '')}` },
    client: { name: body.client.name, ...(body.client.phone ? { phone: body.client.phone } : {}), ...(ownerUserId ? { userId: ownerUserId } : {}) },
    contractNo: body.contractNo,
    systems: body.systems,
    testDate: body.testDate,
    team: {
      projectLead: member(g.byId.get(body.team.projectLead)!, SITE_ROLES.projectLead),
      techLead: member(g.byId.get(body.team.techLead)!, SITE_ROLES.techLead),
      operators: body.team.operators.map((o) => member(g.byId.get(o)!, SITE_ROLES.operator)),
    },
    instruments: body.instruments.map((i) => g.instruments.get(i)!).map((i) => ({ id: i._id, type: i.type, serial: i.serial, calibrationNo: i.calibrationNo, validUntil: i.validUntil })),
    scans: [],
    records: [],
    state: 'planned',
    scope,
    createdAt: t,
    updatedAt: t,
  };
  await insertProject(deps.db, doc);
  return doc;
}

/** The project lead starts the test: the gates again on the day (a certificate or calibration may have lapsed since). */
export async function startProject(deps: Deps, actor: NonNullable<Actor>, id: string, version: number, ctx: Ctx): Promise<FireProject> {
  return runCommand(deps, {
    repo: projectRepository,
    id,
    eventAction: 'project.start',
    action: 'start',
    actor,
    version,
    notFoundMessage: '检测项目不存在',
    staleMessage: '检测项目已更新，请刷新后重试',
    ctx,
    authorize: (p) => {
      requireFire(actor, ['fire.work'], p.scope, '检测项目不存在');
      return teamRole(p, actor.userId).by;
    },
    step: { machine: FIRE_PROJECT_MACHINE, stateOf: (p) => p.state, stateField: 'state', context: (_p, by) => ({ by }) },
    precheck: async (p) => {
      const agency = (await findAgency(deps.db, p.agencyId))!;
      const day = shanghaiDay(deps.now());
      const g = await gates(deps, agency, { kind: p.kind, projectLead: p.team.projectLead.personId, techLead: p.team.techLead.personId, operators: p.team.operators.map((o) => o.personId), instruments: p.instruments.map((i) => i.id) }, day < p.testDate ? p.testDate : day);
      if (g.refusals.length) throw refused(g.refusals);
    },
    apply: ({ at }) => ({ set: { updatedAt: at } }),
  });
}
