import type { Db } from 'mongodb';
import type { Config } from './config';
import type { Logger } from './log';
import type { Senders } from './outbox/senders';
import type { BlobStore } from './blob/blob-store';

/** Everything a handler may touch, built once per cold start (no hidden singletons in handlers). */
export type Deps = {
  config: Config;
  db: Db;
  log: Logger;
  senders: Senders;
  blobs: BlobStore;
  wechatLogin: { code2Session(code: string): Promise<{ openid: string; unionid?: string }> };
  now: () => Date;
};
