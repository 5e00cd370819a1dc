import { randomBytes } from 'node:crypto';
import type { StandinLog } from '../standin-log';

export type SmsTemplateSpec = { id: string; params: number; /** e.g. '{1}：{2}，请登录小程序查看。' */ content?: string };
export type SmsState = {
  sdkAppIds: Set<string>;
  signNames: Set<string>;
  templates: Map<string, SmsTemplateSpec>;
  now: () => number;
  log: StandinLog;
};
export type ApiError = { Error: { Code: string; Message: string } };
type SendStatus = { SerialNo: string; PhoneNumber: string; Fee: number; SessionContext: string; Code: string; Message: string; IsoCode: string };

const MAX_NUMBERS = 200;
const SAME_CONTENT_WINDOW_MS = 30_000;
const DAILY_LIMIT = 10;
const apiError = (Code: string, Message: string): ApiError => ({ Error: { Code, Message } });
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Domestic numbers may come as 11 digits, 86…, 0086… or +86…; others must be E.164. */
function toE164(raw: string): string | null {
  const cn = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(raw);
  if (cn) return `+86${cn[1]}`;
  return /^\+(?!86)[1-9]\d{6,14}$/.test(raw) ? raw : null;
}
const isoCode = (e164: string) => (e164.startsWith('+86') ? 'CN' : e164.startsWith('+852') ? 'HK' : 'UNKNOWN');
const beijingDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** SendSms (2021-01-11) with the validation and default delivery limits of the real service. */
export function createSendSms(state: SmsState) {
  const lastSameContent = new Map<string, number>();
  const perDay = new Map<string, number>();

  return function sendSms(p: Record<string, unknown>): { SendStatusSet: SendStatus[] } | ApiError {
    const { PhoneNumberSet: phones, SmsSdkAppId: appId, TemplateId: templateId, SignName: sign, TemplateParamSet: rawParams, SessionContext: ctx } = p;
    if (phones === undefined) return apiError('MissingParameter', 'The request is missing a required parameter `PhoneNumberSet`.');
    if (!isStrings(phones)) return apiError('InvalidParameter', 'PhoneNumberSet must be an array of strings.');
    if (phones.length === 0) return apiError('MissingParameter.EmptyPhoneNumberSet', 'PhoneNumberSet is empty.');
    if (phones.length > MAX_NUMBERS) return apiError('LimitExceeded.PhoneNumberCountLimit', `At most ${MAX_NUMBERS} phone numbers per request.`);
    if (typeof appId !== 'string' || !appId) return apiError('MissingParameter', 'The request is missing a required parameter `SmsSdkAppId`.');
    if (!state.sdkAppIds.has(appId)) return apiError('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist.');
    if (typeof templateId !== 'string' || !templateId) return apiError('MissingParameter', 'The request is missing a required parameter `TemplateId`.');
    if (rawParams !== undefined && !isStrings(rawParams)) return apiError('InvalidParameter', 'TemplateParamSet must be an array of strings.');
    if (ctx !== undefined && (typeof ctx !== 'string' || Buffer.byteLength(ctx) >= 512)) return apiError('InvalidParameter', 'SessionContext must be a string under 512 bytes.');
    const params = rawParams ?? [];
    const template = state.templates.get(templateId);
    const signName = typeof sign === 'string' ? sign : '';
    const body = template?.content
      ? template.content.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1] ?? '')
      : params.join(' ');
    const text = `【${signName}】${body}`;
    const contentKey = `${templateId}\u0000${params.join('\u0000')}`;

    const check = (e164: string | null): [string, string] | null => {
      if (!e164) return ['InvalidParameterValue.IncorrectPhoneNumber', 'Incorrect phone number format.'];
      if (!state.signNames.has(signName)) return ['FailedOperation.SignatureIncorrectOrUnapproved', 'The signature is not approved or has the wrong format.'];
      if (!template) return ['FailedOperation.TemplateIncorrectOrUnapproved', 'The template is not approved or does not match.'];
      if (params.length !== template.params) {
        return ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate', `The template takes ${template.params} parameters, got ${params.length}.`];
      }
      const now = state.now();
      const last = lastSameContent.get(`${e164}\u0000${contentKey}`);
      if (last !== undefined && now - last < SAME_CONTENT_WINDOW_MS) {
        return ['LimitExceeded.PhoneNumberThirtySecondLimit', 'The same content was sent to this number within 30 seconds.'];
      }
      if ((perDay.get(`${e164}\u0000${beijingDay(now)}`) ?? 0) >= DAILY_LIMIT) {
        return ['LimitExceeded.PhoneNumberDailyLimit', `This number reached the daily limit of ${DAILY_LIMIT} messages.`];
      }
      return null;
    };

    const SendStatusSet = phones.map((raw): SendStatus => {
      const e164 = toE164(raw);
      const failure = check(e164);
      const to = e164 ?? raw;
      if (failure) {
        state.log.record({ service: 'sms', kind: 'SendSms', ok: false, to, payload: { templateId, params, signName, text }, error: `${failure[0]} ${failure[1]}` });
        return { SerialNo: '', PhoneNumber: to, Fee: 0, SessionContext: ctx ?? '', Code: failure[0], Message: failure[1], IsoCode: e164 ? isoCode(e164) : '' };
      }
      const now = state.now();
      lastSameContent.set(`${to}\u0000${contentKey}`, now);
      const dayKey = `${to}\u0000${beijingDay(now)}`;
      perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
      const serialNo = `2645:${BigInt('0x' + randomBytes(12).toString('hex'))}`;
      const fee = Array.from(text).length <= 70 ? 1 : Math.ceil(Array.from(text).length / 67);
      state.log.record({ service: 'sms', kind: 'SendSms', ok: true, to, payload: { templateId, params, signName, text, serialNo } });
      return { SerialNo: serialNo, PhoneNumber: to, Fee: fee, SessionContext: ctx ?? '', Code: 'Ok', Message: 'send success', IsoCode: isoCode(to) };
    });
    return { SendStatusSet };
  };
}
