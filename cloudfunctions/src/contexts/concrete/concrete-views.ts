import { ALERT_LABELS } from '@cityloop/shared/concrete/concrete.limits';
import { GROUP_STATE_LABELS } from '@cityloop/shared/concrete/specimen-group.machine';
import type { AlertView, GroupView, PourView } from '@cityloop/shared/concrete/concrete.contract';
import type { ConcreteAlert, Pour, SpecimenGroup } from './concrete.collections';

/** How the concrete records are shown (the shapes of concrete.contract.ts). */
export const presentGroup = (g: SpecimenGroup): GroupView => ({ id: g._id, member: g.member, grade: g.grade, chips: g.chips, state: g.state, stateLabel: GROUP_STATE_LABELS[g.state], ...(g.result ? { cubeStrengthsMPa: g.result.cubeStrengthsMPa, representativeMPa: g.result.representativeMPa, valid: g.result.valid, passed: g.passed } : {}), inspectionBatchId: g.inspectionBatchId });
export const presentAlert = (a: ConcreteAlert): AlertView => ({ id: a._id, kind: a.kind, label: ALERT_LABELS[a.kind], message: a.message, at: a.at.toISOString(), projectId: a.projectId, plantId: a.plantId });
export const presentPour = (p: Pour): PourView => ({ id: p._id, member: p.member, grade: p.grade, volumeM3: p.volumeM3, requiredGroups: p.requiredGroups, sampledGroups: p.groupIds.length, shortfall: p.shortfall, version: p.version });

