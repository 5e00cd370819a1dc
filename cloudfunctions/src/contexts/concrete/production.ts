import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { conflict, invalid, notFound } from '@cityloop/shared/errors';
import { batchDeviations } from '@cityloop/shared/concrete/batch-deviation';
import { MATERIAL_LABELS } from '@cityloop/shared/concrete/concrete.limits';
import type { batchPost } from '@cityloop/shared/concrete/concrete.contract';
import type { Deps } from '../../platform/deps';

import { BATCHES, LOTS, MIXES, PLANTS, type ConcreteDevice, type MaterialLot, type Mix, type Plant, type ProductionBatch } from './concrete.collections';
import { docsByIds, findDoc, insertDoc } from './concrete-docs.repository';
import { raiseAlert } from './concrete-notices';

/**
 * One batch (盘) from a plant's batching control system (the device's signature already checked): the mix is the
 * plant's and has passed its 开盘鉴定; every weighed line names a lot of this plant, of that material, whose
 * incoming test passed — a failed or untested lot refuses the whole batch, and nothing is written. Deviations beyond
 * the mix tolerances are flagged and the regulator alerted. The same batch number twice is answered as a duplicate.
 */
export async function ingestBatch(deps: Deps, device: ConcreteDevice, body: string, b: z.output<typeof batchPost>): Promise<{ batch: ProductionBatch; duplicate: boolean }> {
  const plant = await findDoc<Plant>(deps.db, PLANTS, device.ownerId);
  if (!plant || device.kind !== 'batching') throw notFound('设备不是搅拌站生产控制系统');
  const existing = await findDoc<ProductionBatch>(deps.db, BATCHES, `${plant._id}:${b.batchNo}`);
  if (existing) return { batch: existing, duplicate: true };
  const mix = await findDoc<Mix>(deps.db, MIXES, b.mixId);
  if (!mix || mix.plantId !== plant._id) throw notFound(`配合比 ${b.mixId} 不是本站的配合比`);
  if (!mix.opening) throw conflict(`配合比 ${mix.code} 尚未开盘鉴定，不能生产`, 'mix_not_opened');
  const lots = await docsByIds<MaterialLot>(deps.db, LOTS, b.weighed.map((w) => w.lotId));
  for (const w of b.weighed) {
    const lot = lots.find((l) => l._id === w.lotId);
    if (!lot || lot.plantId !== plant._id) throw invalid(`原材料批次 ${w.lotId} 不存在于本站台账`, 'lot_unknown');
    if (lot.material !== w.material) throw invalid(`批次 ${lot.lotNo} 是${MATERIAL_LABELS[lot.material]}，不是${MATERIAL_LABELS[w.material]}`, 'lot_material');
    if (lot.test.result === 'fail') throw conflict(`${MATERIAL_LABELS[lot.material]}批次 ${lot.lotNo}（${lot.supplierName}）进场复检不合格，不得用于生产：本盘拒收`, 'lot_failed');
    if (lot.test.result !== 'pass') throw conflict(`${MATERIAL_LABELS[lot.material]}批次 ${lot.lotNo} 尚无复检合格结论，不得用于生产：本盘拒收`, 'lot_untested');
  }
  const at = new Date(b.at);
  const deviations = batchDeviations(mix.lines, b.weighed, b.volumeM3, mix.tolerancesPct);
  const flagged = deviations.some((d) => d.exceeded);
  const batch: ProductionBatch = {
    _id: `${plant._id}:${b.batchNo}`,
    plantId: plant._id,
    deviceId: device._id,
    batchNo: b.batchNo,
    mixId: mix._id,
    grade: mix.grade,
    at,
    volumeM3: b.volumeM3,
    weighed: b.weighed,
    lotIds: [...new Set(b.weighed.map((w) => w.lotId))],
    deviations,
    flagged,
    sha256: createHash('sha256').update(body).digest('hex'),
    receivedAt: deps.now(),
    scope: plant.scope,
  };
  if (!(await insertDoc(deps.db, BATCHES, batch))) return { batch: (await findDoc<ProductionBatch>(deps.db, BATCHES, batch._id))!, duplicate: true };
  if (flagged) {
    const worst = deviations.filter((d) => d.exceeded).map((d) => `${MATERIAL_LABELS[d.material]} ${d.deviationPct > 0 ? '+' : ''}${d.deviationPct}%（允许 ±${d.tolerancePct}%）`).join('，');
    await raiseAlert(deps, { kind: 'batch_deviation', message: `${plant.name} 第 ${b.batchNo} 盘计量超差：${worst}`, scope: plant.scope, plantId: plant._id, refs: { batchId: batch._id } });
  }
  return { batch, duplicate: false };
}

