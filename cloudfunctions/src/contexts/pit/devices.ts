import { conflict, notFound, forbidden } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { DeviceKeyOnce, DeviceView, RegisterDeviceBody } from '@cityloop/shared/pit/onboard.contract';
import type { DeviceFormat } from '@cityloop/shared/pit/onboard.limits';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { runCommand, type CommandEffect } from '../../platform/command/run-command';
import { policyGate } from '../../platform/command/person-action';
import { PIT_DEVICES, type PitDevice } from './pit.collections';
import { findProject } from './project.repository';
import { deviceRepository, insertDevice } from './device.repository';
import { newDeviceKey, sealDeviceKey } from '../../platform/device/device-key-vault';
import { refuseClosed } from './setup-project';

type Ctx = { requestId?: string; ip?: string };

export const presentDevice = (d: PitDevice): DeviceView => ({
  id: d._id,
  name: d.name,
  format: d.format,
  enabled: d.enabled && !d.revokedAt,
  keyRotatedAt: d.keyRotatedAt?.toISOString() ?? null,
  revokedAt: d.revokedAt?.toISOString() ?? null,
});

/**
 * 登记自动化设备: a station of the project with a fresh key, answered ONCE (here) and stored encrypted
 * (platform/device/device-key-vault.ts). The project's monitoring unit or a regulator of its area (`pit.device`); audited.
 * `opts.id` fixes the id (demo seed).
 */
export async function registerDevice(deps: Deps, actor: NonNullable<Actor>, projectId: string, body: RegisterDeviceBody & { format: DeviceFormat }, ctx: Ctx, opts: { id?: string } = {}): Promise<DeviceKeyOnce> {
  const p = await findProject(deps.db, projectId);
  if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
  const d = can(actor, 'pit.device', { kind: 'pit', scope: p.scope });
  if (!d.allow) throw forbidden('只有本项目的监测单位或本镇街监管部门可以登记设备');
  refuseClosed(p);
  const now = deps.now();
  const id = opts.id ?? newId('dev', now.getTime());
  const key = newDeviceKey();
  const event: DomainEvent = { id: newId('ev', now.getTime()), action: 'pit.device_register', at: now, actorId: actor.userId, role: d.who, reason: `登记设备“${body.name}”`, data: { projectId, format: body.format } };
  const device: PitDevice = {
    ...createdAggregate(PIT_DEVICES, id, event, [], { ...ctx, scope: p.scope }),
    projectId,
    format: body.format,
    name: body.name,
    keyEnc: sealDeviceKey(deps.config.codeSecret, key),
    enabled: true,
    scope: p.scope,
    createdAt: now,
  };
  try {
    await insertDevice(deps.db, device);
  } catch (e) {
    if ((e as { code?: number }).code === 11000) throw conflict('设备编号已存在', 'device_exists');
    throw e;
  }
  return { ...presentDevice(device), key };
}

const deviceGate = (actor: NonNullable<Actor>) => policyGate<PitDevice, string>(actor, { kind: 'pit', read: 'pit.read', rule: 'pit.device', hidden: '设备不存在', refused: '只有本项目的监测单位或本镇街监管部门可以管理设备' });

/** A change to a device that is still in service, by its monitoring unit or town regulator, audited on the device. */
function deviceStep(deps: Deps, actor: NonNullable<Actor>, deviceId: string, ctx: Ctx, eventAction: string, revokedMessage: string, apply: (x: { at: Date }) => CommandEffect) {
  return runCommand(deps, {
    repo: deviceRepository,
    id: deviceId,
    eventAction,
    actor,
    version: 'none',
    notFoundMessage: '设备不存在',
    staleMessage: '设备已被他人更新，请刷新后重试',
    ctx,
    authorize: deviceGate(actor),
    precheck: async (dev) => {
      if (dev.revokedAt) throw conflict(revokedMessage, 'device_revoked');
    },
    apply,
  });
}

/** 更换密钥: a new key, answered once; the old one stops working at once. Audited on the device. */
export async function rotateDeviceKey(deps: Deps, actor: NonNullable<Actor>, deviceId: string, ctx: Ctx): Promise<DeviceKeyOnce> {
  const key = newDeviceKey();
  const d = await deviceStep(deps, actor, deviceId, ctx, 'pit.device_rotate', '设备已停用，不能更换密钥；请登记新设备', ({ at }) => ({
    set: { keyEnc: sealDeviceKey(deps.config.codeSecret, key), keyRotatedAt: at },
    unset: { key: '' },
    event: { reason: '更换设备密钥' },
  }));
  return { ...presentDevice(d), key };
}

/** 停用设备: its posts are refused from now on, for good. Audited on the device. */
export async function revokeDevice(deps: Deps, actor: NonNullable<Actor>, deviceId: string, ctx: Ctx): Promise<DeviceView> {
  const d = await deviceStep(deps, actor, deviceId, ctx, 'pit.device_revoke', '设备已停用', ({ at }) => ({
    set: { enabled: false, revokedAt: at },
    unset: { keyEnc: '', key: '' },
    event: { reason: '停用设备' },
  }));
  return presentDevice(d);
}
