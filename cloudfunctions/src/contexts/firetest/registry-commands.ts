import type * as z from 'zod';
import { conflict, forbidden, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { judgeAgency, shanghaiDay } from '@cityloop/shared/fire-testing/fire-gates';
import { CREDIT_START } from '@cityloop/shared/fire-testing/fire.limits';
import type { agencyRequest, instrumentRequest, practiceChangeRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { runCommand } from '../../platform/command/run-command';
import { newId } from '../../platform/ids';
import { isDuplicateKeyError } from '../../platform/db/duplicate-key';
import { FIRE_AGENCIES, FIRE_INSTRUMENTS, type FireAgency, type FireInstrument } from './firetest.collections';
import { agencyRepository, findAgency, findAgencyByCreditCode, insertAgency, insertInstrument } from './registry.repository';
import { requireFire } from './fire-access';
import { requalifyAgency } from './requalify-agency';

type Ctx = FireCtx;

/** The acting regulator's binding and the scope an agency they register gets (a town regulator's town, else the row's). */
export function agencyScopeFor(actor: NonNullable<Actor>, townId: string | undefined, cityId?: string) {
  const reg = actor.roles.find((b) => b.role === 'regulator' && (!cityId || b.cityId === cityId));
  if (!reg) throw forbidden(cityId ? '只有本市的监管部门可以登记检测机构' : '只有监管部门可以登记检测机构', 'fire_forbidden');
  return { cityId: reg.cityId, ...(reg.level === 'town' ? { townId: reg.townId } : townId ? { townId } : {}) };
}

/** A new agency document, judged on its conditions alone (no people yet), with its registration event. */
export function newAgencyDoc(deps: Deps, actor: NonNullable<Actor>, body: z.output<typeof agencyRequest>, scope: { cityId: string; townId?: string }, ctx: Ctx, action = 'agency.register'): FireAgency {
  const id = newId('fa');
  const t = deps.now();
  const qualification = { ...judgeAgency(id, body.practice, [], shanghaiDay(t)), decidedAt: t };
  const event: DomainEvent = { id: newId('ev'), action, at: t, actorId: actor.userId, role: 'regulator', data: { reasons: qualification.reasons } };
  return {
    ...createdAggregate(FIRE_AGENCIES, id, event, [], { ...ctx, scope }),
    name: body.name,
    creditCode: body.creditCode,
    address: body.address,
    practice: body.practice,
    qualification,
    credit: { score: CREDIT_START, history: [] },
    scope: { ...scope, orgIds: [id] },
    createdAt: t,
  };
}

/** The regulator registers an agency in their area; it starts unqualified until its engineers and operators join. */
export async function registerAgency(deps: Deps, actor: NonNullable<Actor>, body: z.output<typeof agencyRequest>, ctx: Ctx): Promise<FireAgency> {
  const scope = agencyScopeFor(actor, body.townId);
  const doc = newAgencyDoc(deps, actor, body, scope, ctx);
  requireFire(actor, ['fire.registry'], doc.scope, '机构不存在');
  const dup = await findAgencyByCreditCode(deps.db, body.creditCode);
  if (dup) throw conflict(`统一社会信用代码 ${body.creditCode} 已登记为“${dup.name}”`, 'agency_exists');
  try {
    await insertAgency(deps.db, doc);
  } catch (e) {
    if (isDuplicateKeyError(e)) throw conflict(`统一社会信用代码 ${body.creditCode} 已登记`, 'agency_exists');
    throw e;
  }
  return doc;
}

/** A change of practice conditions (workplace moved, quality system lapsed …): recorded, then the agency is judged again. */
export async function changePractice(deps: Deps, actor: NonNullable<Actor>, agencyId: string, body: z.output<typeof practiceChangeRequest>, ctx: Ctx): Promise<FireAgency> {
  await runCommand(deps, {
    repo: agencyRepository,
    id: agencyId,
    eventAction: 'agency.practice',
    actor,
    version: body.version,
    notFoundMessage: '机构不存在',
    staleMessage: '机构信息已更新，请刷新后重试',
    ctx,
    authorize: (a) => requireFire(actor, ['fire.registry', 'fire.staff'], a.scope, '机构不存在'),
    apply: ({ agg }) => ({ set: { practice: { ...agg.practice, ...body.practice } }, event: { data: { practice: body.practice } } }),
  });
  return requalifyAgency(deps, agencyId, '从业条件变更', ctx);
}

/** An agency's staff (or the regulator) registers a test instrument with its calibration. */
export async function registerInstrument(deps: Deps, actor: NonNullable<Actor>, agencyId: string, body: z.output<typeof instrumentRequest>, ctx: Ctx): Promise<FireInstrument> {
  const agency = await findAgency(deps.db, agencyId);
  if (!agency) throw notFound('机构不存在');
  const who = requireFire(actor, ['fire.staff', 'fire.registry'], agency.scope, '机构不存在');
  const id = newId('fi');
  const t = deps.now();
  const event: DomainEvent = { id: newId('ev'), action: 'instrument.register', at: t, actorId: actor.userId, role: who, data: { calibrationNo: body.calibrationNo, validUntil: body.validUntil } };
  const doc: FireInstrument = { ...createdAggregate(FIRE_INSTRUMENTS, id, event, [], { ...ctx, scope: agency.scope }), agencyId, ...body, scope: agency.scope, createdAt: t };
  try {
    await insertInstrument(deps.db, doc);
  } catch (e) {
    if (isDuplicateKeyError(e)) throw conflict(`出厂编号 ${body.serial} 的仪器已登记`, 'instrument_exists');
    throw e;
  }
  return doc;
}
