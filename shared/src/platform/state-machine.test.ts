import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowed, next, printTable, rowFor, type AnyMachine, type Target } from './state-machine';
import { CASE_MACHINE } from '../city/case.machine';
import { ALARM_MACHINE } from '../pit/domain/alarm.machine';
import { COMPLAINT_MACHINE } from '../plaques/complaint.machine';
import { APPEAL_MACHINE } from '../plaques/appeal.machine';
import { PROJECT_MACHINE } from '../pit/domain/project.machine';
import { PATROL_RULE_MACHINE } from '../city/patrol-rule.machine';
import { INSITU_MACHINE } from '../concrete/insitu.machine';
import { GROUP_MACHINE } from '../concrete/specimen-group.machine';
import type { DomainError } from '../errors';
import { FIRE_CASE_MACHINE, FIRE_EVENT_MACHINE } from '../fire-testing/fire-event.machine';
import { FIRE_PROJECT_MACHINE, FIRE_REPORT_MACHINE } from '../fire-testing/fire-project.machine';

const NOW = new Date('2025-06-10T02:00:00Z');
const YESTERDAY = new Date(NOW.getTime() - 86_400_000);

/** For each machine, a context that satisfies every input and rule of `action`, acted by `by`. */
const CONTEXTS: [AnyMachine, (action: string, by: string) => Record<string, unknown>][] = [
  [
    CASE_MACHINE,
    (action, by) => ({
      by,
      now: NOW,
      reason: '原因',
      photos: ['sha256:after'],
      rating: 'satisfied',
      unitId: 'unit-1',
      extensionHours: 4,
      gridId: 'g-1',
      dueAt: new Date(NOW.getTime() + 86_400_000),
      facts: { closedAt: YESTERDAY, extensionPending: action === 'approve_extension' || action === 'deny_extension', extensionsGranted: 0, overdue: true, remindedAt: YESTERDAY },
    }),
  ],
  [ALARM_MACHINE, (_action, by) => ({ by, note: '已加密监测并复测', evidenceCount: 1, kind: 'threshold', alarm: { escalated: false, level: 'red' } })],
  [COMPLAINT_MACHINE, (_action, by) => ({ by, photos: ['sha256:after'], reason: '货架仍在门外' })],
  [PROJECT_MACHINE, (_action, by) => ({ by, reason: '基坑已回填完成', setupProblems: [] })],
  [APPEAL_MACHINE, (_action, by) => ({ by, now: NOW, note: '经核实属实', complaint: { state: 'confirmed', updatedAt: YESTERDAY } })],
  [PATROL_RULE_MACHINE, (_action, by) => ({ by })],
  [INSITU_MACHINE, (_action, by) => ({ by, agency: '中山市建设工程检测中心', result: '钻芯法推定强度 31.2 MPa', note: '同意结案' })],
  [GROUP_MACHINE, (_action, by) => ({ by })],
  [FIRE_EVENT_MACHINE, (_action, by) => ({ by, text: '请于期限内整改并回复', deadline: new Date(NOW.getTime() + 86_400_000), now: NOW, escalated: false })],
  [FIRE_CASE_MACHINE, (_action, by) => ({ by, findings: '检测记录与现场不符' })],
  [FIRE_PROJECT_MACHINE, (_action, by) => ({ by })],
  [FIRE_REPORT_MACHINE, (_action, by) => ({ by })],
];

const targets = (to: Target<string>, state: string): [string | undefined, string][] =>
  to === 'same' ? [[undefined, state]] : typeof to === 'string' ? [[undefined, to]] : [['pass', to.pass], ['fail', to.fail]];

const thrown = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('did not throw');
};

for (const [m, contextOf] of CONTEXTS) {
  test(`${m.name}: the table prints every row with its labels`, () => {
    const table = printTable(m);
    console.log(`${table}\n`);
    assert.equal(table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| from') && !l.startsWith('| ---')).length, m.rows.length);
    for (const r of m.rows) assert.ok(table.includes(`${m.actionLabels[r.action]} ${r.action}`), r.action);
    for (const s of m.states) assert.ok(m.stateLabels[s], `${s} has a label`);
  });

  test(`${m.name}: every (state, action) pair moves to the declared state or is refused with 409`, () => {
    let moves = 0;
    for (const state of m.states) {
      for (const action of m.actions) {
        const row = rowFor(m, state, action);
        if (!row) {
          const e = thrown(() => next(m, state, action, contextOf(action, 'anyone')));
          assert.equal(e.status, 409, `${state} ${action}`);
          assert.equal(e.code, m.refusals?.[action]?.code ?? 'invalid_transition', `${state} ${action}`);
          assert.ok(!allowed(m, state).includes(action));
          continue;
        }
        assert.ok(allowed(m, state).includes(action));
        for (const by of row.who) {
          for (const [outcome, to] of targets(row.to as Target<string>, state)) {
            const ctx: Record<string, unknown> = { ...contextOf(action, by), ...(outcome ? { outcome, reason: '复测仍超限' } : {}) };
            assert.equal(next(m, state, action, ctx), to, `${state} --${action} by ${by}${outcome ? ` (${outcome})` : ''}-->`);
            moves++;
          }
        }
      }
    }
    assert.ok(moves >= m.rows.length);
  });

  test(`${m.name}: an actor the row does not name is refused with 403`, () => {
    for (const r of m.rows) {
      const e = thrown(() => next(m, r.from[0], r.action, contextOf(r.action, 'stranger')));
      assert.deepEqual([e.status, e.code], [403, `${m.name}_action_forbidden`], r.action);
    }
  });

  test(`${m.name}: an unknown action is a 400`, () => {
    const e = thrown(() => next(m, m.states[0], 'teleport', contextOf('teleport', 'system')));
    assert.deepEqual([e.status, e.code], [400, `unknown_${m.name}_action`]);
  });
}

test('plaque refusals keep their Chinese messages', () => {
  assert.equal(thrown(() => next(COMPLAINT_MACHINE, 'fixed', 'fix', { by: 'shopOwner', photos: ['p'] })).message, '该投诉已不在待整改状态');
  assert.equal(thrown(() => next(COMPLAINT_MACHINE, 'open', 'confirm', { by: 'citizen' })).message, '商户尚未整改，暂不能确认');
  assert.equal(thrown(() => next(APPEAL_MACHINE, 'upheld', 'decide', { by: 'areaChief', note: '同意' })).message, '没有待审核的申诉');
});

test('an appeal needs a counted complaint (409) within 7 days (400)', () => {
  const ctx = { by: 'shopOwner' as const, now: NOW };
  assert.deepEqual(
    (({ status, code }) => [status, code])(thrown(() => next(APPEAL_MACHINE, 'none', 'appeal', { ...ctx, complaint: { state: 'open', updatedAt: YESTERDAY } }))),
    [409, 'invalid_transition'],
  );
  const late = thrown(() => next(APPEAL_MACHINE, 'none', 'appeal', { ...ctx, complaint: { state: 'escalated', updatedAt: new Date(NOW.getTime() - 8 * 86_400_000) } }));
  assert.deepEqual([late.status, late.code], [400, 'appeal_too_late']);
});

test('a missing input is refused by the machine’s own rule before the row check', () => {
  assert.equal(thrown(() => next(COMPLAINT_MACHINE, 'open', 'fix', { by: 'shopOwner', photos: [] })).code, 'photos_required');
  assert.equal(thrown(() => next(COMPLAINT_MACHINE, 'fixed', 'dispute', { by: 'citizen', reason: '不' })).code, 'reason_required');
  assert.equal(thrown(() => next(ALARM_MACHINE, 'raised', 'handle', { by: 'supervisor', note: '已处置完毕', evidenceCount: 0, kind: 'threshold' })).code, 'evidence_required');
  assert.equal(next(ALARM_MACHINE, 'raised', 'handle', { by: 'supervisor', note: '数据文件已核对', evidenceCount: 0, kind: 'suspect_data' }), 'handled');
});
