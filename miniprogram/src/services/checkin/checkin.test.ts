import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkinLink, idNumberShapeError, missingStep, parseCheckinParams, resultLine, safeMasked } from './view-model';

test('the link every domain opens round-trips through the page parameters', () => {
  const link = checkinLink({ siteKind: 'pit_site', siteId: 'pj_a b', direction: 'out', back: '/packages/pit/pages/project/index?id=pj_a' });
  const q = Object.fromEntries(link.split('?')[1].split('&').map((kv) => kv.split('=')));
  assert.deepEqual(parseCheckinParams(q), { siteKind: 'pit_site', siteId: 'pj_a b', direction: 'out', back: '/packages/pit/pages/project/index?id=pj_a' });
  assert.equal(parseCheckinParams({ siteKind: 'Bad Kind', siteId: 'x' }), null);
  assert.equal(parseCheckinParams({ siteKind: 'pit_site', siteId: 'x', back: 'https://evil.example' })?.back, null, 'only in-app pages');
});

test('what is still missing, in order; accuracy over 100 m is named', () => {
  const ready = { accuracyM: 12, sitePhoto: true, faceMode: 'photo' as const, facePhoto: true, wechatDone: false, busy: false };
  assert.equal(missingStep(ready), null);
  assert.match(missingStep({ ...ready, accuracyM: 150 }) ?? '', /约 150 米，需在 100 米以内/);
  assert.match(missingStep({ ...ready, sitePhoto: false }) ?? '', /现场照片/);
  assert.match(missingStep({ ...ready, facePhoto: false }) ?? '', /本人正面照片/);
  assert.match(missingStep({ ...ready, faceMode: 'wechat' }) ?? '', /微信人脸核身/);
  assert.equal(missingStep({ ...ready, faceMode: 'none', facePhoto: false }), null);
});

test('result line, masked ID guard, ID shape', () => {
  assert.equal(resultLine({ direction: 'in', role: '监测单位人员', distanceM: 34.6, faceMatch: true, flags: [] }), '签到成功 · 监测单位人员 · 距中心 35 米 · 人脸核验通过');
  assert.match(resultLine({ direction: 'out', role: 'x', distanceM: 1, faceMatch: true, flags: ['impossible_travel'] }), /签退成功.*行程异常/);
  assert.equal(safeMasked('4420**********0012'), '4420**********0012');
  assert.equal(safeMasked('442000199001110012'), '******************');
  assert.equal(idNumberShapeError('44200019900111001x'), null);
  assert.ok(idNumberShapeError('4420'));
});
