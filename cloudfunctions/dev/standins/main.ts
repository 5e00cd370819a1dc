import { startStandins } from './start-standins';

/**
 * Runs the stand-ins for manual use: `npx tsx cloudfunctions/dev/standins/main.ts`.
 * Fixed ports via STANDIN_WECHAT_PORT, STANDIN_TENCENT_PORT, STANDIN_COS_PORT (default: free ports).
 * Prints the environment the gateway needs to use them; the log is at GET <wechat>/__log.
 */
const port = (name: string) => Number(process.env[name] ?? 0);
const s = await startStandins({
  ports: { wechat: port('STANDIN_WECHAT_PORT'), tencent: port('STANDIN_TENCENT_PORT'), cos: port('STANDIN_COS_PORT') },
});
const env = {
  WECHAT_API_BASE: s.wechatBaseUrl,
  WECHAT_APPID: s.credentials.appId,
  WECHAT_SECRET: s.credentials.appSecret,
  TENCENTCLOUD_SECRET_ID: s.credentials.secretId,
  TENCENTCLOUD_SECRET_KEY: s.credentials.secretKey,
  TENCENTCLOUD_SMS_ENDPOINT: s.tencentEndpoint,
  TENCENTCLOUD_SMS_PROTOCOL: 'http://',
  TENCENTCLOUD_IAI_ENDPOINT: s.tencentEndpoint,
  TENCENTCLOUD_IAI_PROTOCOL: 'http://',
  SMS_SDK_APP_ID: s.credentials.smsSdkAppId,
  SMS_SIGN_NAME: s.credentials.smsSignName,
  COS_BUCKET: s.credentials.cosBucket,
  COS_REGION: s.credentials.cosRegion,
  COS_DOMAIN: s.cosDomain,
  COS_PROTOCOL: 'http:',
};
console.log(JSON.stringify({ level: 'info', msg: 'stand-ins listening', log: `${s.wechatBaseUrl}/__log`, env }));

const stop = async (signal: string) => {
  await s.close();
  console.log(JSON.stringify({ level: 'info', msg: 'stand-ins stopped', signal }));
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
