import type { Actor } from '@cityloop/shared/identity/roles';
import type { CaseState } from '@cityloop/shared/city/case.machine';
import { findClass } from '@cityloop/shared/city/classes';
import { addWorkingHours, type WorkingCalendar } from '@cityloop/shared/city/working-calendar';
import { slaOfClass, stepDeadline, stepOfState, type StepSla } from '@cityloop/shared/city/step-sla';
import type { Deps } from '../../platform/deps';
import { userIdsWithRoleKeys } from '../../platform/auth/users.repository';
import type { CityCase } from './case.collection';
import type { CaseCommand } from './act-on-case';
import { monthDayTime } from '@cityloop/shared/notify/templates';
import { classTableOf, cityCalendar, SEED_TABLE } from '../cityconfig/public';

const staffIds = (deps: Deps, keys: string[]): Promise<string[]> => userIdsWithRoleKeys(deps.db, keys);

/** The people of the unit the case is dispatched to (none before dispatch). */
const unitStaff = (deps: Deps, c: CityCase): Promise<string[]> => (c.dispatchedAt && c.scope.orgIds?.length ? staffIds(deps, c.scope.orgIds.map((o) => `unit:org:${o}`)) : Promise.resolve([]));

export type Staff = { ids: string[]; title: string; sms?: boolean } | null;

/** The case's SLA: its snapshot; a case from before snapshots reads its class in the city's table today. */
async function slaOfCase(deps: Deps, c: CityCase): Promise<StepSla> {
  if (c.sla) return c.sla;
  const table = (await classTableOf(deps.db, c.scope.cityId)).table;
  const cls = findClass(c.kind, c.classCode, table) ?? findClass(c.kind, c.classCode, SEED_TABLE);
  return cls ? slaOfClass(cls) : { acceptHours: 2, dispatchHours: 1, handleHours: 15, handleUrgentHours: 2, checkHours: 7.5 };
}

/**
 * The deadline of the step the case waits for after an action (docs/domain/city.md §1.6): 受理 and 派遣 and 核查
 * from the moment it starts waiting; 处置 is the 处置时限 itself (`deadline`, extensions included).
 */
function nextStepDue(c: CityCase, to: CaseState, set: Record<string, unknown>, unset: Record<string, ''>, sla: StepSla, cal: WorkingCalendar, t: Date) {
  const step = stepOfState(to);
  if (!step) {
    unset.stepDue = '';
    return;
  }
  const current = c.stepDue;
  if (step === 'handle') {
    const deadline = (set.deadline as Date | undefined) ?? c.deadline ?? stepDeadline(sla, 'handle', c.urgent, t, cal);
    // the same 处置 deadline keeps its escalation mark; a new one (dispatch, extension) may be chased again
    const same = current?.step === 'handle' && current.at.getTime() === deadline.getTime();
    set.stepDue = { step, at: deadline, escalated: same ? current.escalated : false };
    return;
  }
  if (current?.step === step && c.state === to) return; // a self-transition: the step keeps waiting
  set.stepDue = { step, at: stepDeadline(sla, step, c.urgent, t, cal), escalated: false };
}

/** The fields an action writes besides the state, and the staff it tells. */
export async function effectOf(deps: Deps, actor: NonNullable<Actor>, c: CityCase, cmd: CaseCommand, to: CaseState, t: Date): Promise<{ set: Record<string, unknown>; unset: Record<string, ''>; staff: Staff }> {
  const set: Record<string, unknown> = { lastAction: cmd.action, updatedAt: t };
  const unset: Record<string, ''> = {};
  const sla = await slaOfCase(deps, c);
  const cal = await cityCalendar(deps.db, c.scope.cityId);
  const r = await baseEffect(deps, actor, c, cmd, to, t, set, unset, sla, cal);
  nextStepDue(c, to, set, unset, sla, cal, t);
  return r;
}

async function baseEffect(deps: Deps, actor: NonNullable<Actor>, c: CityCase, cmd: CaseCommand, to: CaseState, t: Date, set: Record<string, unknown>, unset: Record<string, ''>, sla: StepSla, cal: WorkingCalendar): Promise<{ set: Record<string, unknown>; unset: Record<string, ''>; staff: Staff }> {
  const chief = c.routing.areaChiefId ? [c.routing.areaChiefId] : [];
  switch (cmd.action) {
    case 'dispatch': {
      const unitId = cmd.unitId ?? c.routing.unitId!;
      set.dispatchedAt = t;
      set.deadline = stepDeadline(sla, 'handle', c.urgent, t, cal);
      set['scope.orgIds'] = [unitId];
      return { set, unset, staff: { ids: await staffIds(deps, [`unit:org:${unitId}`]), title: '新派遣案件，请接单处置', sms: c.urgent } };
    }
    case 'extend':
      set.extensionPending = { hours: cmd.extensionHours, reason: cmd.reason, by: actor.userId };
      return { set, unset, staff: { ids: chief, title: '延期申请待审批' } };
    case 'approve_extension':
      set.deadline = addWorkingHours(c.deadline ?? t, c.extensionPending!.hours, cal);
      set.extensionsGranted = c.extensionsGranted + 1;
      unset.extensionPending = '';
      break;
    case 'deny_extension':
      unset.extensionPending = '';
      break;
    case 'return':
      return { set, unset, staff: { ids: chief, title: '责任单位回退，请重新派遣' } };
    case 'report':
      return { set, unset, staff: { ids: [...new Set([...chief, ...(await staffIds(deps, [`patroller:grid:${c.scope.gridId}`]))])], title: '已反馈，请现场核查' } };
    case 'verify':
      if (to === 'closed') {
        set.closedAt = t;
        break;
      }
      set.reworkCount = c.reworkCount + 1;
      return { set, unset, staff: { ids: await unitStaff(deps, c), title: '核查未通过，请返工', sms: true } };
    case 'rate':
      set.rating = cmd.rating;
      break;
    case 'assign_grid': {
      // the grid's area chief owns the case from now on (the town's queue no longer holds it)
      const grid = cmd.grid!;
      set['scope.gridId'] = grid.id;
      set['routing.gridId'] = grid.id;
      set['routing.areaChiefId'] = grid.areaChiefId;
      set['routing.missing'] = c.routing.missing.filter((m) => m !== 'grid' && (m !== 'area_chief' || !grid.areaChiefId));
      if (c.routing.unitId && grid.areaChiefId) set['routing.queue'] = 'unit';
      return { set, unset, staff: { ids: grid.areaChiefId ? [grid.areaChiefId] : [], title: '镇街交办的案件，请受理' } };
    }
    case 'supplement':
      return { set, unset, staff: { ids: [...chief, ...(await unitStaff(deps, c))], title: '市民补充了问题信息' } };
    case 'withdraw':
      set.withdrawnAt = t;
      unset.extensionPending = '';
      return { set, unset, staff: { ids: [...chief, ...(await unitStaff(deps, c))], title: '市民已撤回上报，无需处置' } };
    case 'remind':
      set.remindedAt = t;
      return { set, unset, staff: { ids: await unitStaff(deps, c), title: '片长催办：案件已超期，请尽快处置' } };
    case 'supervise': {
      // the unit working on it and the area chief hear of it at once (SMS: a regulator's 督办 is an escalation)
      set.supervision = { note: cmd.reason, dueAt: new Date(cmd.dueAt!), by: actor.userId, at: t };
      const units = c.scope.orgIds?.length ? await staffIds(deps, c.scope.orgIds.map((o) => `unit:org:${o}`)) : [];
      return { set, unset, staff: { ids: [...new Set([...chief, ...units])], title: `监管部门督办，请于${monthDayTime(new Date(cmd.dueAt!))}前办结`, sms: true } };
    }
    case 'dispute':
      set.disputed = true;
      unset.closedAt = '';
      return { set, unset, staff: { ids: chief, title: '市民对结案有异议，请重新核查' } };
  }
  return { set, unset, staff: null };
}

