import type { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/iai/v20200303/iai_client.js';
import { FACE_COMPARE_MIN_SCORE, FACE_LIVENESS_MIN_SCORE } from '@cityloop/shared/checkin/checkin.limits';
import { rootLogger } from '../log';
import type { FaceChallenge, FaceOutcome, FaceVerifier } from './face-verifier';

export type IaiFaceOptions = {
  secretId: string;
  secretKey: string;
  region: string;
  /** Default iai.tencentcloudapi.com; the stand-in's `127.0.0.1:PORT` in dev and tests. */
  endpoint?: string;
  /** Default https; 'http://' for the stand-in. */
  protocol?: string;
  timeoutSec?: number;
};

const log = rootLogger.child({ component: 'face-iai' });
type SdkError = Error & { code?: string; requestId?: string };
const isSdkError = (e: unknown): e is SdkError => e instanceof Error && 'requestId' in e && 'traceId' in e;
/** IAI's answers when an image holds no usable face (docs/domain/platform.md §4.2). */
const NO_FACE = /^FailedOperation\.(ImageFacedetectFailed|FaceQualityNotQualified|FaceSizeTooSmall)$/;

/** The narrowest entry of the official SDK, loaded on the first comparison (scripts/functions/lazy-packages.ts). */
const loadIaiSdk = async (): Promise<typeof Client> => {
  const sdk = await import('tencentcloud-sdk-nodejs/tencentcloud/services/iai/v20200303/iai_client.js');
  return sdk.Client ?? (sdk as unknown as { default: { Client: typeof Client } }).default.Client;
};

const normalizeProtocol = (p?: string) => (p ? `${p.replace(/[:/]+$/, '')}://` : undefined);

/**
 * Tencent Cloud IAI (2020-03-03) through the official SDK: `CompareFace` (FaceModelVersion 3.0) of the check-in
 * photo against the enrolled photo, Score ≥ 60 (FAR 1e-5), and `DetectLiveFaceAccurate` on the check-in photo,
 * Score ≥ 40 (not a photo of a photo or a screen). Both run at once; either failing refuses.
 */
export function createIaiFaceVerifier(opts: IaiFaceOptions): FaceVerifier {
  const protocol = normalizeProtocol(opts.protocol);
  let client: Promise<Client> | undefined;
  const sdkClient = () =>
    (client ??= loadIaiSdk()
      .then((SdkClient) => new SdkClient({
        credential: { secretId: opts.secretId, secretKey: opts.secretKey },
        region: opts.region,
        profile: { httpProfile: { ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), ...(protocol ? { protocol } : {}), reqTimeout: opts.timeoutSec ?? 10 } },
      }))
      .catch((e: unknown) => {
        client = undefined;
        throw e;
      }));

  return {
    mode: 'photo',
    async begin(): Promise<FaceChallenge> {
      return { mode: 'photo' };
    },
    async check(person, evidence): Promise<FaceOutcome> {
      if (evidence.mode !== 'photo') throw new Error('the IAI verifier checks photos only');
      if (!person.enrolledPhoto) throw new Error('photo comparison needs the enrolled photo');
      const [enrolled, c] = await Promise.all([person.enrolledPhoto(), sdkClient()]);
      const live = evidence.photo.toString('base64');
      try {
        const [compare, liveness] = await Promise.all([
          c.CompareFace({ ImageA: enrolled.toString('base64'), ImageB: live, FaceModelVersion: '3.0' }),
          c.DetectLiveFaceAccurate({ Image: live, FaceModelVersion: '3.0' }),
        ]);
        const compareScore = Number(compare.Score ?? 0);
        const livenessScore = Number(liveness.Score ?? 0);
        const detail = { provider: 'iai' as const, compareScore, livenessScore };
        if (livenessScore < FACE_LIVENESS_MIN_SCORE) return { match: false, reason: 'not_live', detail };
        if (compareScore < FACE_COMPARE_MIN_SCORE) return { match: false, reason: 'mismatch', detail };
        return { match: true, detail };
      } catch (e) {
        if (isSdkError(e) && NO_FACE.test(e.code ?? '')) {
          log.info('no usable face in a check-in photo', { code: e.code, requestId: e.requestId, userId: person.userId });
          return { match: false, reason: 'no_face', detail: { provider: 'iai' } };
        }
        throw e;
      }
    },
  };
}
