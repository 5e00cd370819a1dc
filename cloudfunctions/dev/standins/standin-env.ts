import type { Standins } from './start-standins';

/**
 * The environment the functions get when they run against the stand-ins (local gateway, tests, benchmarks):
 * the same variables a deployment sets, pointing at loopback servers. FerretDB → one connection (db/client.ts).
 */
export function standinEnv(
  standins: Standins,
  o: { mongodbUri: string; dbName: string; blobDir: string; publicUrl: string; mode: 'development' | 'test' },
): Record<string, string> {
  return {
    CITYLOOP_ENV: o.mode,
    CITYLOOP_DEV_LOGIN: '1',
    MONGODB_URI: o.mongodbUri,
    MONGODB_DB: o.dbName,
    MONGODB_MAX_POOL: process.env.MONGODB_MAX_POOL ?? '1',
    WECHAT_API_BASE: standins.wechatBaseUrl,
    WECHAT_APPID: standins.credentials.appId,
    WECHAT_SECRET: standins.credentials.appSecret,
    WECHAT_MP_STATE: 'developer',
    TENCENTCLOUD_SECRET_ID: standins.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: standins.credentials.secretKey,
    TENCENTCLOUD_SMS_ENDPOINT: standins.tencentEndpoint,
    TENCENTCLOUD_SMS_PROTOCOL: 'http://',
    TENCENTCLOUD_IAI_ENDPOINT: standins.tencentEndpoint,
    TENCENTCLOUD_IAI_PROTOCOL: 'http://',
    SMS_SDK_APP_ID: standins.credentials.smsSdkAppId,
    SMS_SIGN_NAME: standins.credentials.smsSignName,
    BLOB_DRIVER: 'local',
    BLOB_DIR: o.blobDir,
    PUBLIC_BASE_URL: o.publicUrl,
    CODE_BASE_URL: o.publicUrl,
  };
}
