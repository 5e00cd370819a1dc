import { conflict, invalid, type DomainError } from '../../errors';
import { allowed, type Machine, type Transition } from '../../platform/state-machine';
import type { Who } from '../../policy/rules';

/**
 * A pit project's lifecycle (docs/domain/pit.md §7): 待审核 → 监测中 ⇄ 暂停 → 已完工（回填）.
 * Only a project 监测中 is checked for 缺测 (missing data); a closed project takes no uploads.
 */
export const PROJECT_STATUSES = ['pending', 'active', 'paused', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_ACTIONS = ['activate', 'pause', 'resume', 'close'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = { pending: '待审核', active: '监测中', paused: '暂停', closed: '已完工（回填）' };
export const PROJECT_ACTION_LABELS: Record<ProjectAction, string> = { activate: '审核通过并开始监测', pause: '暂停监测', resume: '恢复监测', close: '完工（回填）' };

/** The permission each action needs (shared/policy rules). */
export const PROJECT_PERMISSION: Record<ProjectAction, string> = { activate: 'pit.activate', pause: 'pit.pause', resume: 'pit.resume', close: 'pit.close' };

export type ProjectInput = 'reason';
/** The acting role, the reason given, and what the setup still lacks (activation only). */
export type ProjectContext = { by: Who; reason?: string; setupProblems?: string[] };

/** The shortest reason pausing and closing take (characters, trimmed): the regulator says why, on the record. */
export const PROJECT_REASON_MIN = 4;

const reasonError = (action: ProjectAction, reason: string | undefined): DomainError | null =>
  Array.from((reason ?? '').trim()).length < PROJECT_REASON_MIN ? invalid(`请填写${action === 'close' ? '完工（回填）说明' : '暂停原因'}（至少 ${PROJECT_REASON_MIN} 个字）`, 'reason_required') : null;

const setupComplete = (ctx: ProjectContext): DomainError | null =>
  ctx.setupProblems?.length ? conflict(`项目资料不完整，不能开始监测：${ctx.setupProblems.join('；')}`, 'setup_incomplete') : null;

/**
 * Who moves a project (a design decision, docs/domain/pit.md §7): the town regulator approves the start and the
 * closure. Pausing stops the 缺测 check, so only the regulator may pause (a monitoring unit cannot silence its own
 * missing-data flags); resuming only restores oversight, so the monitoring unit may resume too.
 */
const ROWS: readonly Transition<ProjectStatus, ProjectAction, Who, ProjectInput, ProjectContext>[] = [
  { action: 'activate', from: ['pending'], to: 'active', who: ['regulator'], requires: [], check: setupComplete },
  { action: 'pause', from: ['active'], to: 'paused', who: ['regulator'], requires: ['reason'] },
  { action: 'resume', from: ['paused'], to: 'active', who: ['regulator', 'monitor'], requires: [] },
  { action: 'close', from: ['active', 'paused'], to: 'closed', who: ['regulator'], requires: ['reason'] },
];

export const PROJECT_MACHINE: Machine<ProjectStatus, ProjectAction, Who, ProjectInput, ProjectContext> = {
  name: 'pit_project',
  states: PROJECT_STATUSES,
  actions: PROJECT_ACTIONS,
  stateLabels: PROJECT_STATUS_LABELS,
  actionLabels: PROJECT_ACTION_LABELS,
  whoLabels: { monitor: '监测单位', regulator: '监管部门', owner: '建设单位', contractor: '施工单位', supervisor: '监理单位', designer: '设计单位' },
  rows: ROWS,
  inputError: (action, _input, ctx) => reasonError(action, ctx.reason),
  refusals: { activate: { message: '只有待审核的项目可以开始监测', code: 'invalid_transition' } },
};

/**
 * The actions a project's state allows (for one acting role when given).
 * @example allowedProjectActions('active') // ['pause', 'close']
 */
export function allowedProjectActions(status: ProjectStatus, by?: Who): ProjectAction[] {
  return allowed(PROJECT_MACHINE, status, by ? { by } : undefined);
}
