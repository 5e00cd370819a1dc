import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPermanentSmsFailure, smsFailureZh } from '../../src/platform/sms/sms-errors';

const table: [string, boolean, string][] = [
  ['LimitExceeded.PhoneNumberDailyLimit', true, '已达当日发送上限'],
  ['LimitExceeded.PhoneNumberOneHourLimit', true, '已达每小时发送上限'],
  ['LimitExceeded.DeliveryFrequencyLimit', true, '超过发送频率限制'],
  ['LimitExceeded.PhoneNumberThirtySecondLimit', false, '30 秒内重复发送相同内容被拦截'],
  ['FailedOperation.PhoneNumberInBlacklist', true, '号码已退订或在黑名单中'],
  ['InvalidParameterValue.IncorrectPhoneNumber', true, '手机号码格式不正确'],
  ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate', true, '短信内容与审核通过的模板不符'],
  ['FailedOperation.SignatureIncorrectOrUnapproved', true, '短信签名未审核通过'],
  ['RequestLimitExceeded', false, '短信平台返回错误（RequestLimitExceeded）'],
  ['InternalError.Timeout', false, '短信平台返回错误（InternalError.Timeout）'],
  ['NetworkError', false, '短信平台返回错误（NetworkError）'],
];
for (const [code, permanent, zh] of table) {
  test(`SendSms ${code}: ${permanent ? 'given up' : 'retried'}, 「${zh}」`, () => {
    assert.equal(isPermanentSmsFailure(code), permanent);
    assert.equal(smsFailureZh(code), zh);
  });
}

test('a user without a phone number (the sender gives up on its own) reads 未登记手机号', () => assert.equal(smsFailureZh('NoPhone'), '未登记手机号'));
