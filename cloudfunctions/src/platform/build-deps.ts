import path from 'node:path';
import type { Config } from './config';
import type { Deps } from './deps';
import { database } from './db/client';
import { rootLogger } from './log';
import { createWechatClient } from './wechat/wechat-client';
import { createSmsClient } from './sms/sms-client';
import { createSenders } from './outbox/channel-senders';
import { createLocalStore } from './blob/local-store';
import { createCosStore } from './blob/cos-store';
import type { BlobStore } from './blob/blob-store';
import { buildFaceVerifiers } from './face/build-face';

/** Builds the one `deps` object per cold start (docs/ARCHITECTURE.md §14: no huge constructors, no hidden singletons). */
export function buildDeps(config: Config, overrides: Partial<Deps> = {}): Deps {
  const db = overrides.db ?? database(config.mongodbUri, config.dbName, config.mongodbMaxPool);
  const now = overrides.now ?? devClock(config) ?? (() => new Date());
  const wechat = createWechatClient({ baseUrl: config.wechat.baseUrl, appId: config.wechat.appId, appSecret: config.wechat.appSecret, now: () => now().getTime() });
  const sms = createSmsClient({
    secretId: config.tencent.secretId,
    secretKey: config.tencent.secretKey,
    region: config.tencent.region,
    sdkAppId: config.sms.sdkAppId,
    signName: config.sms.signName,
    endpoint: config.tencent.smsEndpoint,
    protocol: config.tencent.smsProtocol,
  });
  const blobs: BlobStore =
    overrides.blobs ??
    (config.blob.driver === 'cos'
      ? createCosStore({
          secretId: config.tencent.secretId,
          secretKey: config.tencent.secretKey,
          bucket: config.blob.bucket,
          region: config.blob.region,
          domain: config.blob.cosDomain,
          protocol: config.blob.cosProtocol as 'http' | 'https' | undefined,
        })
      : createLocalStore({ dir: path.resolve(config.blob.dir), publicBaseUrl: config.blob.publicBaseUrl, secret: config.jwtSecret, now: () => now().getTime() }));
  return {
    config,
    db,
    log: rootLogger,
    now,
    blobs,
    wechatLogin: wechat,
    sms,
    face: buildFaceVerifiers(config, wechat),
    senders: overrides.senders ?? createSenders({ db, wechat, sms, miniprogramState: config.wechat.miniprogramState }),
    ...overrides,
  };
}

/**
 * The development clock (`CITYLOOP_DEV_CLOCK`, never in production): starts at the given instant when the deps are
 * built and runs on in real time, so a local system can live on the day before a holiday.
 */
function devClock(config: Config): (() => Date) | undefined {
  const start = config.devClockStart ? Date.parse(config.devClockStart) : NaN;
  if (!Number.isFinite(start)) return undefined;
  const offset = start - Date.now();
  return () => new Date(Date.now() + offset);
}
