import type { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sms/v20210111/sms_client.js';
import { rootLogger } from '../log';
import { toE164 } from './phone-number';

export type SmsClientOptions = {
  secretId: string;
  secretKey: string;
  region: string;
  sdkAppId: string;
  signName: string;
  /** Default sms.tencentcloudapi.com; the stand-in's `127.0.0.1:PORT` in dev and tests. */
  endpoint?: string;
  /** Default https; 'http', 'http:' or 'http://' for the stand-in. */
  protocol?: string;
  timeoutSec?: number;
};

export type SmsSendRequest = { phones: string[]; templateId: string; params: string[] };
export type SmsResult = { phone: string; ok: boolean; code: string; message: string; serialNo?: string };
export type SmsClient = { send(req: SmsSendRequest): Promise<SmsResult[]> };

/** SendSms accepts at most 200 numbers per request. */
const BATCH = 200;
const log = rootLogger.child({ component: 'sms' });

type SdkError = Error & { code?: string; requestId?: string; httpCode?: number };
// TencentCloudSDKHttpException is a CommonJS default export; duck-type it rather than instanceof across module systems.
const isSdkError = (e: unknown): e is SdkError => e instanceof Error && 'requestId' in e && 'traceId' in e;

/**
 * The narrowest entry of the official SDK (the package index loads every service, ~58 MB), loaded on the first
 * send: a function's cold start never parses it. The bundles ship it beside themselves as one pre-bundled file
 * (scripts/functions/lazy-packages.ts).
 */
const loadSmsSdk = async (): Promise<typeof Client> => {
  const sdk = await import('tencentcloud-sdk-nodejs/tencentcloud/services/sms/v20210111/sms_client.js');
  return sdk.Client ?? (sdk as unknown as { default: { Client: typeof Client } }).default.Client;
};

const normalizeProtocol = (p?: string) => (p ? `${p.replace(/[:/]+$/, '')}://` : undefined);

/**
 * Tencent Cloud SMS (SendSms 2021-01-11) through the official SDK, signed with TC3-HMAC-SHA256.
 * Never set `profile.signMethod`: "HmacSHA256" there switches the SDK to the legacy v1 signature.
 * Every number gets a result: success is Code === 'Ok'; a request-level error (bad key, throttled,
 * network) becomes a failed result for every number in that request, with the error code.
 */
export function createSmsClient(opts: SmsClientOptions): SmsClient {
  const protocol = normalizeProtocol(opts.protocol);
  let client: Promise<Client> | undefined;
  const sdkClient = () => (client ??= loadSmsSdk().then((SdkClient) => new SdkClient({
    credential: { secretId: opts.secretId, secretKey: opts.secretKey },
    region: opts.region,
    profile: {
      httpProfile: {
        ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
        ...(protocol ? { protocol } : {}),
        reqTimeout: opts.timeoutSec ?? 10,
      },
    },
  })).catch((e: unknown) => {
    client = undefined;
    throw e;
  }));

  async function sendBatch(phones: string[], templateId: string, params: string[]): Promise<Map<string, SmsResult>> {
    const out = new Map<string, SmsResult>();
    try {
      const r = await (await sdkClient()).SendSms({
        PhoneNumberSet: phones,
        SmsSdkAppId: opts.sdkAppId,
        SignName: opts.signName,
        TemplateId: templateId,
        TemplateParamSet: params,
      });
      for (const s of r.SendStatusSet ?? []) {
        const phone = s.PhoneNumber ?? '';
        out.set(phone, { phone, ok: s.Code === 'Ok', code: s.Code ?? '', message: s.Message ?? '', ...(s.SerialNo ? { serialNo: s.SerialNo } : {}) });
      }
    } catch (e) {
      if (!isSdkError(e)) throw e;
      const code = e.code || (e.httpCode ? `HTTP${e.httpCode}` : 'NetworkError');
      log.warn('SendSms request failed', { code, message: e.message, requestId: e.requestId, count: phones.length });
      for (const phone of phones) out.set(phone, { phone, ok: false, code, message: e.message });
    }
    return out;
  }

  return {
    async send({ phones, templateId, params }) {
      const normalized = phones.map((p) => ({ input: p, e164: toE164(p) }));
      const valid = [...new Set(normalized.flatMap((n) => (n.e164 ? [n.e164] : [])))];
      const results = new Map<string, SmsResult>();
      for (let i = 0; i < valid.length; i += BATCH) {
        const batch = valid.slice(i, i + BATCH);
        for (const [k, v] of await sendBatch(batch, templateId, params)) results.set(k, v);
      }
      return normalized.map(({ input, e164 }): SmsResult => {
        if (!e164) return { phone: input, ok: false, code: 'InvalidParameterValue.IncorrectPhoneNumber', message: 'not a valid phone number (checked locally)' };
        return results.get(e164) ?? { phone: e164, ok: false, code: 'NoResult', message: 'no status returned for this number' };
      });
    },
  };
}
