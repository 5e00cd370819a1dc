import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMS_TEMPLATES } from './templates';
import { messagesFor } from './message';
import { fillSmsTemplate, tidyPunctuation, tidySmsParams } from './punctuation';

const DOUBLED = /[。！？；，、：]{2}/;

test('tidyPunctuation: a run of marks becomes one (the sentence end wins); single marks and other text stay', () => {
  assert.equal(tidyPunctuation('井盖松动，踩上去有响声。。说明：已修好。，'), '井盖松动，踩上去有响声。说明：已修好。');
  assert.equal(tidyPunctuation('请处理，。'), '请处理。');
  assert.equal(tidyPunctuation('第一，第二、第三：完。'), '第一，第二、第三：完。');
  assert.equal(tidyPunctuation('±2.45 mm/d…'), '±2.45 mm/d…');
});

test('every SMS template, filled with parameters that end in a mark of their own, never doubles punctuation', () => {
  for (const [name, t] of Object.entries(SMS_TEMPLATES)) {
    assert.doesNotMatch(t.content, DOUBLED, `${name}: the template itself`);
    for (const end of ['。', '！', '，', '；', '']) {
      const params = Array.from({ length: t.params }, (_, i) => `参数${i + 1}${end}`);
      const text = fillSmsTemplate(t.content, tidySmsParams(t.content, params));
      assert.doesNotMatch(text, DOUBLED, `${name} with parameters ending in “${end}”: ${text}`);
      assert.equal((text.match(/参数\d/g) ?? []).length, t.params, `${name}: every parameter is still there`);
    }
  }
});

test('messagesFor tidies the title, the body and the SMS parameters of every message it builds', () => {
  const [m] = messagesFor('ev1', ['u1'], new Date(0), {
    channels: ['inbox', 'sms'],
    title: '已结案｜上水井盖',
    body: '鸿福路上水井盖：井盖松动，踩上去有响声。。说明：已更换。',
    sms: { templateId: SMS_TEMPLATES.progress.id, params: ['上水井盖', '已处置并反馈。'] },
  });
  assert.equal(m.body, '鸿福路上水井盖：井盖松动，踩上去有响声。说明：已更换。');
  assert.deepEqual(m.sms?.params, ['上水井盖', '已处置并反馈']);
  assert.equal(fillSmsTemplate(SMS_TEMPLATES.progress.content, m.sms!.params), '上水井盖：已处置并反馈。');
});
