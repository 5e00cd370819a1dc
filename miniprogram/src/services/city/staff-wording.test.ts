import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATE_EXPLANATIONS } from './view-model';
import { caseViewer, staffStateText } from './staff-wording';
import { checkProgressText, targetKind } from './patrol-target';

test('staff read the case state in their own words; nobody but the reporter reads 您的上报 (issue 17)', async () => {
  
  assert.equal(STATE_EXPLANATIONS.received, '已收到您的上报，等待片长受理');
  assert.equal(caseViewer([{ role: 'areaChief' }], { 'case.accept': true }), 'areaChief');
  assert.equal(caseViewer([{ role: 'unit' }], { 'case.start': true }), 'unit');
  assert.equal(caseViewer([{ role: 'patroller' }], { 'case.verify': true }), 'patroller');
  assert.equal(caseViewer([{ role: 'areaChief' }, { role: 'patroller' }], { 'case.verify': true }), 'areaChief');
  assert.equal(caseViewer([{ role: 'regulator' }], {}), 'regulator');
  assert.equal(caseViewer([], {}), null);
  assert.match(staffStateText('received', 'areaChief'), /请您受理/);
  assert.match(staffStateText('dispatched', 'unit'), /本单位/);
  assert.equal(staffStateText('received', 'unit'), '市民已上报，等待片长受理');
  for (const viewer of ['areaChief', 'unit', 'patroller', 'regulator', null] as const)
    for (const state of Object.keys(STATE_EXPLANATIONS)) {
      const t = staffStateText(state, viewer);
      assert.ok(t.length > 0, `${viewer}/${state} has a sentence`);
      assert.doesNotMatch(t, /您的上报/, `${viewer}/${state}`);
    }
});

test('a patrol target is named for what it is; a check-in says whether it counted (issue 17)', () => {
  assert.equal(targetKind({ facilityId: 'pq_abc' }), 'shop');
  assert.equal(targetKind({ id: 'fc_abc' }), 'facility');
  assert.equal(targetKind({ kind: 'facility', facilityId: 'pq_x' }), 'facility');
  const p = { per: 'week' as const, times: 1, done: 2, counted: true, window: { start: '00:00', end: '23:59' } };
  assert.equal(checkProgressText(p), '本周已巡 2 次（应巡 1 次）');
  assert.equal(checkProgressText({ ...p, counted: false, done: 0, window: { start: '08:00', end: '18:00' } }), '不在巡查时段 08:00–18:00，本次不计入巡查任务；本周已巡 0 次（应巡 1 次）');
});
