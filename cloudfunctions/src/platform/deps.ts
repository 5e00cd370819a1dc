import type { Db } from 'mongodb';
import type { Config } from './config';
import type { Logger } from './log';
import type { Senders } from './outbox/senders';
import type { WechatClient } from './wechat/wechat-client';
import type { BlobStore } from './blob/blob-store';
import type { SmsClient } from './sms/sms-client';
import type { FaceVerifiers } from './face/face-verifier';

/** Everything a handler may touch, built once per cold start (no hidden singletons in handlers). */
export type Deps = {
  config: Config;
  db: Db;
  log: Logger;
  senders: Senders;
  blobs: BlobStore;
  wechatLogin: Pick<WechatClient, 'code2Session' | 'getPhoneNumber'>;
  /** Tencent Cloud SMS, for what cannot wait for the outbox (verification codes); notifications go through `senders` */
  sms: SmsClient;
  /** field check-ins: who is in front of the camera (platform/face) */
  face: FaceVerifiers;
  now: () => Date;
  /**
   * Events that happen before this instant are history written now (the demo seed replaying a week through
   * the real pipeline): they reach the inbox only, never a phone or WeChat. Unset everywhere else.
   */
  historyBefore?: Date;
};
