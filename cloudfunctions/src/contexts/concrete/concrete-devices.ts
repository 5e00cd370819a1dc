import type * as z from 'zod';
import { conflict, notFound } from '@cityloop/shared/errors';
import type { deviceRequest } from '@cityloop/shared/concrete/concrete.contract';
import type { Deps } from '../../platform/deps';
import { newDeviceKey, sealDeviceKey } from '../../platform/device/device-key-vault';
import { CDEVICES, LABS, PLANTS, type ConcreteDevice, type Lab, type Plant } from './concrete.collections';
import { findDoc, insertDoc } from './concrete-docs.repository';
import { born, gate, type Ctx, type Person } from './concrete-access';

/** The vault family of concrete device keys (platform/device/device-key-vault.ts). */
export const CONCRETE_DEVICE_PURPOSE = 'concrete';

/**
 * 登记设备: a plant's batching control system (`batching`) or a lab's press (`press`), with a fresh key answered
 * ONCE and stored encrypted. The plant's or lab's own staff or a regulator of its area (`concrete.device`).
 */
export async function registerConcreteDevice(deps: Deps, actor: Person, kind: ConcreteDevice['kind'], ownerId: string, b: z.output<typeof deviceRequest>, ctx: Ctx, opts: { id?: string; key?: string } = {}): Promise<{ id: string; name: string; kind: string; key: string }> {
  const owner = kind === 'batching' ? await findDoc<Plant>(deps.db, PLANTS, ownerId) : await findDoc<Lab>(deps.db, LABS, ownerId);
  if (!owner) throw notFound(kind === 'batching' ? '搅拌站不存在' : '检测机构不存在');
  const who = gate(actor, 'concrete.device', owner.scope, kind === 'batching' ? '只有本搅拌站或监管部门可以登记生产设备' : '只有本检测机构或监管部门可以登记压力试验机');
  const key = opts.key ?? newDeviceKey();
  const { base, at } = born(deps, CDEVICES, 'cd', 'concrete.device_register', actor, who, `登记${kind === 'batching' ? '搅拌站生产控制系统' : '压力试验机'}“${b.name}”`, owner.scope, ctx, opts);
  const d: ConcreteDevice = { ...base, kind, ownerId, name: b.name, keyEnc: sealDeviceKey(deps.config.codeSecret, key, CONCRETE_DEVICE_PURPOSE), enabled: true, scope: owner.scope, createdAt: at };
  if (!(await insertDoc(deps.db, CDEVICES, d))) throw conflict('设备编号已存在', 'device_exists');
  return { id: d._id, name: d.name, kind, key };
}

export const findConcreteDevice = (deps: Deps, id: string) => findDoc<ConcreteDevice>(deps.db, CDEVICES, id);
