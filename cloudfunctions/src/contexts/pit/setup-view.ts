import type { Db } from 'mongodb';
import type { Actor } from '@cityloop/shared/identity/roles';
import { ITEMS, type Item } from '@cityloop/shared/pit/domain/items';
import { PLAN_STAGE_LABELS, epochsPerDay, frequencyText } from '@cityloop/shared/pit/domain/monitoring-plan';
import { PROJECT_STATUS_LABELS } from '@cityloop/shared/pit/domain/project.machine';
import type { PartyView, PitSetupView } from '@cityloop/shared/pit/onboard.contract';
import type { PartyRoleKey } from '@cityloop/shared/pit/onboard.limits';
import { contactsByIds } from '../../platform/auth/users.repository';
import { maskPhone } from '../../platform/auth/users';
import type { PitProject } from './pit.collections';
import { pointsOfProject } from './point.repository';
import { devicesOfProject } from './device.repository';
import { presentDevice } from './devices';
import { projectActions, setupProblems } from './project-lifecycle';

/** The parties as pages show them: names from the user documents, phones masked (docs/ARCHITECTURE.md §4). */
export async function presentParties(db: Db, parties: PitProject['parties']): Promise<Partial<Record<PartyRoleKey, PartyView>>> {
  const ids = Object.values(parties).flatMap((p) => p?.people.map((x) => x.userId) ?? []);
  const contacts = await contactsByIds(db, ids);
  return Object.fromEntries(
    Object.entries(parties).map(([role, party]) => [
      role,
      { org: party!.org, people: party!.people.map(({ userId }) => { const u = contacts.get(userId); return { userId, name: u?.name ?? '（已删除）', phoneMasked: maskPhone(u?.phone) ?? null, hasAccount: u?.hasAccount ?? false }; }) },
    ]),
  );
}

/** Everything the setup page shows and edits, with the lifecycle actions this person may take. */
export async function presentSetup(db: Db, actor: NonNullable<Actor>, p: PitProject): Promise<PitSetupView> {
  const [points, devices, parties, problems] = await Promise.all([pointsOfProject(db, p._id), devicesOfProject(db, p._id), presentParties(db, p.parties), setupProblems(db, p)]);
  const items = [...new Set(points.map((x) => x.item))] as Item[];
  return {
    id: p._id,
    version: p.version,
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    name: p.name,
    address: p.address,
    location: p.location,
    cityId: p.scope.cityId,
    townId: p.scope.townId ?? '',
    safetyLevel: p.safetyLevel,
    depthM: p.depthM,
    supportType: p.supportType,
    parties,
    leveling: p.config.leveling ?? null,
    controlPoints: p.config.controlPoints ?? {},
    plan: {
      stage: p.plan.stage,
      stageLabel: PLAN_STAGE_LABELS[p.plan.stage],
      frequencies: p.plan.frequencies as PitSetupView['plan']['frequencies'],
      current: items.map((item) => ({ item, itemLabel: ITEMS[item]?.label ?? item, perDay: epochsPerDay(p.plan, item), text: frequencyText(epochsPerDay(p.plan, item)) })),
    },
    pointCount: points.length,
    points: points.map((x) => ({ code: x.code, item: x.item, itemLabel: ITEMS[x.item]?.label ?? x.item, name: x.name ?? null })),
    devices: devices.map(presentDevice),
    setupProblems: problems,
    actions: projectActions(actor, p),
  };
}
