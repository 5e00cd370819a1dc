import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '@cityloop/shared/identity/roles';
import { invalid } from '@cityloop/shared/errors';
import type { CheckinBody } from '@cityloop/shared/checkin/checkin.contract';
import type { CheckinFlag } from '@cityloop/shared/checkin/checkin.limits';
import type { CheckinSite } from '@cityloop/shared/checkin/checkin.types';
import { chainHashOf, type ChainFields } from '@cityloop/shared/checkin/chain';
import { checkGeofence } from '@cityloop/shared/checkin/geofence';
import { isImpossibleTravel } from '@cityloop/shared/checkin/travel';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { appendAudit } from '../../platform/audit/audit-log';
import { isDuplicateKeyError } from '../../platform/db/duplicate-key';
import { findUser } from '../../platform/auth/users.repository';
import { newId } from '../../platform/ids';
import type { FaceOutcome } from '../../platform/face/face-verifier';
import { blobKey, requireOwnEvidenceSets } from '../evidence/public';
import { CHECKINS, siteKey, type CheckinDoc, type CheckinPerson, type FaceEvidence } from './checkin.collections';
import { chainHead, chainKeyOf, findCheckinByVerifyId, findFaceSession, findPerson, insertCheckin, lastCheckinOf, moveHead, recordOf, rememberCheckin, repairChainHead } from './checkin.repository';
import { siteForCheckin } from './checkin-sites';
import { forgetHead, inChainTurn, rememberHead, rememberedHead } from './chain-turns';
import { facePerson } from './face-session';
import { faceMismatch, faceReplayed, faceRequired, notCheckedIn, notEnrolled } from './checkin-refusals';
import { impossibleTravelMessages, siteRegulatorIds } from './checkin-messages';

type Ctx = { requestId?: string; ip?: string };
type Body = Omit<CheckinBody, 'face'> & { face?: { verifyId: string } | { photoHash: string } };
/** How many times a check-in tries for the next place in its site's chain before giving up (40 people at once). */
const CHAIN_ATTEMPTS = 80;

/** Refused with the reason logged and audited (a forged or replayed input), nothing else written. */
async function refuseReplay(deps: Deps, actor: NonNullable<Actor>, verifyId: string, ctx: Ctx): Promise<never> {
  const at = deps.now();
  deps.log.warn('check-in with a used face verify id refused', { userId: actor.userId, verifyId: verifyId.slice(0, 12), requestId: ctx.requestId });
  await appendAudit(deps.db, { _id: newId('au', at.getTime()), at, actorId: actor.userId, action: 'checkin.face_replayed', target: { collection: CHECKINS, id: verifyId.slice(0, 40) }, requestId: ctx.requestId, ip: ctx.ip, reason: 'verify id used before' });
  throw faceReplayed();
}

async function checkFace(deps: Deps, actor: NonNullable<Actor>, site: CheckinSite, person: CheckinPerson, face: Body['face'], ctx: Ctx): Promise<{ outcome: FaceOutcome; evidence: FaceEvidence }> {
  if (!face) throw faceRequired();
  if ('verifyId' in face) {
    const s = await findFaceSession(deps.db, face.verifyId);
    if (!s || s.userId !== actor.userId || s.siteKind !== site.kind || s.siteId !== site.siteId || s.expiresAt < deps.now()) throw faceMismatch('unknown_session');
    if (await findCheckinByVerifyId(deps.db, face.verifyId)) await refuseReplay(deps, actor, face.verifyId, ctx);
    const openid = (await findUser(deps.db, actor.userId))?.openid;
    const outcome = await deps.face.primary.check(facePerson(deps, person, openid, `queryverifyinfo ${site.kind}:${site.siteId}`, ctx), { mode: 'wechat', verifyId: face.verifyId, outSeqNo: s.outSeqNo });
    return { outcome, evidence: { mode: 'wechat', verifyId: face.verifyId } };
  }
  // the face photo is the person's own: checked with the site photo (recordCheckin)
  const photo = await deps.blobs.get(blobKey(face.photoHash));
  if (!photo) throw invalid('人脸照片未上传完成', 'photos_missing');
  const outcome = await deps.face.photo.check(facePerson(deps, person, undefined, 'photo', ctx), { mode: 'photo', photo });
  return { outcome, evidence: { mode: 'photo', photoHash: face.photoHash, compareScore: outcome.detail.compareScore ?? 0, livenessScore: outcome.detail.livenessScore ?? 0 } };
}

/**
 * One check-in or check-out (docs/domain/platform.md §4): the site as its domain declares it, GPS accuracy ≤ 100 m
 * and inside the geofence, an open check-in before a check-out, the person's own photo, their face (WeChat or IAI)
 * — each refusal specific and nothing written — then server time, the impossible-travel check against the person's
 * previous check-in (flagged, the regulators told) and the next link of the site's hash chain, in one insert.
 */
export async function recordCheckin(deps: Deps, actor: NonNullable<Actor>, b: Body, ctx: Ctx): Promise<{ doc: CheckinDoc; site: CheckinSite & { role: string } }> {
  const { db } = deps;
  const site = await siteForCheckin(deps, b.siteKind, b.siteId, actor);
  const person = await findPerson(db, actor.userId);
  if (site.faceRequired && !person) throw notEnrolled();
  const fence = checkGeofence(site, b.gps);
  if (!fence.ok) throw invalid(fence.message, fence.code, { distanceM: fence.distanceM, radiusM: site.geofence.radiusM, accuracyM: b.gps.accuracyM });
  const chainKey = chainKeyOf(site.kind, site.siteId);
  // the person's latest check-in anywhere (impossible travel) and here (a check-out needs an open check-in): from the
  // enrolled person's cache, else (a site without faces, a person not enrolled) from the check-ins
  const prev = person ? (person.last ?? null) : await lastCheckinOf(db, actor.userId);
  if (b.direction === 'out') {
    const here = person ? person.sites?.[siteKey(chainKey)]?.direction : (prev?.chainKey === chainKey ? prev : await lastCheckinOf(db, actor.userId, chainKey))?.direction;
    if (here !== 'in') throw notCheckedIn(site.name);
  }
  // the site photo, then the face photo (photo mode), in one read of the stored blobs
  const facePhoto = site.faceRequired && b.face && 'photoHash' in b.face ? [b.face.photoHash] : [];
  await requireOwnEvidenceSets(db, actor.userId, [
    { hashes: [b.photoHash], check: { images: true, missing: { message: '现场照片未上传完成或不是图片', code: 'photos_missing' } } },
    { hashes: facePhoto, check: { images: true } },
  ]);
  let faceMatch = false;
  let face: FaceEvidence = { mode: 'none' };
  if (site.faceRequired) {
    const f = await checkFace(deps, actor, site, person!, b.face, ctx);
    if (!f.outcome.match) throw faceMismatch(f.outcome.reason ?? 'mismatch');
    faceMatch = true;
    face = f.evidence;
  }

  const at = deps.now();
  const userName = person?.name ?? (await findUser(db, actor.userId))?.name ?? '';
  const flags: CheckinFlag[] = [];
  let messages: ReturnType<typeof impossibleTravelMessages> = [];
  let travel: CheckinDoc['travel'];
  const eventId = newId('ev', at.getTime());
  if (prev) {
    const t = isImpossibleTravel({ at: prev.at, gps: prev.gps }, { at, gps: b.gps });
    if (t.impossible) {
      flags.push('impossible_travel');
      travel = { fromCheckinId: prev._id, fromSite: prev.siteName, distanceM: t.distanceM, minutes: t.minutes, speedKmh: t.speedKmh };
      messages = impossibleTravelMessages(eventId, await siteRegulatorIds(db, site), at, { personName: userName, siteName: site.name, direction: b.direction, prevSiteName: prev.siteName, travel: t });
      deps.log.warn('impossible travel between check-ins', { userId: actor.userId, from: prev.chainKey, to: chainKey, ...t });
    }
  }

  const id = newId('ck', at.getTime());
  const event: DomainEvent = { id: eventId, action: `checkin.${b.direction}`, at, actorId: actor.userId, role: site.role, location: { lng: b.gps.lng, lat: b.gps.lat, accuracy: b.gps.accuracyM }, evidence: [b.photoHash], data: { siteKind: site.kind, siteId: site.siteId, flags } };
  const scope = { cityId: site.cityId, ...(site.townId ? { townId: site.townId } : {}) };
  const base = createdAggregate(CHECKINS, id, event, messages, { ...ctx, scope });
  // this instance's check-ins at the site take turns; the head it wrote last is known without a read
  const doc = await inChainTurn(db, chainKey, async () => {
    for (let attempt = 0; ; attempt++) {
      const head = (attempt === 0 ? rememberedHead(db, chainKey) : undefined) ?? (await chainHead(db, chainKey));
      const fields: ChainFields = {
        id, siteKind: site.kind, siteId: site.siteId, userId: actor.userId, userName, role: site.role, direction: b.direction, at,
        gps: { lng: b.gps.lng, lat: b.gps.lat, accuracyM: b.gps.accuracyM }, inGeofence: true, faceMatch, faceRequired: site.faceRequired,
        distanceM: fence.distanceM, flags, seq: head.seq + 1, photoHash: b.photoHash, faceMode: face.mode,
      };
      const chainHash = chainHashOf(head.chainHash, fields);
      const { id: _id, ...rest } = fields;
      const next: CheckinDoc = {
        ...base, ...rest, prevHash: head.chainHash, chainHash, chainKey, scope, siteName: site.name, face,
        ...(face.mode === 'wechat' ? { verifyId: face.verifyId } : {}), ...(travel ? { travel } : {}),
      };
      try {
        await insertCheckin(db, next);
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
        forgetHead(db, chainKey);
        // the same verify id raced itself: the other request used it
        if (face.mode === 'wechat' && (await findCheckinByVerifyId(db, face.verifyId))) await refuseReplay(deps, actor, face.verifyId, ctx);
        if (attempt >= CHAIN_ATTEMPTS) throw invalid('签到人数较多，请稍后重试', 'chain_busy');
        // another instance took this link and moves the head right after its insert: wait for it, and read the end
        // of the chain from the check-ins (a scan) only when the head stays behind
        await sleep(Math.floor(Math.random() * Math.min(40, 4 + attempt * 2)));
        if ((await chainHead(db, chainKey)).seq < next.seq) await repairChainHead(db, chainKey);
        continue;
      }
      rememberHead(db, chainKey, { seq: next.seq, chainHash });
      return next;
    }
  });
  // the head document is for the other instances (monotonic: a late move never sets it back); the person's cache of
  // their last check-ins beside it
  await Promise.all([
    moveHead(db, { _id: chainKey, seq: doc.seq, chainHash: doc.chainHash }),
    person ? rememberCheckin(db, actor.userId, { _id: id, at, gps: doc.gps, chainKey, siteName: site.name, direction: b.direction }) : undefined,
  ]);
  return { doc, site };
}

export { recordOf };
