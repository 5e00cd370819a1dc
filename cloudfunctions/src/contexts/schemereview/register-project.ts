import { forbidden, invalid, isDomainError } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import { classifyDangerousWork, type DangerLevel, type ItemClassification } from '@cityloop/shared/dangerous-works/classify-dangerous-work';
import { CATEGORY_LABELS } from '@cityloop/shared/dangerous-works/review.limits';
import type { RegisterProject } from '@cityloop/shared/dangerous-works/review.contract';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { runCommand } from '../../platform/command/run-command';
import { cityOfTown } from '../cases/public';
import { DW_PROJECTS, type DwItem, type DwProject } from './schemereview.collections';
import { dwProjectRepository, findDwProject, insertDwProject } from './project.repository';
import { ensureSchemes, reopenScheme } from './scheme-commands';

type ItemInput = { name: string; category: string; fields: Record<string, number | boolean | string | null> };
type Ctx = { requestId?: string; ip?: string };

/** Classifies one sub-item with the exact contract (docs/domain/dangerous-works.md §1); a wrong number names the item. */
export function classifyItem(it: ItemInput): ItemClassification {
  try {
    return classifyDangerousWork({ ...it.fields, category: it.category }) as ItemClassification;
  } catch (e) {
    if (isDomainError(e)) throw invalid(`分项「${it.name}」的参数有误：${e.message}`, 'item_invalid', { item: it.name });
    throw e;
  }
}

const RANK: Record<DangerLevel, number> = { 非危大: 0, 危大: 1, 超规模危大: 2 };
export const projectLevelOf = (items: DwItem[]): DangerLevel => items.reduce<DangerLevel>((a, i) => (RANK[i.level] > RANK[a] ? i.level : a), '非危大');

const newItem = (it: ItemInput, at: Date): DwItem => {
  const c = classifyItem(it);
  return { id: newId('it', at.getTime()), name: it.name, category: it.category, fields: it.fields, level: c.level, specialSchemeRequired: c.specialSchemeRequired, expertReviewRequired: c.expertReviewRequired, schemeId: null };
};

/** What each sub-item needs, in words (the register page and the trail). */
export const itemNeeds = (i: DwItem) => (i.expertReviewRequired ? '专项施工方案 + 专家论证' : i.specialSchemeRequired ? '专项施工方案' : '无需专项方案');

/**
 * 危大工程登记: the contractor of a project (their binding names it) registers the participants and sub-items;
 * each item is classified, and every 危大 item gets its scheme record. Registering again is refused (change items instead).
 */
export async function registerProject(deps: Deps, actor: NonNullable<Actor>, projectId: string, body: RegisterProject, ctx: Ctx): Promise<DwProject> {
  const { db } = deps;
  const cityId = await cityOfTown(db, body.townId);
  if (!cityId) throw invalid(`镇街 ${body.townId} 不存在，请重新选择`, 'unknown_town');
  const scope = { cityId, townId: body.townId, projectId };
  const d = can(actor, 'dw.register', { kind: 'dw_project', scope });
  if (!d.allow) throw forbidden('只有本项目的施工单位可以登记危大工程', 'forbidden');
  if (await findDwProject(db, projectId)) throw invalid('该项目已登记，请在项目中增加或变更分项', 'already_registered');
  const at = deps.now();
  const items = body.items.map((it) => newItem(it, at));
  const event: DomainEvent = { id: newId('ev', at.getTime()), action: 'dw.register', at, actorId: actor.userId, role: 'contractor', data: { items: items.map((i) => ({ name: i.name, level: i.level })) } };
  const doc: DwProject = {
    ...createdAggregate(DW_PROJECTS, projectId, event, [], { ...ctx, scope }),
    name: body.name,
    address: body.address,
    ...(body.location ? { location: body.location } : {}),
    participants: body.participants.map((p) => ({ role: p.role, org: p.org.trim() })),
    items,
    projectLevel: projectLevelOf(items),
    ...(body.pitProjectId ? { pitProjectId: body.pitProjectId } : {}),
    scope,
    createdAt: at,
    updatedAt: at,
  };
  await insertDwProject(db, doc);
  return ensureSchemes(deps, doc, actor.userId);
}

const authorizeContractor = (actor: NonNullable<Actor>) => (p: DwProject) => {
  if (!can(actor, 'dw.read', { kind: 'dw_project', scope: p.scope }).allow) throw forbidden('无权查看该项目', 'not_found');
  if (!can(actor, 'dw.register', { kind: 'dw_project', scope: p.scope }).allow) throw forbidden('只有本项目的施工单位可以登记或变更分项');
  return 'contractor' as const;
};

/** Adds a sub-item (classified; a 危大 one gets its scheme). */
export async function addItem(deps: Deps, actor: NonNullable<Actor>, projectId: string, it: ItemInput, version: number, ctx: Ctx) {
  const p = await runCommand(deps, {
    repo: dwProjectRepository, id: projectId, eventAction: 'dw.add_item', actor, version, ctx,
    notFoundMessage: '项目不存在', staleMessage: '项目已更新，请刷新后再操作',
    authorize: authorizeContractor(actor),
    apply: ({ agg, at }) => {
      if (agg.items.some((i) => i.name === it.name)) throw invalid(`分项「${it.name}」已存在`, 'item_exists');
      const item = newItem(it, at);
      const items = [...agg.items, item];
      return { set: { items, projectLevel: projectLevelOf(items), updatedAt: at }, event: { data: { item: item.name, level: item.level } } };
    },
  });
  return ensureSchemes(deps, p, actor.userId);
}

/**
 * Changes a sub-item's numbers (37号令 art. 16): it is classified again; its scheme, whatever its state, goes
 * back to 编制中 to be signed (and, 超规模, reviewed) again. Returns the project and the level change.
 */
export async function changeItem(deps: Deps, actor: NonNullable<Actor>, projectId: string, itemId: string, fields: ItemInput['fields'], reason: string, version: number, ctx: Ctx) {
  let before: DwItem | undefined;
  let after: DwItem | undefined;
  const p = await runCommand(deps, {
    repo: dwProjectRepository, id: projectId, eventAction: 'dw.change_item', actor, version, ctx,
    notFoundMessage: '项目不存在', staleMessage: '项目已更新，请刷新后再操作',
    authorize: authorizeContractor(actor),
    apply: ({ agg, at }) => {
      before = agg.items.find((i) => i.id === itemId);
      if (!before) throw invalid('分项不存在', 'item_not_found');
      const c = classifyItem({ name: before.name, category: before.category, fields });
      after = { ...before, fields, level: c.level, specialSchemeRequired: c.specialSchemeRequired, expertReviewRequired: c.expertReviewRequired };
      const items = agg.items.map((i) => (i.id === itemId ? after! : i));
      return { set: { items, projectLevel: projectLevelOf(items), updatedAt: at }, event: { reason, data: { item: before.name, from: before.level, to: after.level } } };
    },
  });
  if (before?.schemeId) await reopenScheme(deps, before.schemeId, after!.level, `分项「${before.name}」变更：${reason}（${CATEGORY_LABELS[before.category]}，${before.level} → ${after!.level}）`);
  return { project: await ensureSchemes(deps, p, actor.userId), from: before!.level, to: after!.level };
}
