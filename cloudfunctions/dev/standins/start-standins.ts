import { SMS_TEMPLATES, WECHAT_TEMPLATES } from '@cityloop/shared/notify/templates';
import { startCosStandin, type StoredObject } from './cos/cos-standin';
import { closeServer } from './standin-http';
import { createStandinLog, type StandinLogEntry } from './standin-log';
import type { SmsTemplateSpec } from './tencent/sms-send.handler';
import { startTencentApiStandin } from './tencent/tencent-api-standin';
import { startWechatStandin, type WechatStandinControl } from './wechat/wechat-standin';
import type { WechatTemplateSpec } from './wechat/wechat-subscribe.handler';

export type StandinsOptions = {
  appId?: string;
  appSecret?: string;
  secretId?: string;
  secretKey?: string;
  /** Clock in epoch ms for token expiry, signature windows and SMS limits. */
  now?: () => number;
  /** Known subscription templates (default: shared/notify/templates WECHAT_TEMPLATES). */
  wechatTemplates?: Array<string | WechatTemplateSpec>;
  /** When given, `page` must be one of these (else 41030). */
  wechatPages?: string[];
  smsSdkAppId?: string;
  smsSignNames?: string[];
  /** Approved SMS templates (default: shared/notify/templates SMS_TEMPLATES). */
  smsTemplates?: SmsTemplateSpec[];
  cosBucket?: string;
  cosRegion?: string;
  /** Fixed ports for manual use; 0 (default) picks free ones. */
  ports?: { wechat?: number; tencent?: number; cos?: number };
};

export type Standins = {
  /** For createWechatClient({ baseUrl }) */
  wechatBaseUrl: string;
  /** `127.0.0.1:PORT`: the SDK's httpProfile.endpoint, with protocol 'http://' */
  tencentEndpoint: string;
  /** `127.0.0.1:PORT`: the COS SDK's Domain, with Protocol 'http:' */
  cosDomain: string;
  credentials: {
    appId: string;
    appSecret: string;
    secretId: string;
    secretKey: string;
    smsSdkAppId: string;
    smsSignName: string;
    cosBucket: string;
    cosRegion: string;
  };
  log: StandinLogEntry[];
  wechat: WechatStandinControl;
  cosObjects: Map<string, StoredObject>;
  close(): Promise<void>;
};

// The same values as the development defaults in platform/config.ts, so a dev gateway needs no setup.
const DEFAULTS = {
  appId: 'wxdev0000000000000',
  appSecret: 'dev-secret',
  secretId: 'AKIDdev',
  secretKey: 'dev-key',
  smsSdkAppId: '1400000000',
  smsSignName: '城建监管',
  cosBucket: 'cityloop-evidence-1250000000',
  cosRegion: 'ap-guangzhou',
};

/**
 * Starts the WeChat, Tencent Cloud API (SMS) and COS stand-ins on free loopback ports. They speak
 * the real protocols and check the real signatures, so the production clients and official SDKs
 * talk to them unchanged; every accepted and rejected call lands in `log`.
 * @example const s = await startStandins(); …; await s.close();
 */
export async function startStandins(opts: StandinsOptions = {}): Promise<Standins> {
  const now = opts.now ?? Date.now;
  const log = createStandinLog(now);
  const credentials = {
    appId: opts.appId ?? DEFAULTS.appId,
    appSecret: opts.appSecret ?? DEFAULTS.appSecret,
    secretId: opts.secretId ?? DEFAULTS.secretId,
    secretKey: opts.secretKey ?? DEFAULTS.secretKey,
    smsSdkAppId: opts.smsSdkAppId ?? DEFAULTS.smsSdkAppId,
    smsSignName: opts.smsSignNames?.[0] ?? DEFAULTS.smsSignName,
    cosBucket: opts.cosBucket ?? DEFAULTS.cosBucket,
    cosRegion: opts.cosRegion ?? DEFAULTS.cosRegion,
  };
  const keys = { [credentials.secretId]: credentials.secretKey };
  const wechatTemplates = (opts.wechatTemplates ?? Object.values(WECHAT_TEMPLATES).map((t) => ({ id: t.id, keys: t.fields }))).map(
    (t): WechatTemplateSpec => (typeof t === 'string' ? { id: t } : t),
  );
  const smsTemplates = opts.smsTemplates ?? Object.values(SMS_TEMPLATES).map((t) => ({ id: t.id, params: t.params, content: t.content }));

  const wechat = await startWechatStandin({
    appId: credentials.appId,
    appSecret: credentials.appSecret,
    now,
    log,
    templates: wechatTemplates,
    pages: opts.wechatPages,
    port: opts.ports?.wechat,
  });
  const tencent = await startTencentApiStandin({
    keys,
    now,
    log,
    sms: { sdkAppIds: [credentials.smsSdkAppId], signNames: opts.smsSignNames ?? [credentials.smsSignName], templates: smsTemplates },
    port: opts.ports?.tencent,
  });
  const cos = await startCosStandin({ keys, bucket: credentials.cosBucket, region: credentials.cosRegion, now, log, port: opts.ports?.cos });

  return {
    wechatBaseUrl: `http://127.0.0.1:${wechat.port}`,
    tencentEndpoint: `127.0.0.1:${tencent.port}`,
    cosDomain: `127.0.0.1:${cos.port}`,
    credentials,
    log: log.entries,
    wechat: wechat.control,
    cosObjects: cos.objects,
    close: async () => {
      await Promise.all([closeServer(wechat.server), closeServer(tencent.server), closeServer(cos.server)]);
    },
  };
}
