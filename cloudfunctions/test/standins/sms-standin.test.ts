import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sms/v20210111/sms_client.js';
import { createSmsClient, type SmsClientOptions } from '../../src/platform/sms/sms-client';
import { startStandins, type Standins } from '../../dev/standins/start-standins';
import { signTc3 } from '../../dev/standins/tencent/tc3-signature';

process.env.CITYLOOP_LOG = 'silent';

let s: Standins;
let skewMs = 0;
const TEMPLATE = { id: '200001', params: 2, content: '{1}：{2}，请登录小程序查看。' };

before(async () => {
  s = await startStandins({ now: () => Date.now() + skewMs, smsTemplates: [TEMPLATE, { id: '200002', params: 1 }] });
});
after(() => s.close());

const clientOpts = (over: Partial<SmsClientOptions> = {}): SmsClientOptions => ({
  secretId: s.credentials.secretId,
  secretKey: s.credentials.secretKey,
  region: 'ap-guangzhou',
  sdkAppId: s.credentials.smsSdkAppId,
  signName: s.credentials.smsSignName,
  endpoint: s.tencentEndpoint,
  protocol: 'http',
  ...over,
});
const sdk = (over: { secretKey?: string } = {}) =>
  new Client({
    credential: { secretId: s.credentials.secretId, secretKey: over.secretKey ?? s.credentials.secretKey },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: s.tencentEndpoint, protocol: 'http://' } },
  });

/** A hand-signed request, for what the SDK will not send (tampered bodies, unknown actions). */
async function rawCall(action: string, body: string, tamper?: (b: string) => string) {
  const ts = Math.floor(Date.now() / 1000);
  const { authorization } = signTc3({
    secretId: s.credentials.secretId,
    secretKey: s.credentials.secretKey,
    service: 'sms',
    timestampSec: ts,
    headers: { 'content-type': 'application/json', host: '127.0.0.1' },
    body,
  });
  const res = await fetch(`http://${s.tencentEndpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, 'x-tc-action': action, 'x-tc-timestamp': String(ts), 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou' },
    body: tamper ? tamper(body) : body,
  });
  assert.equal(res.status, 200); // Tencent Cloud API answers 200 even for errors
  return (await res.json()) as { Response: { Error?: { Code: string }; SendStatusSet?: Array<{ Code: string }>; RequestId: string } };
}

test('the real SDK sends through the stand-in and each number gets Code Ok', async () => {
  const r = await sdk().SendSms({
    PhoneNumberSet: ['+8613711110001', '13711110002'],
    SmsSdkAppId: s.credentials.smsSdkAppId,
    SignName: s.credentials.smsSignName,
    TemplateId: TEMPLATE.id,
    TemplateParamSet: ['工地扬尘', '已派单'],
  });
  assert.deepEqual(r.SendStatusSet?.map((x) => [x.PhoneNumber, x.Code]), [['+8613711110001', 'Ok'], ['+8613711110002', 'Ok']]);
  assert.match(r.RequestId ?? '', /^[0-9a-f-]{36}$/);
  const logged = s.log.filter((e) => e.service === 'sms' && e.to === '+8613711110002');
  assert.equal(logged.at(-1)?.ok, true);
  assert.deepEqual((logged.at(-1)?.payload as { text: string }).text, '【城建监管】工地扬尘：已派单，请登录小程序查看。');
});

test('sms-client normalises numbers, reports per-number results and local failures', async () => {
  const sms = createSmsClient(clientOpts());
  const r = await sms.send({ phones: ['137 1111 0003', '86-13711110004', '12345'], templateId: TEMPLATE.id, params: ['a', 'b'] });
  assert.deepEqual(r.map(({ phone, ok, code }) => ({ phone, ok, code })), [
    { phone: '+8613711110003', ok: true, code: 'Ok' },
    { phone: '+8613711110004', ok: true, code: 'Ok' },
    { phone: '12345', ok: false, code: 'InvalidParameterValue.IncorrectPhoneNumber' },
  ]);
  assert.match(r[0].serialNo ?? '', /^2645:\d+$/);
});

test('same number and content within 30 s is refused per number, and allowed again after', async () => {
  const sms = createSmsClient(clientOpts());
  const req = { phones: ['13711110005'], templateId: TEMPLATE.id, params: ['x', 'y'] };
  assert.equal((await sms.send(req))[0].code, 'Ok');
  const again = await sms.send(req);
  assert.deepEqual([again[0].ok, again[0].code], [false, 'LimitExceeded.PhoneNumberThirtySecondLimit']);
  assert.equal((await sms.send({ ...req, params: ['x', 'z'] }))[0].code, 'Ok'); // different content is fine
  skewMs = 31_000;
  try {
    assert.equal((await sms.send(req))[0].code, 'Ok');
  } finally {
    skewMs = 0;
  }
});

test('template parameter count, unknown template and unknown sign are per-number failures', async () => {
  const sms = createSmsClient(clientOpts());
  const phones = ['13711110006'];
  assert.equal((await sms.send({ phones, templateId: TEMPLATE.id, params: ['only one'] }))[0].code, 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate');
  assert.equal((await sms.send({ phones, templateId: '999999', params: [] }))[0].code, 'FailedOperation.TemplateIncorrectOrUnapproved');
  const unsigned = createSmsClient(clientOpts({ signName: '未审核签名' }));
  assert.equal((await unsigned.send({ phones, templateId: '200002', params: ['1'] }))[0].code, 'FailedOperation.SignatureIncorrectOrUnapproved');
});

test('a WRONG secret key is rejected with AuthFailure.SignatureFailure for every number', async () => {
  await assert.rejects(sdk({ secretKey: 'not-the-key' }).SendSms({ PhoneNumberSet: ['13711110007'], SmsSdkAppId: s.credentials.smsSdkAppId, TemplateId: '200002', TemplateParamSet: ['1'] }), {
    code: 'AuthFailure.SignatureFailure',
  });
  const r = await createSmsClient(clientOpts({ secretKey: 'not-the-key' })).send({ phones: ['13711110007', '13711110008'], templateId: '200002', params: ['1'] });
  assert.deepEqual(r.map((x) => [x.ok, x.code]), [[false, 'AuthFailure.SignatureFailure'], [false, 'AuthFailure.SignatureFailure']]);
  assert.equal(s.log.at(-1)?.error?.startsWith('AuthFailure.SignatureFailure'), true);
});

test('an unknown SecretId is rejected with AuthFailure.SecretIdNotFound', async () => {
  const r = await createSmsClient(clientOpts({ secretId: 'AKIDnobody' })).send({ phones: ['13711110009'], templateId: '200002', params: ['1'] });
  assert.equal(r[0].code, 'AuthFailure.SecretIdNotFound');
});

test('a timestamp more than 300 s from the server clock is rejected with AuthFailure.SignatureExpire', async () => {
  skewMs = 10 * 60_000;
  try {
    const r = await createSmsClient(clientOpts()).send({ phones: ['13711110010'], templateId: '200002', params: ['1'] });
    assert.equal(r[0].code, 'AuthFailure.SignatureExpire');
  } finally {
    skewMs = 0;
  }
});

test('a tampered body is rejected; the untampered one is accepted', async () => {
  const body = JSON.stringify({ PhoneNumberSet: ['13711110011'], SmsSdkAppId: s.credentials.smsSdkAppId, SignName: s.credentials.smsSignName, TemplateId: '200002', TemplateParamSet: ['1'] });
  const tampered = await rawCall('SendSms', body, (b) => b.replace('13711110011', '13711110012'));
  assert.equal(tampered.Response.Error?.Code, 'AuthFailure.SignatureFailure');
  const ok = await rawCall('SendSms', body);
  assert.equal(ok.Response.Error, undefined);
  assert.equal(ok.Response.SendStatusSet?.[0].Code, 'Ok');
});

test('unknown action, over 200 numbers and an unknown SmsSdkAppId are request errors', async () => {
  assert.equal((await rawCall('SendEmail', '{}')).Response.Error?.Code, 'InvalidAction');
  const many = Array.from({ length: 201 }, (_, i) => `1380000${String(i).padStart(4, '0')}`);
  const base = { SmsSdkAppId: s.credentials.smsSdkAppId, SignName: s.credentials.smsSignName, TemplateId: '200002', TemplateParamSet: ['1'] };
  assert.equal((await rawCall('SendSms', JSON.stringify({ ...base, PhoneNumberSet: many }))).Response.Error?.Code, 'LimitExceeded.PhoneNumberCountLimit');
  assert.equal((await rawCall('SendSms', JSON.stringify({ ...base, PhoneNumberSet: ['13711110013'], SmsSdkAppId: '1400999999' }))).Response.Error?.Code, 'InvalidParameterValue.SdkAppIdNotExist');
});

test('sms-client splits more than 200 numbers into batches of 200', async () => {
  const phones = Array.from({ length: 201 }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
  const before = s.log.length;
  const r = await createSmsClient(clientOpts()).send({ phones, templateId: '200002', params: ['batch'] });
  assert.equal(r.length, 201);
  assert.equal(r.every((x) => x.ok), true);
  assert.equal(s.log.length - before, 201);
});
