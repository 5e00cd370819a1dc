import type { Actor } from '@cityloop/shared/identity/roles';
import type { FaceSessionView } from '@cityloop/shared/checkin/checkin.contract';
import type { Deps } from '../../platform/deps';
import { findUser } from '../../platform/auth/users.repository';
import type { FacePerson } from '../../platform/face/face-verifier';
import { blobKey } from '../evidence/public';
import type { CheckinPerson } from './checkin.collections';
import { findPerson, insertFaceSession } from './checkin.repository';
import { siteForCheckin } from './checkin-sites';
import { idNumberForUse } from './enrol-person';
import { notEnrolled } from './checkin-refusals';

type Ctx = { requestId?: string; ip?: string };

/** The person as the face verifiers see them: the ID number and the enrolled photo read only when a verifier asks. */
export function facePerson(deps: Deps, person: CheckinPerson, openid: string | undefined, why: string, ctx: Ctx): FacePerson {
  return {
    userId: person._id,
    openid,
    name: person.name,
    idNumber: idNumberForUse(deps, person, why, ctx),
    enrolledPhoto: async () => {
      const data = await deps.blobs.get(blobKey(person.photoHash));
      if (!data) throw new Error(`enrolled photo ${person.photoHash} of ${person._id} is missing from the blob store`);
      return data;
    },
  };
}

/**
 * How the person proves their face at this site: WeChat face verification 2.0 in the mini-program when the system
 * is configured for it (a verify_id bound to the person, the site and WeChat's session), photos otherwise and
 * always in H5; none when the site needs no face.
 */
export async function openFaceSession(deps: Deps, actor: NonNullable<Actor>, b: { siteKind: string; siteId: string; client?: 'weapp' | 'h5' }, ctx: Ctx): Promise<FaceSessionView> {
  const site = await siteForCheckin(deps, b.siteKind, b.siteId, actor);
  if (!site.faceRequired) return { mode: 'none' };
  const person = await findPerson(deps.db, actor.userId);
  if (!person) throw notEnrolled();
  const openid = (await findUser(deps.db, actor.userId))?.openid;
  const verifier = deps.face.primary;
  if (verifier.mode !== 'wechat' || b.client !== 'weapp' || !openid) return { mode: 'photo' };
  const challenge = await verifier.begin(facePerson(deps, person, openid, `getverifyid ${site.kind}:${site.siteId}`, ctx));
  if (challenge.mode !== 'wechat') return { mode: 'photo' };
  const at = deps.now();
  await insertFaceSession(deps.db, { _id: challenge.verifyId, outSeqNo: challenge.outSeqNo, userId: actor.userId, siteKind: site.kind, siteId: site.siteId, createdAt: at, expiresAt: new Date(at.getTime() + challenge.expiresInSec * 1000) });
  return { mode: 'wechat', verifyId: challenge.verifyId };
}
