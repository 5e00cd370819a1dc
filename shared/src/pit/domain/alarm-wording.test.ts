import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMS_TEMPLATES } from '../../notify/templates';
import { fitTemplateData, validateTemplateData } from '../../notify/wechat-fields';
import { actionTexts, alarmInboxText, alarmSubject, alarmWechatData, dangerSmsParams, overdueSmsParams, thresholdSmsParams, type AlarmFacts } from './alarm-wording';

/** The SMS as the phone shows it (the stand-in fills the template the same way). */
const smsText = (t: { content: string; params: number }, params: string[]) => {
  assert.equal(params.length, t.params, 'parameter count matches the approved template');
  return t.content.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1]);
};
const threshold: AlarmFacts = { projectName: '南城国际商务中心基坑', point: 'ZQS1', item: 'wallTopVertical', kind: 'threshold', level: 'red', value: -10.494, control: 10, ratio: 1.05, rate: -0.5234, rateRatio: 0.26 };
const time = '2026年11月20日 15:42';

test('threshold SMS: the project is not followed by a second 基坑, values carry their units', () => {
  const text = smsText(SMS_TEMPLATES.pitAlarm, thresholdSmsParams(threshold));
  assert.equal(text, '南城国际商务中心基坑测点ZQS1累计-10.49mm，控制值10.00mm，红色报警，速率-0.52mm/d，请立即处置。');
  assert.doesNotMatch(text, /基坑基坑/);
  const other = smsText(SMS_TEMPLATES.pitAlarm, thresholdSmsParams({ ...threshold, projectName: '东城万达广场三期' }));
  assert.match(other, /^东城万达广场三期基坑测点ZQS1/, 'a name without 基坑 still reads');
});

test('strut force in kN, rate in kN/d; an unjudged or first rate says so', () => {
  const strut = { ...threshold, point: 'ZL1', item: 'strutForce', value: 4312.5, control: 4200, rate: 35, rateRatio: null };
  assert.deepEqual(thresholdSmsParams(strut).slice(2), ['4312.50kN', '4200.00kN', '红色报警', '未判定（间隔不足半天）'], 'an unjudged rate says why (issue 17 §8)');
  assert.equal(thresholdSmsParams({ ...strut, rateControl: null }).at(-1), '未判定（未设速率控制值）');
  assert.ok(thresholdSmsParams(strut).every((p) => p.length <= 20), 'every SMS parameter stays short');
  assert.equal(thresholdSmsParams({ ...strut, rate: null }).at(-1), '首期');
  assert.equal(thresholdSmsParams({ ...strut, rateRatio: 0.4 }).at(-1), '+35.00kN/d');
  assert.match(alarmInboxText(strut).body, /累计 4312\.50 kN，控制值 4200\.00 kN（105%）/);
});

test('a danger alarm says what was found, on SMS and WeChat', () => {
  const danger: AlarmFacts = { projectName: '南城国际商务中心基坑', point: '巡视', item: 'patrol', kind: 'danger', level: 'red', description: '东侧围护桩出现渗漏涌砂，坑外地面下沉约5厘米' };
  const text = smsText(SMS_TEMPLATES.pitDanger, dangerSmsParams(danger));
  assert.match(text, /^南城国际商务中心基坑危险报警：东侧围护桩出现渗漏涌砂/);
  assert.doesNotMatch(text, /累计|控制值|—/);
  const wx = fitTemplateData(alarmWechatData(danger, time));
  assert.equal(wx.thing2.value, '东侧围护桩出现渗漏涌砂，坑外地面下沉约…');
  assert.equal(wx.phrase4.value, '危险报警');
  assert.deepEqual(validateTemplateData(wx), { ok: true });
});

test('a suspect-data event names its stream and the data problem in Chinese, never the threshold wording', () => {
  const suspect: AlarmFacts = { projectName: '元美花园二期地下室基坑', point: 'inclinometer:CX1', item: 'suspect_data', kind: 'suspect_data', level: 'yellow', flags: [{ code: 'checksum_outlier', depth_m: 3.5, checksum_mm: 2.91, median_mm: 0.3 }] };
  assert.equal(alarmSubject(suspect), '测斜孔 CX1 数据可疑');
  const inbox = alarmInboxText(suspect);
  assert.match(inbox.body, /测斜孔 CX1数据疑似异常——测斜校验和异常（深度 3\.5 m：2\.91 mm，中位数 0\.30 mm）/);
  assert.doesNotMatch(inbox.body + inbox.title, /[a-z]+_[a-z]+|黄色预警|累计|控制值/);
  const wx = fitTemplateData(alarmWechatData(suspect, time));
  assert.equal(wx.thing2.value, '测斜孔 CX1 测斜校验和异常');
  assert.equal(wx.phrase4.value, '数据可疑');
  assert.deepEqual(validateTemplateData(wx), { ok: true });
  const water = { ...suspect, point: 'water_level', flags: undefined, description: '疑似数据异常：identical_to_previous' };
  assert.equal(fitTemplateData(alarmWechatData(water, time)).thing2.value, '水位 数据可疑');
  assert.match(alarmInboxText(water).body, /水位数据疑似异常——读数与上期完全相同/, 'an older stored reason is translated');
});

test('overdue SMS says it is overdue; it is not the original alarm SMS', () => {
  const text = smsText(SMS_TEMPLATES.pitOverdue, overdueSmsParams(threshold, '监理单位逾期未处置'));
  assert.equal(text, '南城国际商务中心基坑测点ZQS1（红色报警）监理单位逾期未处置，已升级督办，请立即处置。');
  assert.notEqual(text, smsText(SMS_TEMPLATES.pitAlarm, thresholdSmsParams(threshold)));
});

test('handling steps: an empty note adds nothing, a long one is cut with an ellipsis, the status phrase is whole', () => {
  const empty = actionTexts(threshold, '升级督办', { label: '待处置', phrase: '待处置' }, '', time);
  assert.equal(empty.body, '南城国际商务中心基坑 测点 ZQS1：升级督办（待处置）。');
  assert.doesNotMatch(empty.body, /：。|：（/);
  const long = actionTexts(threshold, '监理责令整改'.slice(2), { label: '已处置待复核', phrase: '待复核' }, '请于明日上午十点前完成坑边卸载并提交复测成果和整改报告', time);
  const wx = fitTemplateData(long.wechat);
  assert.equal(wx.phrase2.value, '待复核');
  assert.equal(Array.from(wx.thing3.value).length, 20);
  assert.match(wx.thing3.value, /…$/);
  assert.deepEqual(validateTemplateData(wx), { ok: true });
});
