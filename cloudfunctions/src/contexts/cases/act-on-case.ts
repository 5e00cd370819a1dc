import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { CASE_ACTION_LABELS } from '@cityloop/shared/city/case.labels';
import { allowedCaseActions, CASE_ACTIONS, CASE_MACHINE, type CaseAction, type CaseActor, type CaseRating, type VerifyOutcome } from '@cityloop/shared/city/case.machine';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { personAction } from '../../platform/command/person-action';
import { requireOwnEvidence } from '../evidence/public';
import type { CityCase } from './case.collection';
import { caseRepository } from './case.repository';
import { citizenMessages, staffMessages } from './case-notices';
import { effectOf } from './case-action-effects';
import { findRegion, unitEligibility } from './directory.repository';
import { conflict, invalid } from '@cityloop/shared/errors';
import { forgetCodeAnswer } from '../../platform/codes/code-answers';

export type CaseCommand = {
  action: CaseAction;
  version: number;
  reason?: string;
  photos?: string[];
  rating?: CaseRating;
  outcome?: VerifyOutcome;
  unitId?: string;
  extensionHours?: number;
  /** `assign_grid`: the grid the town hands the case to */
  gridId?: string;
  /** set by the precheck of `assign_grid`: the grid, found in the case's town, and its area chief */
  grid?: { id: string; areaChiefId: string | null };
  /** `supervise`: 督办时限 (ISO) */
  dueAt?: string;
  location?: { lng: number; lat: number; accuracy?: number };
};

/** Overdue: the handling deadline (or the step the case waits for) has passed. */
export const isOverdue = (c: CityCase, now: Date): boolean => !c.closedAt && ((!!c.deadline && c.deadline.getTime() < now.getTime()) || (!!c.stepDue && c.stepDue.at.getTime() < now.getTime()));

const factsOf = (c: CityCase, now: Date) => ({ closedAt: c.closedAt ?? null, rated: !!c.rating, disputed: c.disputed, extensionPending: !!c.extensionPending, extensionsGranted: c.extensionsGranted, overdue: isOverdue(c, now), remindedAt: c.remindedAt ?? null });

/** The role the matched policy rule names ('case.accept:areaChief:in_grid' → areaChief), as the table's actor. */
function actorRole(actor: NonNullable<Actor>, action: CaseAction, c: CityCase): CaseActor | null {
  const d = can(actor, `case.${action}`, { kind: 'case', scope: c.scope });
  return d.allow ? (d.who as CaseActor) : null;
}

/** Buttons the caller may press on this case: allowed by policy AND by the transition table. */
export function casePolicies(actor: Actor, c: CityCase, now: Date): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const a of CASE_ACTIONS) {
    const by = actor ? actorRole(actor, a, c) : null;
    out[a] = !!by && allowedCaseActions(c.state, { by, facts: factsOf(c, now), now }).includes(a);
  }
  return out;
}

/** One step of the case loop, through the command runner (policy → version → table → one versioned write). */
export async function actOnCase(deps: Deps, actor: NonNullable<Actor>, caseId: string, cmd: CaseCommand, ctx: { requestId?: string; ip?: string }): Promise<CityCase> {
  return runCommand(deps, {
    ...personAction<CityCase, CaseAction, CaseActor>(actor, 'case', cmd, { rule: `case.${cmd.action}`, hidden: '案件不存在', refused: `您不能对该案件执行“${CASE_ACTION_LABELS[cmd.action]}”` }),
    repo: caseRepository,
    id: caseId,
    staleMessage: '案件已被他人处理，请刷新后再操作',
    ctx,
    step: {
      machine: CASE_MACHINE,
      stateOf: (c) => c.state,
      stateField: 'state',
      context: (c, by, now) => ({ by, now, reason: cmd.reason, photos: cmd.photos, rating: cmd.rating, outcome: cmd.outcome, unitId: cmd.unitId ?? (cmd.action === 'dispatch' ? c.routing.unitId ?? undefined : undefined), extensionHours: cmd.extensionHours, gridId: cmd.gridId, dueAt: cmd.dueAt ? new Date(cmd.dueAt) : undefined, facts: factsOf(c, now) }),
    },
    // after photos are the unit's own, and not the report's photos passed off as the result
    precheck: async (c) => {
      if (cmd.action === 'dispatch' && cmd.unitId) await requireDispatchable(deps, c, cmd.unitId);
      if (cmd.action === 'assign_grid' && cmd.gridId) cmd.grid = await requireGridOfTown(deps, c, cmd.gridId);
      if (cmd.photos?.length) await requireOwnEvidence(deps.db, actor.userId, cmd.photos, { images: true, notAmong: c.photos });
    },
    apply: async ({ agg: c, to, at: t, eventId }) => {
      const { set, unset, staff } = await effectOf(deps, actor, c, cmd, to!, t);
      const after = { ...c, ...set, state: to } as CityCase;
      const messages = [
        ...(to !== c.state || cmd.action === 'verify' ? citizenMessages(`${eventId}:c`, after, to!, cmd.reason, t) : []),
        ...(staff ? staffMessages(`${eventId}:s`, after, staff.ids.filter((u) => u !== actor.userId), staff.title, t, staff.sms) : []),
      ];
      const data = { ...(cmd.outcome ? { outcome: cmd.outcome } : {}), ...(cmd.rating ? { rating: cmd.rating } : {}), ...(cmd.unitId ? { unitId: cmd.unitId } : {}), ...(cmd.extensionHours ? { extensionHours: cmd.extensionHours } : {}), ...(cmd.gridId ? { gridId: cmd.gridId } : {}), ...(cmd.dueAt ? { dueAt: cmd.dueAt } : {}) };
      return { set, unset, messages, event: { reason: cmd.reason, evidence: cmd.photos, location: cmd.location, data } };
    },
    after: async (c) => forgetCodeAnswer(c.facilityId),
  });
}

/** A gridless case goes only to a grid of its own town (another town's grid would hide it from both). */
async function requireGridOfTown(deps: Deps, c: CityCase, gridId: string): Promise<{ id: string; areaChiefId: string | null }> {
  if (c.scope.gridId) throw conflict('该案件已属于网格，由片长处理', 'case_has_grid');
  const grid = await findRegion(deps.db, gridId, 'grid');
  if (!grid || grid.parentId !== c.scope.townId) throw invalid(`网格“${gridId}”不在本街道（镇），请从列表中选择`, 'grid_not_in_town');
  return { id: grid._id, areaChiefId: grid.areaChiefId ?? null };
}

/** Dispatch only to a unit of the case's city that handles its class (issue 13 §6): anything else strands the case. */
async function requireDispatchable(deps: Deps, c: CityCase, unitId: string): Promise<void> {
  const answer = await unitEligibility(deps.db, unitId, c.scope.cityId, c.kind, c.classCode);
  if (answer === 'unknown') throw invalid(`责任单位“${unitId}”不存在，请从列表中选择`, 'unit_not_found');
  if (answer === 'ineligible') throw invalid(`该单位不负责本市“${c.className}”类问题，不能派遣`, 'unit_not_eligible');
}
