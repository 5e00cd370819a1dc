/**
 * One interface for checking that the person at a check-in is the enrolled person (docs/domain/platform.md §4).
 * Two implementations, chosen by configuration (`FACE_VERIFIER`): WeChat face verification 2.0 against the ID
 * database (government mini-programs; wechat-face.ts) and Tencent Cloud IAI photo comparison against the enrolled
 * photo with a liveness check (iai-face.ts). The H5 build has no wx.requestFacialVerify and always uses photos.
 */

/** Who is being verified. The ID number is decrypted only for the WeChat calls that need it. */
export type FacePerson = { userId: string; openid?: string; name: string; idNumber?: () => Promise<string>; enrolledPhoto?: () => Promise<Buffer> };

/** What the client must do next: run wx.requestFacialVerify with `verifyId`, or take a photo. */
export type FaceChallenge = { mode: 'wechat'; verifyId: string; outSeqNo: string; expiresInSec: number } | { mode: 'photo' };

/** What the client brings back. */
export type FaceEvidence = { mode: 'wechat'; verifyId: string; outSeqNo: string } | { mode: 'photo'; photo: Buffer };

export type FaceRefusal = 'mismatch' | 'not_live' | 'no_face' | 'not_completed';
export type FaceOutcome = {
  match: boolean;
  reason?: FaceRefusal;
  /** what the provider answered (scores, verify_ret), kept on the check-in */
  detail: { verifyRet?: number; compareScore?: number; livenessScore?: number; provider: 'wechat' | 'iai' };
};

export interface FaceVerifier {
  readonly mode: 'wechat' | 'photo';
  begin(person: FacePerson): Promise<FaceChallenge>;
  check(person: FacePerson, evidence: FaceEvidence): Promise<FaceOutcome>;
}

/** The verifiers a system has: the configured one for the mini-program, and photos (IAI) for H5 and fallback. */
export type FaceVerifiers = { primary: FaceVerifier; photo: FaceVerifier };
