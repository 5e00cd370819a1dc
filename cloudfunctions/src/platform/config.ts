/**
 * All configuration comes from environment variables (README lists each). Read once per cold start.
 * Production secrets are set on the SCF function; the local gateway fills in stand-in values.
 */
export type Config = {
  env: 'production' | 'development' | 'test';
  mongodbUri: string;
  dbName: string;
  /** 1 on FerretDB (dev, tests): see db/client.ts */
  mongodbMaxPool: number;
  jwtSecret: string;
  jwtTtlSec: number;
  codeSecret: string;
  codeBaseUrl: string;
  devLogin: boolean;
  wechat: { baseUrl: string; appId: string; appSecret: string; miniprogramState: 'developer' | 'trial' | 'formal' };
  tencent: { secretId: string; secretKey: string; region: string; smsEndpoint?: string; smsProtocol?: string };
  sms: { sdkAppId: string; signName: string };
  blob: { driver: 'local' | 'cos'; dir: string; bucket: string; region: string; cosDomain?: string; cosProtocol?: string; publicBaseUrl: string };
  apiBodyLimitBytes: number;
};

/**
 * False in production bundles: esbuild replaces `process.env.CITYLOOP_BUILD` with "production", the
 * comparison folds to a constant and dev-only code (persona login) is dropped from the bundle.
 */
export const isDevBuild = () => process.env.CITYLOOP_BUILD !== 'production';
export const DEV_BUILD: boolean = isDevBuild();

function required(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const v = env[name] ?? fallback;
  if (!v) throw new Error(`missing required environment variable ${name}`);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = (env.CITYLOOP_ENV ?? (DEV_BUILD ? 'development' : 'production')) as Config['env'];
  const prod = mode === 'production';
  const devDefault = (v: string) => (prod ? undefined : v);
  return {
    env: mode,
    mongodbUri: required(env, 'MONGODB_URI', devDefault('mongodb://127.0.0.1:27017/')),
    dbName: env.MONGODB_DB ?? 'cityloop',
    mongodbMaxPool: Number(env.MONGODB_MAX_POOL ?? 10),
    jwtSecret: required(env, 'JWT_SECRET', devDefault('dev-only-jwt-secret-change-me-0123456789')),
    jwtTtlSec: Number(env.JWT_TTL_SEC ?? 7 * 24 * 3600),
    codeSecret: required(env, 'CODE_SECRET', devDefault('dev-only-code-secret-change-me-0123456789')),
    codeBaseUrl: env.CODE_BASE_URL ?? 'https://code.cityloop.example.cn',
    // Dev persona login: only in a dev build AND only when explicitly enabled.
    devLogin: DEV_BUILD && env.CITYLOOP_DEV_LOGIN === '1',
    wechat: {
      baseUrl: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
      appId: required(env, 'WECHAT_APPID', devDefault('wxdev0000000000000')),
      appSecret: required(env, 'WECHAT_SECRET', devDefault('dev-secret')),
      miniprogramState: (env.WECHAT_MP_STATE as Config['wechat']['miniprogramState']) ?? 'formal',
    },
    tencent: {
      secretId: required(env, 'TENCENTCLOUD_SECRET_ID', devDefault('AKIDdev')),
      secretKey: required(env, 'TENCENTCLOUD_SECRET_KEY', devDefault('dev-key')),
      region: env.TENCENTCLOUD_REGION ?? 'ap-guangzhou',
      smsEndpoint: env.TENCENTCLOUD_SMS_ENDPOINT,
      smsProtocol: env.TENCENTCLOUD_SMS_PROTOCOL,
    },
    sms: { sdkAppId: env.SMS_SDK_APP_ID ?? '1400000000', signName: env.SMS_SIGN_NAME ?? '城建监管' },
    blob: {
      driver: (env.BLOB_DRIVER as 'local' | 'cos') ?? (prod ? 'cos' : 'local'),
      dir: env.BLOB_DIR ?? '.data/blobs',
      bucket: env.COS_BUCKET ?? 'cityloop-evidence-1250000000',
      region: env.COS_REGION ?? env.TENCENTCLOUD_REGION ?? 'ap-guangzhou',
      cosDomain: env.COS_DOMAIN,
      cosProtocol: env.COS_PROTOCOL,
      publicBaseUrl: env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:8080',
    },
    apiBodyLimitBytes: Number(env.API_BODY_LIMIT_BYTES ?? 1024 * 1024),
  };
}
