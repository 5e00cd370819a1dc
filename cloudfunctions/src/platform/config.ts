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
  /** development and tests only: the clock starts at this instant (ISO) and runs on from there (`CITYLOOP_DEV_CLOCK`) */
  devClockStart?: string;
  wechat: { baseUrl: string; appId: string; appSecret: string; miniprogramState: 'developer' | 'trial' | 'formal' };
  tencent: { secretId: string; secretKey: string; region: string; smsEndpoint?: string; smsProtocol?: string; iaiEndpoint?: string; iaiProtocol?: string };
  /**
   * Field check-ins: the AES-256-GCM key of the stored ID numbers (64 hex characters) and which face verifier the
   * mini-program uses — WeChat face verification 2.0 (government mini-programs) or IAI photo comparison (docs/domain/platform.md §4).
   */
  checkin: { idCardKey: string; faceVerifier: 'wechat' | 'iai' };
  sms: { sdkAppId: string; signName: string };
  blob: { driver: 'local' | 'cos'; dir: string; bucket: string; region: string; cosDomain?: string; cosProtocol?: string; publicBaseUrl: string };
  apiBodyLimitBytes: number;
  /** how many trusted proxies append to X-Forwarded-For in front of the function (client-address.ts) */
  trustedProxyHops: number;
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

/** The development values printed in this repository: public, so never accepted as a production secret. */
const DEV_IDCARD_KEY = 'de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0d';
const DEV_SECRETS = new Set(['dev-only-jwt-secret-change-me-0123456789', 'dev-only-code-secret-change-me-0123456789', 'wxdev0000000000000', 'dev-secret', 'AKIDdev', 'dev-key', DEV_IDCARD_KEY]);
/** AES-256: 32 bytes as 64 hex characters. */
const IDCARD_KEY = /^[0-9a-fA-F]{64}$/;
const SIGNING_SECRETS = ['JWT_SECRET', 'CODE_SECRET'];
const MIN_SIGNING_SECRET_CHARS = 32;
export const MAX_TOKEN_TTL_SEC = 7 * 24 * 3600;

/**
 * A production bundle takes its secrets from the environment only: never a development default (whatever
 * CITYLOOP_ENV says — a bundle started with CITYLOOP_ENV=development must not sign tokens with a public key),
 * never a value printed in this repository, and signing keys of at least 32 characters.
 */
function checkProductionSecrets(env: NodeJS.ProcessEnv, names: string[]): void {
  for (const name of names) {
    const v = env[name];
    if (!v) throw new Error(`missing required environment variable ${name} (a production build has no development default)`);
    if (DEV_SECRETS.has(v)) throw new Error(`${name} is a development value published in the repository; set a real secret`);
    if (SIGNING_SECRETS.includes(name) && v.length < MIN_SIGNING_SECRET_CHARS) throw new Error(`${name} must be at least ${MIN_SIGNING_SECRET_CHARS} characters`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, devBuild: boolean = DEV_BUILD): Config {
  const mode = (env.CITYLOOP_ENV ?? (devBuild ? 'development' : 'production')) as Config['env'];
  // Development defaults exist only when running from source (a dev build) and not in production mode.
  const prod = mode === 'production' || !devBuild;
  if (prod) checkProductionSecrets(env, ['MONGODB_URI', 'WECHAT_APPID', 'WECHAT_SECRET', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'CHECKIN_IDCARD_KEY', ...SIGNING_SECRETS]);
  const devDefault = (v: string) => (prod ? undefined : v);
  const jwtTtlSec = Number(env.JWT_TTL_SEC ?? MAX_TOKEN_TTL_SEC);
  if (!Number.isInteger(jwtTtlSec) || jwtTtlSec < 60 || jwtTtlSec > MAX_TOKEN_TTL_SEC) throw new Error(`JWT_TTL_SEC must be an integer between 60 and ${MAX_TOKEN_TTL_SEC} (7 days)`);
  const idCardKey = required(env, 'CHECKIN_IDCARD_KEY', devDefault(DEV_IDCARD_KEY));
  if (!IDCARD_KEY.test(idCardKey)) throw new Error('CHECKIN_IDCARD_KEY must be 64 hex characters (a 32-byte AES-256 key)');
  const faceVerifier = env.FACE_VERIFIER ?? 'iai';
  if (faceVerifier !== 'wechat' && faceVerifier !== 'iai') throw new Error('FACE_VERIFIER must be "wechat" or "iai"');
  const trustedProxyHops = Number(env.TRUSTED_PROXY_HOPS ?? 1);
  if (!Number.isInteger(trustedProxyHops) || trustedProxyHops < 0 || trustedProxyHops > 5) throw new Error('TRUSTED_PROXY_HOPS must be an integer between 0 and 5');
  return {
    env: mode,
    mongodbUri: required(env, 'MONGODB_URI', devDefault('mongodb://127.0.0.1:27017/')),
    dbName: env.MONGODB_DB ?? 'cityloop',
    mongodbMaxPool: Number(env.MONGODB_MAX_POOL ?? 10),
    jwtSecret: required(env, 'JWT_SECRET', devDefault('dev-only-jwt-secret-change-me-0123456789')),
    jwtTtlSec,
    codeSecret: required(env, 'CODE_SECRET', devDefault('dev-only-code-secret-change-me-0123456789')),
    codeBaseUrl: env.CODE_BASE_URL ?? 'https://code.cityloop.example.cn',
    // Dev persona login: only in a dev build AND only when explicitly enabled.
    devLogin: DEV_BUILD && env.CITYLOOP_DEV_LOGIN === '1',
    // A shifted clock only in a dev build outside production mode (end-to-end journeys across a holiday).
    devClockStart: DEV_BUILD && !prod && env.CITYLOOP_DEV_CLOCK ? env.CITYLOOP_DEV_CLOCK : undefined,
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
      iaiEndpoint: env.TENCENTCLOUD_IAI_ENDPOINT,
      iaiProtocol: env.TENCENTCLOUD_IAI_PROTOCOL,
    },
    checkin: { idCardKey, faceVerifier },
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
    trustedProxyHops,
  };
}
