import type { Actor } from '@cityloop/shared/identity/roles';
import type { Who } from '@cityloop/shared/policy/rules';
import { can } from '@cityloop/shared/policy/can';
import { ITEMS } from '@cityloop/shared/pit/domain/items';
import { PROJECT_ACTION_LABELS, PROJECT_MACHINE, PROJECT_PERMISSION, PROJECT_STATUS_LABELS, allowedProjectActions, type ProjectAction, type ProjectStatus } from '@cityloop/shared/pit/domain/project.machine';
import type { LifecycleBody } from '@cityloop/shared/pit/onboard.contract';
import type { Db } from 'mongodb';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { policyGate } from '../../platform/command/person-action';
import type { PitProject } from './pit.collections';
import { projectRepository } from './project.repository';
import { pointCodesOf } from './point.repository';
import { pointsChanged } from './ingest-heads';
import { partyUserIds, projectNotice, townRegulatorIds } from './project-notices';

/** The parties an alarm loop cannot run without: the monitoring unit uploads, the supervisor handles, the owner archives. */
const NEEDED_PARTIES = ['monitor', 'supervisor', 'owner'] as const;
const PARTY_LABELS = { monitor: '监测单位', supervisor: '监理单位', owner: '建设单位' } as const;

/** What a project still lacks before monitoring can start (empty when it is ready). */
export async function setupProblems(db: Db, p: PitProject): Promise<string[]> {
  const out: string[] = [];
  const missing = NEEDED_PARTIES.filter((r) => !p.parties[r]?.people.length);
  if (missing.length) out.push(`请填写${missing.map((r) => PARTY_LABELS[r]).join('、')}及其联系人`);
  const points = await pointCodesOf(db, p._id);
  if (!points.length) out.push('请导入测点');
  const methods = new Set(points.map((x) => ITEMS[x.item]?.method as string));
  if (methods.has('leveling') && !p.config.leveling) out.push('有水准测点，请填写水准路线（基准点、起点和限差）');
  if (methods.has('total_station') && !Object.keys(p.config.controlPoints ?? {}).length) out.push('有全站仪测点，请填写控制点坐标');
  return out;
}

/**
 * 开始监测 / 暂停 / 恢复 / 完工（回填）: the lifecycle table (shared/pit/domain/project.machine.ts) through the
 * command runner; the parties and the town regulators are told. Uploads are refused once closed, and the
 * solving cache is told (pointsChanged) so no warm instance accepts one on a stale copy.
 */
export async function actOnProject(deps: Deps, actor: NonNullable<Actor>, id: string, body: LifecycleBody & { action: ProjectAction }, ctx: { requestId?: string; ip?: string }): Promise<PitProject> {
  let problems: string[] = [];
  return runCommand(deps, {
    repo: projectRepository,
    id,
    eventAction: `pit.${body.action}`,
    action: body.action,
    actor,
    version: body.version,
    notFoundMessage: '基坑项目不存在',
    staleMessage: '项目状态已被他人更新，请刷新后重试',
    ctx,
    authorize: async (p) => {
      const who = policyGate<PitProject, Who>(actor, { kind: 'pit', read: 'pit.read', rule: PROJECT_PERMISSION[body.action], hidden: '基坑项目不存在', refused: `您不能对本项目执行“${PROJECT_ACTION_LABELS[body.action]}”` })(p);
      if (body.action === 'activate') problems = await setupProblems(deps.db, p);
      return who;
    },
    step: { machine: PROJECT_MACHINE, stateOf: (p) => p.status, stateField: 'status', context: (_p, by) => ({ by, reason: body.reason, setupProblems: problems }) },
    apply: async ({ agg, to, at, eventId }) => {
      const reason = body.reason?.trim() || undefined;
      const title = `基坑项目${PROJECT_STATUS_LABELS[to as ProjectStatus]}`;
      const text = `${PROJECT_ACTION_LABELS[body.action]}${reason ? `：${reason}` : ''}`;
      const to_ = [...partyUserIds(agg), ...(await townRegulatorIds(deps.db, agg.scope))].filter((u) => u !== actor.userId);
      return { event: { reason }, messages: projectNotice(deps, eventId, agg, to_, at, title, text), ...(to === 'active' ? { set: { monitoringSince: at } } : {}) };
    },
    after: async (p) => {
      await pointsChanged(deps.db, p._id);
    },
  });
}

/** The lifecycle actions this person may take on the project now (the page's buttons). */
export function projectActions(actor: NonNullable<Actor>, p: Pick<PitProject, 'status' | 'scope'>): ProjectAction[] {
  return allowedProjectActions(p.status).filter((a) => {
    const d = can(actor, PROJECT_PERMISSION[a], { kind: 'pit', scope: p.scope });
    return d.allow && allowedProjectActions(p.status, d.who as Who).includes(a);
  });
}
