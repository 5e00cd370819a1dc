import type { Actor } from '@cityloop/shared/identity/roles';
import type { CaseState } from '@cityloop/shared/city/case.machine';
import { classByCode } from '@cityloop/shared/city/classes';
import { addWorkingHours, deadlineFor } from '@cityloop/shared/city/working-calendar';
import type { Deps } from '../../platform/deps';
import { userIdsWithRoleKeys } from '../../platform/auth/users.repository';
import type { CityCase } from './case.collection';
import type { CaseCommand } from './act-on-case';
import { CALENDAR } from './create-case';

const staffIds = (deps: Deps, keys: string[]): Promise<string[]> => userIdsWithRoleKeys(deps.db, keys);

export type Staff = { ids: string[]; title: string; sms?: boolean } | null;

/** The fields an action writes besides the state, and the staff it tells. */
export async function effectOf(deps: Deps, actor: NonNullable<Actor>, c: CityCase, cmd: CaseCommand, to: CaseState, t: Date): Promise<{ set: Record<string, unknown>; unset: Record<string, ''>; staff: Staff }> {
  const set: Record<string, unknown> = { lastAction: cmd.action, updatedAt: t };
  const unset: Record<string, ''> = {};
  const chief = c.routing.areaChiefId ? [c.routing.areaChiefId] : [];
  switch (cmd.action) {
    case 'dispatch': {
      const unitId = cmd.unitId ?? c.routing.unitId!;
      set.dispatchedAt = t;
      set.deadline = deadlineFor(classByCode(c.kind, c.classCode), c.urgent, t, CALENDAR);
      set['scope.orgIds'] = [unitId];
      return { set, unset, staff: { ids: await staffIds(deps, [`unit:org:${unitId}`]), title: '新派遣案件，请接单处置', sms: c.urgent } };
    }
    case 'extend':
      set.extensionPending = { hours: cmd.extensionHours, reason: cmd.reason, by: actor.userId };
      return { set, unset, staff: { ids: chief, title: '延期申请待审批' } };
    case 'approve_extension':
      set.deadline = addWorkingHours(c.deadline ?? t, c.extensionPending!.hours, CALENDAR);
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
      return { set, unset, staff: { ids: c.scope.orgIds?.length ? await staffIds(deps, c.scope.orgIds.map((o) => `unit:org:${o}`)) : [], title: '核查未通过，请返工', sms: true } };
    case 'rate':
      set.rating = cmd.rating;
      break;
    case 'dispute':
      set.disputed = true;
      unset.closedAt = '';
      return { set, unset, staff: { ids: chief, title: '市民对结案有异议，请重新核查' } };
  }
  return { set, unset, staff: null };
}

