import type * as z from 'zod';
import { conflict, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { personRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { runCommand } from '../../platform/command/run-command';
import { newId } from '../../platform/ids';
import { isDuplicateKeyError } from '../../platform/db/duplicate-key';
import { ensureContact, grantRoleOnce } from '../../platform/auth/users.repository';
import { FIRE_PEOPLE, type FireAgency, type FirePerson } from './firetest.collections';
import { findAgency, findEngineerByRegistration, findOperatorByCertificate, insertPerson, personRepository } from './registry.repository';
import { requireFire } from './fire-access';
import { requalifyAgency } from './requalify-agency';
import { agencyStaff, fireMessages, regulatorsOf, touch } from './fire-messages';

type Ctx = FireCtx;
type Body = z.output<typeof personRequest>;

const describe = (b: Body) => (b.kind === 'engineer' ? `${b.level === 1 ? '一级' : '二级'}注册消防工程师${b.name}（注册编号 ${b.registrationNo}）` : `消防设施操作员${b.name}（证书编号 ${b.certificateNo}）`);

/**
 * A registered fire engineer or a certified operator joins an agency. An engineer practises in one organisation at
 * a time: registering one who is still with another agency is refused (nothing of theirs changes) and that agency
 * and the regulator are told. The person's phone gives them an account with the agency's staff role. The agency is
 * then judged again (a second engineer may make it qualified).
 */
export async function registerPerson(deps: Deps, actor: NonNullable<Actor>, agencyId: string, body: Body, ctx: Ctx): Promise<FirePerson> {
  const agency = await findAgency(deps.db, agencyId);
  if (!agency) throw notFound('机构不存在');
  const who = requireFire(actor, ['fire.staff', 'fire.registry'], agency.scope, '机构不存在');
  const existing = body.kind === 'engineer' ? await findEngineerByRegistration(deps.db, body.registrationNo) : await findOperatorByCertificate(deps.db, body.certificateNo);
  if (existing?.agencyId === agencyId) throw conflict(`${describe(body)}已在本机构登记`, 'person_exists');
  if (existing?.agencyId) {
    const first = await findAgency(deps.db, existing.agencyId);
    await tellFirstAgency(deps, actor, existing, first!, agency, ctx);
    throw conflict(`${describe(body)}已在“${first?.name ?? '其他机构'}”执业，同一时间只能在一个机构执业；请先办理原机构的离职变更`, body.kind === 'engineer' ? 'engineer_registered_elsewhere' : 'operator_registered_elsewhere');
  }
  const t = deps.now();
  const userId = body.phone ? await ensureContact(deps.db, { name: body.name, phone: body.phone }, t) : existing?.userId;
  const facts = body.kind === 'engineer' ? { engineer: { level: body.level, registrationNo: body.registrationNo } } : { operator: { level: body.level, certificateNo: body.certificateNo, validUntil: body.validUntil } };
  let person: FirePerson;
  if (existing) {
    // back after leaving another agency: the same registry entry, now here
    person = await runCommand(deps, {
      repo: personRepository,
      id: existing._id,
      eventAction: 'person.join',
      actor,
      version: 'none',
      notFoundMessage: '人员不存在',
      staleMessage: '人员信息已更新，请重试',
      ctx,
      authorize: () => who,
      apply: () => ({ set: { agencyId, name: body.name, ...facts, ...(userId ? { userId } : {}), scope: agency.scope }, event: { data: { agencyId } } }),
    });
  } else {
    const id = newId('fp');
    const event: DomainEvent = { id: newId('ev'), action: 'person.join', at: t, actorId: actor.userId, role: who, data: { agencyId } };
    person = { ...createdAggregate(FIRE_PEOPLE, id, event, [], { ...ctx, scope: agency.scope }), name: body.name, kind: body.kind, agencyId, ...facts, ...(userId ? { userId } : {}), scope: agency.scope, createdAt: t };
    try {
      await insertPerson(deps.db, person);
    } catch (e) {
      if (isDuplicateKeyError(e)) throw conflict(`${describe(body)}刚被登记，请刷新后查看`, 'person_exists');
      throw e;
    }
  }
  if (userId) await grantRoleOnce(deps.db, userId, `agency:org:${agencyId}`, { role: 'agency', cityId: agency.scope.cityId, ...(agency.scope.townId ? { townId: agency.scope.townId } : {}), orgId: agencyId });
  await requalifyAgency(deps, agencyId, `${describe(body)}加入`, ctx);
  return person;
}

/** The refused second registration is recorded on the person and told to the first agency and the regulator. */
async function tellFirstAgency(deps: Deps, actor: NonNullable<Actor>, p: FirePerson, first: FireAgency, second: FireAgency, ctx: Ctx) {
  touch(ctx, FIRE_PEOPLE, p._id);
  await runCommand(deps, {
    repo: personRepository,
    id: p._id,
    eventAction: 'person.registration_refused',
    actor,
    version: 'none',
    notFoundMessage: '人员不存在',
    staleMessage: '人员信息已更新，请重试',
    ctx,
    authorize: () => 'system',
    apply: async ({ at, eventId }) => ({
      messages: fireMessages(eventId, [...(await agencyStaff(deps.db, first._id)), ...(await regulatorsOf(deps.db, first.scope))], at, {
        subject: first.name,
        title: '本机构人员被重复注册',
        body: `“${second.name}”申请登记${p.name}（${p.engineer?.registrationNo ?? p.operator?.certificateNo}），此人仍在本机构执业，已被拒绝。如已离职请办理变更`,
        page: `packages/fire/pages/agency/index?id=${first._id}`,
      }),
      event: { data: { refusedAgencyId: second._id } },
    }),
  });
}

/** A person leaves the agency; the agency is judged again (losing its only 一级 engineer suspends new work). */
export async function leaveAgency(deps: Deps, actor: NonNullable<Actor>, personId: string, ctx: Ctx): Promise<FirePerson> {
  const p = await findPerson(deps, personId);
  const agencyId = p.agencyId!;
  const agency = (await findAgency(deps.db, agencyId))!;
  const left = await runCommand(deps, {
    repo: personRepository,
    id: personId,
    eventAction: 'person.leave',
    actor,
    version: 'none',
    notFoundMessage: '人员不存在',
    staleMessage: '人员信息已更新，请重试',
    ctx,
    authorize: () => requireFire(actor, ['fire.staff', 'fire.registry'], agency.scope, '人员不存在'),
    apply: () => ({ set: { agencyId: null }, event: { data: { agencyId } } }),
  });
  await requalifyAgency(deps, agencyId, `${p.name}已离开本机构`, ctx);
  return left;
}

async function findPerson(deps: Deps, id: string): Promise<FirePerson> {
  const p = await personRepository.load(deps, id);
  if (!p || !p.agencyId) throw notFound('人员不存在');
  return p;
}
