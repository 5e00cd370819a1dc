import type * as z from 'zod';
import { conflict, forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { requiredGroups, samplingShortfall } from '@cityloop/shared/concrete/sampling-frequency';
import { POUR_GEOFENCE_M, type WitnessPresence } from '@cityloop/shared/concrete/concrete.limits';
import { GROUP_MACHINE, type GroupAction, type GroupActor, type GroupContext, type GroupState } from '@cityloop/shared/concrete/specimen-group.machine';
import type { commissionRequest, pourRequest, receiptRequest, sampleRequest } from '@cityloop/shared/concrete/concrete.contract';
import { can } from '@cityloop/shared/policy/can';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { runCommand } from '../../platform/command/run-command';
import { CHIPS, CPROJECTS, GROUPS, LABS, POURS, TICKETS, type ChipBinding, type ConcreteProject, type Lab, type Pour, type SpecimenGroup, type Ticket } from './concrete.collections';
import { deleteDocs, docsByIds, findDoc, insertDoc, insertDocs, repositoryOf, writeAggregate } from './concrete-docs.repository';
import { born, gateDoc, type Ctx, type Person } from './concrete-access';
import { monthOf, raiseAlert } from './concrete-notices';
import { witnessPresent } from './witness-presence';
import { traceGroup, tracePour } from './trace-projection';
import { traceIdOf } from './trace-entries';

const groupRepo = repositoryOf<SpecimenGroup>(GROUPS);
/** The inspection batch of a group: one grade from one plant on one project (docs/domain/concrete.md §5.3). */
export const inspectionBatchIdOf = (projectId: string, plantId: string, grade: string) => `ib_${projectId}_${plantId}_${grade}`;

/** 浇筑登记: the contractor names the member, grade and volume; the platform says how many groups it needs. */
export async function registerPour(deps: Deps, actor: Person, b: z.output<typeof pourRequest>, ctx: Ctx, opts: { id?: string } = {}): Promise<Pour> {
  const { doc: project, who } = gateDoc(actor, await findDoc<ConcreteProject>(deps.db, CPROJECTS, b.projectId), 'concrete.pour', '只有本项目的施工单位可以登记浇筑', '工程项目不存在');
  const required = requiredGroups(b);
  const { base, at } = born(deps, POURS, 'po', 'concrete.pour_register', actor, who, `${b.member} ${b.grade} ${b.volumeM3} m³，应留置标养试件 ${required} 组`, project.scope, ctx, opts);
  const pour: Pour = { ...base, projectId: project._id, member: b.member, grade: b.grade, volumeM3: b.volumeM3, ...(b.batches != null ? { batches: b.batches } : {}), ...(b.shifts != null ? { shifts: b.shifts } : {}), date: new Date(b.date), requiredGroups: required, groupIds: [], shortfall: required, scope: project.scope, createdAt: at };
  await insertDoc(deps.db, POURS, pour);
  await tracePour(deps, pour);
  return pour;
}

/**
 * 见证取样: the supervisor's witness, on site, samples one group of 3 cubes from an accepted truck of this member and
 * binds each cube's chip. A chip bound before (to any group) refuses the whole group; nothing is written.
 */
export async function sampleGroup(deps: Deps, actor: Person, pourId: string, b: z.output<typeof sampleRequest>, ctx: Ctx, opts: { id?: string; seeded?: true } = {}): Promise<SpecimenGroup> {
  const { doc: pour, who } = gateDoc(actor, await findDoc<Pour>(deps.db, POURS, pourId), 'concrete.sample', '只有本项目监理单位的见证人员可以见证取样', '浇筑记录不存在');
  const ticket = await findDoc<Ticket>(deps.db, TICKETS, b.ticketId);
  if (!ticket || ticket.projectId !== pour.projectId) throw notFound('运输单不存在或不属于本项目');
  if (ticket.member !== pour.member) throw invalid(`运输单的浇筑部位是“${ticket.member}”，不是“${pour.member}”`, 'ticket_member');
  if (ticket.grade !== pour.grade) throw invalid(`运输单的强度等级是 ${ticket.grade}，本次浇筑为 ${pour.grade}`, 'ticket_grade');
  if (ticket.state !== 'accepted') throw conflict('该车混凝土尚未经施工、监理双方验收，不能取样', 'ticket_not_accepted');
  const chips = b.chips.map((c) => c.toUpperCase());
  if (new Set(chips).size !== 3) throw invalid('同一组 3 块试件的芯片不能重复', 'chip_repeated');
  const at = deps.now();
  // the demo seed writes its samplings without check-ins (marked `seeded`); everyone else must be checked in here now
  if (!opts.seeded && !(await witnessPresent(deps, pour, actor.userId, at))) throw forbidden(`您此时未在“${pour.member}”浇筑现场签到（见证员须经人脸核验、在项目位置 ${POUR_GEOFENCE_M} 米范围内签到），不能见证取样；请先到现场签到`, 'witness_not_on_site');
  const presence: WitnessPresence = opts.seeded ? 'seeded' : 'present';
  const bound = await docsByIds<ChipBinding>(deps.db, CHIPS, chips);
  if (bound.length) throw conflict(`芯片 ${bound.map((c) => c._id).join('、')} 已绑定到其他试件组，不能重复绑定`, 'chip_bound');
  const id = opts.id ?? newId('sg', at.getTime());
  const traceId = traceIdOf(pour.projectId, pour.member);
  const rows: ChipBinding[] = chips.map((c) => ({ _id: c, groupId: id, boundAt: at, boundBy: actor.userId, traceId }));
  try {
    await insertDocs(deps.db, CHIPS, rows);
  } catch (e) {
    // a concurrent binding took one of them: undo ours, refuse
    const mine = (await docsByIds<ChipBinding>(deps.db, CHIPS, chips)).filter((c) => c.groupId === id).map((c) => c._id);
    await deleteDocs(deps.db, CHIPS, mine);
    if ((e as { code?: number }).code === 11000) throw conflict('芯片已绑定到其他试件组，不能重复绑定', 'chip_bound');
    throw e;
  }
  const project = await findDoc<ConcreteProject>(deps.db, CPROJECTS, pour.projectId);
  const scope = { ...pour.scope, orgIds: [ticket.plantId, ...(project?.labId ? [project.labId] : [])] };
  const { base } = born(deps, GROUPS, 'sg', 'concrete.group_sample', actor, who, `${pour.member} 见证取样，芯片 ${chips.join('/')}`, scope, ctx, { id, data: { presence } });
  const group: SpecimenGroup = { ...base, pourId, projectId: pour.projectId, ticketId: ticket._id, plantId: ticket.plantId, member: pour.member, grade: pour.grade, cubeSizeMm: b.cubeSizeMm, chips, sampledAt: at, witnessId: actor.userId, witnessPresence: presence, state: 'sampled', loads: [], inspectionBatchId: inspectionBatchIdOf(pour.projectId, ticket.plantId, pour.grade), scope, month: monthOf(at) };
  await insertDoc(deps.db, GROUPS, group);
  const groupIds = [...pour.groupIds, id];
  const shortfall = samplingShortfall(pour.requiredGroups, groupIds.length);
  await writeAggregate(deps.db, POURS, pour, { groupIds, shortfall }, { id: newId('ev', at.getTime()), action: 'concrete.pour_group', at, actorId: actor.userId, role: who, reason: `留置第 ${groupIds.length} 组（应 ${pour.requiredGroups} 组）` }, [], ctx);
  await traceGroup(deps, group, { ...pour, groupIds, shortfall });
  return group;
}

/** 委托检测: only the project's owner (建设单位) commissions the lab (57号令 art. 21). */
export async function commissionLab(deps: Deps, actor: Person, projectId: string, b: z.output<typeof commissionRequest>, ctx: Ctx): Promise<ConcreteProject> {
  const { doc: project, who } = gateDoc(actor, await findDoc<ConcreteProject>(deps.db, CPROJECTS, projectId), 'concrete.commission', '只有建设单位可以委托检测机构（建设部令第57号第二十一条）', '工程项目不存在');
  const lab = await findDoc<Lab>(deps.db, LABS, b.labId);
  if (!lab || lab.scope.cityId !== project.scope.cityId) throw notFound('检测机构不存在');
  const at = deps.now();
  await writeAggregate(deps.db, CPROJECTS, project, { labId: lab._id, labName: lab.name }, { id: newId('ev', at.getTime()), action: 'concrete.commission', at, actorId: actor.userId, role: who, reason: `委托${lab.name}` }, [], ctx);
  return (await findDoc<ConcreteProject>(deps.db, CPROJECTS, projectId))!;
}

/**
 * 收样: the commissioned lab reads every chip of the group. A chip unknown to the platform, one bound to another
 * group, or one of the group's chips not read → the specimen is refused (the group is not received; nothing of it
 * changes) and the regulator is alerted.
 */
export async function receiveGroup(deps: Deps, actor: Person, groupId: string, b: z.output<typeof receiptRequest>, ctx: Ctx): Promise<SpecimenGroup> {
  const g = await findDoc<SpecimenGroup>(deps.db, GROUPS, groupId);
  if (!g) throw notFound('试件组不存在');
  const project = await findDoc<ConcreteProject>(deps.db, CPROJECTS, g.projectId);
  const labScope = { ...g.scope, orgIds: project?.labId ? [project.labId] : [] };
  if (!project?.labId || !can(actor, 'concrete.receive', { kind: 'concrete', scope: labScope }).allow) throw forbidden('只有建设单位委托的检测机构可以收样', 'lab_not_commissioned');
  const read = [...new Set(b.chipsRead.map((c) => c.toUpperCase()))];
  const known = await docsByIds<ChipBinding>(deps.db, CHIPS, read);
  const unknown = read.filter((c) => !known.some((k) => k._id === c));
  const foreign = known.filter((k) => k.groupId !== g._id).map((k) => k._id);
  const missing = g.chips.filter((c) => !read.includes(c));
  const problem = unknown.length ? { code: 'chip_unknown', text: `芯片 ${unknown.join('、')} 未在平台绑定` } : foreign.length ? { code: 'chip_other_group', text: `芯片 ${foreign.join('、')} 属于其他试件组` } : missing.length ? { code: 'chip_missing', text: `本组芯片 ${missing.join('、')} 未读到` } : null;
  if (problem) {
    await raiseAlert(deps, { kind: 'specimen_refused', message: `${project.labName}收样拒收：${g.member} 试件组，${problem.text}（疑似调换试件）`, scope: g.scope, projectId: g.projectId, plantId: g.plantId, labId: project.labId, refs: { groupId: g._id }, actorId: actor.userId, ctx });
    throw conflict(`拒收：${problem.text}，已报告监管部门`, problem.code);
  }
  return runCommand<SpecimenGroup, GroupState, GroupAction, GroupActor, GroupContext>(deps, {
    repo: groupRepo,
    id: groupId,
    loaded: g,
    eventAction: 'concrete.group_receive',
    action: 'receive',
    actor,
    version: 'none',
    notFoundMessage: '试件组不存在',
    staleMessage: '试件组已被他人更新，请重试',
    ctx,
    authorize: () => 'lab',
    step: { machine: GROUP_MACHINE, stateOf: (x) => x.state, stateField: 'state', context: (_x, who) => ({ by: who }) },
    apply: ({ at }) => ({ set: { labId: project.labId, 'scope.orgIds': [g.plantId, project.labId!], receipt: { at, by: actor.userId } }, event: { reason: `读取芯片 ${read.join('/')}` } }),
    after: (received) => traceGroup(deps, received),
  });
}

