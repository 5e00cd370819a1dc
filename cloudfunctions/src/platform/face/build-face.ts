import type { Config } from '../config';
import type { WechatClient } from '../wechat/wechat-client';
import type { FaceVerifiers } from './face-verifier';
import { createIaiFaceVerifier } from './iai-face';
import { createWechatFaceVerifier } from './wechat-face';

/** The face verifiers of one system: the configured one (`FACE_VERIFIER`) and IAI photos for H5. */
export function buildFaceVerifiers(config: Config, wechat: Pick<WechatClient, 'getAccessToken'>): FaceVerifiers {
  const photo = createIaiFaceVerifier({
    secretId: config.tencent.secretId,
    secretKey: config.tencent.secretKey,
    region: config.tencent.region,
    endpoint: config.tencent.iaiEndpoint,
    protocol: config.tencent.iaiProtocol,
  });
  const primary = config.checkin.faceVerifier === 'wechat' ? createWechatFaceVerifier({ baseUrl: config.wechat.baseUrl, getAccessToken: () => wechat.getAccessToken() }) : photo;
  return { primary, photo };
}
