import type * as z from 'zod';
import { conflict, notFound } from '@cityloop/shared/errors';
import { groupStrength } from '@cityloop/shared/concrete/group-strength';
import { GROUP_MACHINE, type GroupAction, type GroupActor, type GroupContext, type GroupState } from '@cityloop/shared/concrete/specimen-group.machine';
import type { loadPost } from '@cityloop/shared/concrete/concrete.contract';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { CHIPS, GROUPS, type ChipBinding, type ConcreteDevice, type SpecimenGroup } from './concrete.collections';
import { findDoc, repositoryOf } from './concrete-docs.repository';
import { afterGroupTested } from './consequences';
import { traceGroup } from './trace-projection';

const groupRepo = repositoryOf<SpecimenGroup>(GROUPS);

/**
 * One cube crushed: the press (signature checked) posts the chip and the raw failure load. The chip's group must
 * have been received by the press's own lab; each chip is loaded once. With the third load the platform computes
 * the cube strengths and the group's representative value with `groupStrength` (GB/T 50107 §4.3) — nobody types a
 * strength — and re-evaluates the inspection batch (consequences.ts).
 */
export async function ingestLoad(deps: Deps, device: ConcreteDevice, b: z.output<typeof loadPost>): Promise<{ group: SpecimenGroup; complete: boolean }> {
  if (device.kind !== 'press') throw notFound('设备不是压力试验机');
  const chip = b.chip.toUpperCase();
  const binding = await findDoc<ChipBinding>(deps.db, CHIPS, chip);
  if (!binding) throw notFound(`芯片 ${chip} 未在平台绑定`, 'chip_unknown');
  const g0 = await findDoc<SpecimenGroup>(deps.db, GROUPS, binding.groupId);
  if (!g0) throw notFound('试件组不存在');
  if (g0.labId !== device.ownerId) throw conflict(`芯片 ${chip} 的试件组不是由本检测机构收样的`, 'press_not_receiving_lab');
  if (g0.loads.some((l) => l.chip === chip)) throw conflict(`芯片 ${chip} 的试件已试压`, 'chip_already_loaded');
  const loads = [...g0.loads, { chip, loadKN: b.loadKN, testedAt: new Date(b.testedAt), deviceId: device._id }];
  const complete = loads.length === g0.chips.length;
  const ordered = g0.chips.map((c) => loads.find((l) => l.chip === c)?.loadKN ?? 0);
  const result = complete ? groupStrength({ grade: g0.grade, cubeSizeMm: g0.cubeSizeMm, failureLoadsKN: ordered }) : undefined;
  const fcuk = Number(g0.grade.slice(1));
  const group = await runCommand<SpecimenGroup, GroupState, GroupAction, GroupActor, GroupContext>(deps, {
    repo: groupRepo,
    id: g0._id,
    loaded: g0,
    eventAction: complete ? 'concrete.group_test' : 'concrete.cube_load',
    ...(complete ? { action: 'test' as const } : {}),
    actor: null,
    version: 'none',
    notFoundMessage: '试件组不存在',
    staleMessage: '试件组正在更新，请重发',
    ctx: {},
    authorize: () => 'device',
    step: { machine: GROUP_MACHINE, stateOf: (x) => x.state, stateField: complete ? 'state' : undefined, context: (_x, who) => ({ by: who }), eventStates: complete },
    precheck: async (g) => {
      if (g.state !== 'received') throw conflict('该组试件尚未收样或已试压完毕', 'group_not_received');
    },
    apply: () => ({
      set: { loads, ...(result ? { result, passed: result.valid ? (result.representativeMPa ?? 0) >= fcuk : false } : {}) },
      event: { reason: `芯片 ${chip} 破坏荷载 ${b.loadKN} kN${result ? (result.valid ? `，代表值 ${result.representativeMPa} MPa` : '，试件组无效') : ''}`, data: { deviceId: device._id } },
    }),
    after: (loaded) => traceGroup(deps, loaded),
  });
  if (complete) await afterGroupTested(deps, group);
  return { group, complete };
}
