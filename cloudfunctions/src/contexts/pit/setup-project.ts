import { conflict, invalid } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { ConfigBody, EditProjectBody, PlanBody } from '@cityloop/shared/pit/onboard.contract';
import type { MonitoringPlan } from '@cityloop/shared/pit/domain/monitoring-plan';
import type { Deps } from '../../platform/deps';
import { runCommand, type CommandEffect } from '../../platform/command/run-command';
import { policyGate } from '../../platform/command/person-action';
import type { PitProject } from './pit.collections';
import { projectRepository } from './project.repository';
import { countPoints } from './point.repository';
import { pointsChanged } from './ingest-heads';

type Ctx = { requestId?: string; ip?: string };

/** A closed project's record is final. */
export const refuseClosed = (p: PitProject) => {
  if (p.status === 'closed') throw conflict('该基坑项目已完工（回填），资料不能再修改', 'project_closed');
};

/**
 * One setup change of a project (info, configuration, plan, parties …): the project's monitoring unit or a
 * regulator of its area (`pit.setup`), on the record version the page showed, never on a closed project; an
 * audited event on the project. `solving`: the change touches what uploads are solved with.
 */
export function setupCommand(
  deps: Deps,
  actor: NonNullable<Actor>,
  id: string,
  version: number,
  ctx: Ctx,
  c: { eventAction: string; solving?: boolean; rule?: string; refused?: string; precheck?: (p: PitProject) => Promise<void>; apply: (p: PitProject) => CommandEffect | Promise<CommandEffect> },
): Promise<PitProject> {
  return runCommand(deps, {
    repo: projectRepository,
    id,
    eventAction: c.eventAction,
    actor,
    version,
    notFoundMessage: '基坑项目不存在',
    staleMessage: '项目资料已被他人修改，请刷新后重试',
    ctx,
    authorize: policyGate(actor, { kind: 'pit', read: 'pit.read', rule: c.rule ?? 'pit.setup', hidden: '基坑项目不存在', refused: c.refused ?? '只有本项目的监测单位或本镇街监管部门可以修改项目资料' }),
    precheck: async (p) => {
      refuseClosed(p);
      await c.precheck?.(p);
    },
    apply: ({ agg }) => c.apply(agg),
    after: async (p) => {
      if (c.solving) await pointsChanged(deps.db, p._id);
    },
  });
}

/**
 * 基本信息. Safety level, depth and support type fix the points' standard control values, so once points are
 * registered they are settled (a design change is the designer's control edit, `pit.edit_control`).
 */
export function editProjectInfo(deps: Deps, actor: NonNullable<Actor>, id: string, body: EditProjectBody & { safetyLevel: 1 | 2 | 3 }, ctx: Ctx) {
  return setupCommand(deps, actor, id, body.version, ctx, {
    eventAction: 'pit.edit_info',
    precheck: async (p) => {
      const controlsChange = p.safetyLevel !== body.safetyLevel || p.depthM !== body.depthM || p.supportType !== body.supportType;
      if (controlsChange && (await countPoints(deps.db, p._id)) > 0) throw conflict('已导入测点的项目不能修改安全等级、开挖深度或支护形式（它们决定测点的默认控制值）；设计变更请由设计单位修改控制值', 'points_registered');
    },
    apply: (p) => {
      const set = { name: body.name, address: body.address, location: body.location, safetyLevel: body.safetyLevel, depthM: body.depthM, supportType: body.supportType };
      const from = Object.fromEntries(Object.keys(set).map((k) => [k, p[k as keyof typeof set]]));
      return { set, event: { data: { from, to: set } } };
    },
  });
}

/** 水准路线 (benchmarks, start, end, k) and 全站仪控制点 (known coordinates of stations and backsights). */
export function editProjectConfig(deps: Deps, actor: NonNullable<Actor>, id: string, body: ConfigBody, ctx: Ctx) {
  return setupCommand(deps, actor, id, body.version, ctx, {
    eventAction: 'pit.edit_config',
    solving: true,
    apply: (p) => {
      const set: Record<string, unknown> = {};
      if (body.leveling) {
        const l = body.leveling;
        for (const end of [l.start, l.end].filter((x): x is string => !!x)) {
          if (!(end in l.benchmarks)) throw invalid(`水准路线的起点或终点 ${end} 不是已登记的基准点`, 'unknown_benchmark', { field: 'leveling.start' });
        }
        set['config.leveling'] = { benchmarks: l.benchmarks, start: l.start, ...(l.end ? { end: l.end } : {}), kMm: l.kMm, ...(l.stationDiffLimitMm ? { stationDiffLimitMm: l.stationDiffLimitMm } : {}) };
      }
      if (body.controlPoints) set['config.controlPoints'] = body.controlPoints;
      return { set, event: { data: { from: { leveling: p.config.leveling ?? null, controlPoints: p.config.controlPoints ?? null }, to: { leveling: set['config.leveling'] ?? null, controlPoints: set['config.controlPoints'] ?? null } } } };
    },
  });
}

/** 监测方案: the construction stage and the frequencies (缺测 reads them). */
export function editProjectPlan(deps: Deps, actor: NonNullable<Actor>, id: string, body: PlanBody, ctx: Ctx) {
  return setupCommand(deps, actor, id, body.version, ctx, {
    eventAction: 'pit.edit_plan',
    apply: (p) => {
      const plan = { stage: body.stage, frequencies: body.frequencies ?? {} } as MonitoringPlan;
      return { set: { plan }, event: { data: { from: p.plan, to: plan } } };
    },
  });
}
