import { forbidden, invalid } from '@cityloop/shared/errors';
import type { Actor, RoleBinding } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { CreateProjectBody } from '@cityloop/shared/pit/onboard.contract';
import { defaultPlan } from '@cityloop/shared/pit/domain/monitoring-plan';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { grantRoleOnce } from '../../platform/auth/users.repository';
import { cityOfTown, findOrgName } from '../cases/public';
import { PIT_PROJECTS, type PitProject } from './pit.collections';
import { findProject, insertProject } from './project.repository';
import { projectNotice, townRegulatorIds } from './project-notices';

type Body = Omit<CreateProjectBody, 'safetyLevel'> & { safetyLevel: 1 | 2 | 3 };

/** The platform-rule defaults every new project starts with (docs/domain/pit.md §1.6). */
export const DEFAULT_PROJECT_CONFIG: PitProject['config'] = { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: { n: 3, fraction: 0.7 } };

/**
 * Who registers the pit: a regulator in their area (the project names no organisation), or a monitoring unit's
 * member in their city (the project names their organisation, `scope.orgIds`, and they join its monitoring party).
 */
function creator(actor: NonNullable<Actor>, cityId: string, townId: string): { binding: RoleBinding | null; orgIds: string[] } {
  if (can(actor, 'pit.create', { kind: 'pit', scope: { cityId, townId } }).allow) return { binding: null, orgIds: [] };
  for (const b of actor.roles) {
    if (b.role !== 'monitor' || !b.orgId) continue;
    if (can(actor, 'pit.create', { kind: 'pit', scope: { cityId, townId, orgIds: [b.orgId] } }).allow) return { binding: b, orgIds: [b.orgId] };
  }
  throw forbidden('只有监测单位或本镇街的监管部门可以登记基坑项目', 'forbidden');
}

/**
 * 登记基坑项目: a new project 待审核 (pending) with the standard warning levels and a default plan; the town
 * regulators are told it waits for their approval. `opts.id` fixes the id (the demo seed's stable ids).
 */
export async function createProject(deps: Deps, actor: NonNullable<Actor>, body: Body, ctx: { requestId?: string; ip?: string }, opts: { id?: string } = {}): Promise<PitProject> {
  const { db } = deps;
  const existing = opts.id ? await findProject(db, opts.id) : null;
  if (existing) return existing;
  if ((await cityOfTown(db, body.townId)) !== body.cityId) throw invalid(`镇街 ${body.townId} 不属于城市 ${body.cityId}，请重新选择`, 'unknown_town', { field: 'townId' });
  const who = creator(actor, body.cityId, body.townId);
  const now = deps.now();
  const id = opts.id ?? newId('pj', now.getTime());
  const scope = { cityId: body.cityId, townId: body.townId, projectId: id, ...(who.orgIds.length ? { orgIds: who.orgIds } : {}) };
  const orgName = who.binding?.orgId ? await findOrgName(db, who.binding.orgId) : null;
  const role = who.binding ? 'monitor' : 'regulator';
  const event: DomainEvent = { id: newId('ev', now.getTime()), action: 'pit.create', at: now, actorId: actor.userId, role, to: 'pending', data: { name: body.name, townId: body.townId } };
  const regulators = await townRegulatorIds(db, scope);
  const messages = projectNotice(deps, event.id, { _id: id, name: body.name }, regulators.filter((u) => u !== actor.userId), now, '新基坑项目待审核', `${body.address}，开挖深度 ${body.depthM} 米，请审核后开始监测`, true);
  const project: PitProject = {
    ...createdAggregate(PIT_PROJECTS, id, event, messages, { ...ctx, scope }),
    name: body.name,
    address: body.address,
    location: body.location,
    safetyLevel: body.safetyLevel,
    depthM: body.depthM,
    supportType: body.supportType,
    scope,
    parties: who.binding ? { monitor: { org: orgName ?? '', people: [{ userId: actor.userId }] } } : {},
    status: 'pending',
    config: DEFAULT_PROJECT_CONFIG,
    plan: defaultPlan(),
    worstLevel: 'normal',
    createdAt: now,
  };
  await insertProject(db, project);
  // the monitoring unit's member who registered it works on it from now on
  if (who.binding) await grantRoleOnce(db, actor.userId, `project:${id}`, { role: 'monitor', cityId: body.cityId, ...(who.binding.orgId ? { orgId: who.binding.orgId } : {}), projectIds: [id] });
  return project;
}
