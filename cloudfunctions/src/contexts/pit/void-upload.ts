import { conflict, forbidden, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { PIT_ALARMS, type PitAlarm, type PitUpload } from './pit.collections';
import { findUpload, markVoided } from './upload.repository';
import { alarmsLinkedTo, findAlarm, updateAlarmVersioned } from './alarm.repository';
import { forgetStreamHead } from './ingest-heads';

/**
 * A regulator voids an upload whose data are wrong (a mistyped reading, the wrong instrument file): it stays, with
 * its hash-chain link, as evidence of what was sent, and counts for nothing from then on — curves, latest values,
 * daily reports and the next epoch's rates skip it. The alarms it raised say so in their trail; closing them stays
 * the handling loop's job.
 */
export async function voidUpload(deps: Deps, actor: NonNullable<Actor>, uploadId: string, reason: string, ctx: { requestId?: string; ip?: string }): Promise<PitUpload> {
  const u = await findUpload(deps.db, uploadId);
  if (!u || !can(actor, 'pit.read', { kind: 'pit', scope: u.scope }).allow) throw notFound('上传记录不存在');
  if (!can(actor, 'pit.void_upload', { kind: 'pit', scope: u.scope }).allow) throw forbidden('只有监管部门可以作废监测数据');
  if (u.voided) throw conflict('该数据已作废', 'already_voided');
  if (u.status === 'rejected') throw conflict('该文件已被拒收，没有可作废的结果', 'nothing_to_void');
  const at = deps.now();
  const voided = { byId: actor.userId, at, reason };
  if (!(await markVoided(deps.db, u._id, voided))) throw conflict('该数据已作废', 'already_voided');
  await forgetStreamHead(deps.db, u);

  for (const found of await alarmsLinkedTo(deps.db, u.projectId, u._id)) {
    const event: DomainEvent = { id: `${found._id}:void:${u._id}`, action: 'alarm.data_voided', at, actorId: actor.userId, role: 'regulator', reason, data: { uploadId: u._id, seq: u.seq } };
    for (let a: PitAlarm | null = found, attempt = 0; a && attempt < 3; attempt++) {
      const w = eventWrites(PIT_ALARMS, a._id, event, [], { ...ctx, scope: a.scope });
      try {
        await updateAlarmVersioned(deps.db, a, { $set: { ...w.$set, updatedAt: at }, $push: w.$push as never });
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'conflict') throw e;
        a = await findAlarm(deps.db, found._id); // someone acted on the alarm meanwhile: add the event to what it is now
      }
    }
  }
  return { ...u, voided };
}
