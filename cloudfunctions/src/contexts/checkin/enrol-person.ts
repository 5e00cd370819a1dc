import type { Actor } from '@cityloop/shared/identity/roles';
import type { EnrolmentView } from '@cityloop/shared/checkin/checkin.contract';
import type { Deps } from '../../platform/deps';
import { createdAggregate, eventWrites, type DomainEvent } from '../../platform/aggregate';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { requireOwnEvidence } from '../evidence/public';
import { CHECKIN_PEOPLE, type CheckinPerson } from './checkin.collections';
import { findPerson, insertPerson, updatePersonVersioned } from './checkin.repository';
import { maskIdNumber, openIdNumber, sealIdNumber } from './id-number-seal';

type Ctx = { requestId?: string; ip?: string };

export const presentEnrolment = (p: CheckinPerson): EnrolmentView => ({ name: p.name, idNumberMasked: p.idNumberMasked, photoHash: p.photoHash, enrolledAt: p.enrolledAt.toISOString() });

/**
 * The person enrols themself for face check-ins: name, ID number (stored sealed, answered masked) and a photo of
 * their face they uploaded. Enrolling again replaces the three (one versioned update with its event and audit row).
 */
export async function enrolPerson(deps: Deps, actor: NonNullable<Actor>, b: { name: string; idNumber: string; photoHash: string }, ctx: Ctx): Promise<CheckinPerson> {
  const { db, now, config } = deps;
  await requireOwnEvidence(db, actor.userId, [b.photoHash], { images: true, missing: { message: '本人照片未上传完成或不是图片', code: 'photos_missing' } });
  const at = now();
  const fields = { name: b.name, idNumber: sealIdNumber(config.checkin.idCardKey, actor.userId, b.idNumber), idNumberMasked: maskIdNumber(b.idNumber), photoHash: b.photoHash, updatedAt: at };
  const existing = await findPerson(db, actor.userId);
  const event: DomainEvent = { id: newId('ev', at.getTime()), action: existing ? 'checkin.re_enrol' : 'checkin.enrol', at, actorId: actor.userId, evidence: [b.photoHash], data: { idNumberMasked: fields.idNumberMasked } };
  const scope = { cityId: '', createdBy: actor.userId };
  if (!existing) {
    const doc: CheckinPerson = { ...createdAggregate(CHECKIN_PEOPLE, actor.userId, event, [], { ...ctx, scope }), ...fields, enrolledAt: at, scope };
    await insertPerson(db, doc);
    return doc;
  }
  const w = eventWrites(CHECKIN_PEOPLE, actor.userId, event, [], { ...ctx, scope });
  await updatePersonVersioned(db, existing, { ...w, $set: { ...w.$set, ...fields } });
  return { ...existing, ...fields };
}

/**
 * The person's ID number for one use (a WeChat face-verification call): decrypted here only, and each use is a
 * row in the audit log (who, why, which request).
 */
export function idNumberForUse(deps: Deps, person: CheckinPerson, why: string, ctx: Ctx): () => Promise<string> {
  return async () => {
    const at = deps.now();
    await appendAudit(deps.db, { _id: newId('au', at.getTime()), at, actorId: person._id, action: 'checkin.id_number_use', target: { collection: CHECKIN_PEOPLE, id: person._id }, reason: why, requestId: ctx.requestId, ip: ctx.ip });
    return openIdNumber(deps.config.checkin.idCardKey, person._id, person.idNumber);
  };
}
