import type * as z from 'zod';
import { invalid, isDomainError } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { shanghaiDay } from '@cityloop/shared/fire-testing/fire-gates';
import { FIRE_PROJECT_MACHINE } from '@cityloop/shared/fire-testing/fire-project.machine';
import type { recordRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { runCommand } from '../../platform/command/run-command';
import { newId } from '../../platform/ids';
import { verifyCode } from '../../platform/codes/signed-code';
import type { FireProject } from './firetest.collections';
import { findProject, projectRepository } from './project.repository';
import { findAgency, findInstrument } from './registry.repository';
import { logForgery } from './event.repository';
import { requireFire } from './fire-access';
import { teamRole } from './fire-team';
import { requireOnSite } from './fire-presence';
import { requireEvidenceOf } from './fire-evidence';
import { raiseEvent } from './raise-event';

type Ctx = FireCtx;
const step = { machine: FIRE_PROJECT_MACHINE, stateOf: (p: FireProject) => p.state, context: (_p: FireProject, by: ReturnType<typeof teamRole>['by']) => ({ by }) };

/**
 * An operator scans an instrument's label before using it. A forged label is refused and logged; an instrument not in
 * the plan is refused; one whose calibration has lapsed is refused, logged, and raised to the regulator.
 */
export async function scanInstrument(deps: Deps, actor: NonNullable<Actor>, projectId: string, code: string, ctx: Ctx): Promise<FireProject> {
  let id: string;
  try {
    const v = verifyCode(deps.config.codeSecret, code);
    if (v.prefix !== 'fi') throw invalid('这不是检测仪器标签，请扫描仪器上粘贴的二维码', 'not_an_instrument');
    id = v.id;
  } catch (e) {
    if (isDomainError(e) && e.code === 'code_forged') await logForgery(deps.db, { _id: newId('ff'), kind: 'instrument_code', input: code.slice(0, 300), ip: ctx.ip, actorId: actor.userId, at: deps.now() });
    throw e;
  }
  const project = await findProject(deps.db, projectId);
  if (project) requireFire(actor, ['fire.work'], project.scope, '检测项目不存在');
  return runCommand(deps, {
    repo: projectRepository,
    id: projectId,
    eventAction: 'project.scan',
    action: 'record',
    actor,
    version: 'none',
    notFoundMessage: '检测项目不存在',
    staleMessage: '检测项目已更新，请重试',
    ctx,
    authorize: (p) => teamRole(p, actor.userId).by,
    step,
    precheck: async (p) => {
      const planned = p.instruments.find((i) => i.id === id);
      if (!planned) throw invalid('该仪器不在本项目的检测方案中', 'instrument_not_in_plan');
      const inst = (await findInstrument(deps.db, id))!;
      const today = shanghaiDay(deps.now());
      if (inst.validUntil < today) {
        const agency = (await findAgency(deps.db, p.agencyId))!;
        await raiseEvent(deps, { kind: 'expired_instrument', detail: `${teamRole(p, actor.userId).member.name}在${p.building.name}检测时扫码使用仪器“${inst.type}”（编号 ${inst.serial}），其检定有效期至 ${inst.validUntil}，已超期`, agency, project: p, actorId: actor.userId }, ctx);
        throw invalid(`仪器“${inst.type}”（编号 ${inst.serial}）检定有效期至 ${inst.validUntil}，已超期，禁止使用；已记录并报送监管部门`, 'instrument_expired');
      }
    },
    apply: ({ agg, at }) => ({ set: { scans: [...agg.scans, { instrumentId: id, by: actor.userId, at }], updatedAt: at }, event: { data: { instrumentId: id } } }),
  });
}

/**
 * A member of the team records one system item on site: measured value, limit, verdict, photos. Refused when the
 * person is not on site at that moment, or the instrument named was not scanned first.
 */
export async function addRecord(deps: Deps, actor: NonNullable<Actor>, projectId: string, b: z.output<typeof recordRequest>, ctx: Ctx): Promise<FireProject> {
  return runCommand(deps, {
    repo: projectRepository,
    id: projectId,
    eventAction: 'project.record',
    action: 'record',
    actor,
    version: 'none',
    notFoundMessage: '检测项目不存在',
    staleMessage: '检测项目已更新，请重试',
    ctx,
    authorize: (p) => {
      requireFire(actor, ['fire.work'], p.scope, '检测项目不存在');
      return teamRole(p, actor.userId).by;
    },
    step,
    precheck: async (p) => {
      if (!p.systems.includes(b.system)) throw invalid(`“${b.system}”不在本项目的检测范围内`, 'system_not_in_scope');
      if (b.instrumentId && !p.scans.some((s) => s.instrumentId === b.instrumentId)) {
        const i = p.instruments.find((x) => x.id === b.instrumentId);
        throw invalid(i ? `仪器“${i.type}”（编号 ${i.serial}）使用前须先扫码核验` : '该仪器不在本项目的检测方案中', 'instrument_not_scanned');
      }
      await requireOnSite(deps, p, actor.userId, teamRole(p, actor.userId).member.name, deps.now());
      await requireEvidenceOf(deps, actor.userId, b.photos);
    },
    apply: ({ agg, at }) => {
      const by = teamRole(agg, actor.userId).member;
      const rec = { id: newId('rc', at.getTime(), 6), ...b, by: actor.userId, byName: by.name, at };
      return { set: { records: [...agg.records, rec], updatedAt: at }, event: { evidence: b.photos, data: { system: b.system, item: b.item, verdict: b.verdict } } };
    },
  });
}
