import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextAlarmStatus, allowedAlarmActions, ALARM_STATUS_PHRASES, checkAlarmInput, checkEscalation, escalationRefusal, type AlarmAction, type AlarmStatus } from './alarm.machine';
import { validateTemplateData } from '../../notify/wechat-fields';

const ok: [AlarmStatus, AlarmAction, AlarmStatus][] = [
  ['raised', 'handle', 'handled'],
  ['handled', 'archive', 'archived'],
  ['handled', 'return', 'raised'],
  ['raised', 'comment', 'raised'],
  ['handled', 'require_action', 'raised'],
  ['raised', 'escalate', 'raised'],
  ['handled', 'exceed_again', 'raised'],
  ['archived', 'comment', 'archived'],
  ['archived', 'reopen', 'raised'],
];
for (const [from, action, to] of ok) test(`${from} --${action}--> ${to}`, () => assert.equal(nextAlarmStatus(from, action), to));

const refused: [AlarmStatus, AlarmAction][] = [
  ['raised', 'archive'],
  ['raised', 'return'],
  ['handled', 'handle'],
  ['archived', 'handle'],
  ['archived', 'exceed_again'],
  ['raised', 'reopen'],
  ['handled', 'reopen'],
];
for (const [from, action] of refused)
  test(`${from} refuses ${action}`, () => assert.throws(() => nextAlarmStatus(from, action), (e: { code: string }) => e.code === 'invalid_transition'));

test('an archived alarm is closed to the loop: only a regulator\'s comment or reopen applies', () => assert.deepEqual(allowedAlarmActions('archived').sort(), ['comment', 'reopen']));

const code = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

test('销警 needs a note of at least 4 characters (a red alarm is not closed silently)', () => {
  assert.equal(code(() => checkAlarmInput('archive', 'threshold', '', 0)), 'note_required');
  assert.equal(code(() => checkAlarmInput('archive', 'threshold', '  好的 ', 0)), 'note_required');
  assert.throws(() => checkAlarmInput('archive', 'danger', '同意', 0), /销警说明（至少 4 个字）/);
  assert.equal(code(() => checkAlarmInput('archive', 'threshold', '复测正常，同意销警', 0)), null);
});

test('监理处置 needs a photo for a threshold or danger alarm, a note alone for suspect data', () => {
  assert.equal(code(() => checkAlarmInput('handle', 'threshold', '已加密监测频率', 0)), 'evidence_required');
  assert.equal(code(() => checkAlarmInput('handle', 'danger', '已设置警戒并注浆', 0)), 'evidence_required');
  assert.equal(code(() => checkAlarmInput('handle', 'suspect_data', '已核对原始文件，仪器故障，已复测', 0)), null);
  assert.equal(code(() => checkAlarmInput('handle', 'suspect_data', '好', 0)), 'note_required', 'still a note');
  assert.equal(code(() => checkAlarmInput('escalate', 'threshold', '', 0)), null, 'escalation note is optional');
  assert.equal(code(() => checkAlarmInput('comment', 'threshold', '', 0)), 'note_required');
});

test('升级督办 once per level: again only after the level rose', () => {
  assert.equal(escalationRefusal({ escalated: false, level: 'orange' }), null);
  assert.match(escalationRefusal({ escalated: true, escalatedLevel: 'orange', level: 'orange' }) ?? '', /已在橙色预警级别升级督办/);
  assert.match(escalationRefusal({ escalated: true, level: 'red' }) ?? '', /红色报警/, 'escalated before escalatedLevel existed: at its level');
  assert.equal(escalationRefusal({ escalated: true, escalatedLevel: 'orange', level: 'red' }), null);
  assert.throws(() => checkEscalation({ escalated: true, escalatedLevel: 'red', level: 'red' }), (e: { code: string; status: number }) => e.code === 'already_escalated' && e.status === 409);
});

test('the WeChat status phrases are complete words within the phrase limit', () => {
  for (const [status, phrase] of Object.entries(ALARM_STATUS_PHRASES)) {
    assert.deepEqual(validateTemplateData({ phrase2: { value: phrase } }), { ok: true }, status);
  }
  assert.equal(ALARM_STATUS_PHRASES.handled, '待复核');
});
