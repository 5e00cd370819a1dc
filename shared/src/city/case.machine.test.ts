import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CASE_ACTIONS,
  CASE_STATES,
  CASE_TRANSITIONS,
  allowedCaseActions,
  isRework,
  nextCaseState,
  type CaseAction,
  type CaseActionContext,
  type CaseActor,
  type CaseState,
} from './case.machine';
import { CASE_ACTION_LABELS, CASE_ACTOR_LABELS, CASE_RATING_LABELS, CASE_STATE_LABELS } from './case.labels';
import { ROLES } from '../identity/roles';
import { assertThrowsCode, sh } from './city.testing';

/** A context that satisfies every input and guard of `action`, acted by its first allowed actor. */
const full = (action: CaseAction, extra: Partial<CaseActionContext> = {}): CaseActionContext => ({
  by: CASE_TRANSITIONS[action].who[0],
  now: sh('2025-06-10 10:00'),
  reason: '原因',
  photos: ['sha256:after'],
  rating: 'satisfied',
  outcome: 'pass',
  unitId: 'unit-1',
  extensionHours: 7.5,
  gridId: 'g-1',
  dueAt: sh('2025-06-12 18:00'),
  facts: { closedAt: sh('2025-06-09 10:00'), extensionPending: action === 'approve_extension' || action === 'deny_extension', extensionsGranted: 0, overdue: true, remindedAt: sh('2025-06-09 10:00') },
  ...extra,
});

// The whole loop, written out once more by hand: from → action → to.
const EXPECTED: [CaseState, CaseAction, CaseState][] = [
  ['received', 'accept', 'accepted'],
  ['received', 'reject', 'rejected'],
  ['accepted', 'dispatch', 'dispatched'],
  ['parked', 'dispatch', 'dispatched'],
  ['deferred', 'dispatch', 'dispatched'],
  ['dispatched', 'start', 'in_progress'],
  ['dispatched', 'return', 'accepted'],
  ['in_progress', 'return', 'accepted'],
  ['dispatched', 'extend', 'dispatched'],
  ['in_progress', 'extend', 'in_progress'],
  ['dispatched', 'approve_extension', 'dispatched'],
  ['in_progress', 'approve_extension', 'in_progress'],
  ['dispatched', 'deny_extension', 'dispatched'],
  ['in_progress', 'deny_extension', 'in_progress'],
  ['in_progress', 'report', 'handled'],
  ['handled', 'verify', 'closed'],
  ['closed', 'rate', 'closed'],
  ['closed', 'dispute', 'handled'],
  ['accepted', 'park', 'parked'],
  ['dispatched', 'park', 'parked'],
  ['in_progress', 'park', 'parked'],
  ['accepted', 'defer', 'deferred'],
  ['dispatched', 'defer', 'deferred'],
  ['in_progress', 'defer', 'deferred'],
  ['received', 'assign_grid', 'received'],
  ['accepted', 'assign_grid', 'accepted'],
  ...(['received', 'accepted', 'dispatched', 'in_progress', 'handled', 'parked', 'deferred'] as const).map((s): [CaseState, CaseAction, CaseState] => [s, 'supplement', s]),
  ['received', 'withdraw', 'withdrawn'],
  ['accepted', 'withdraw', 'withdrawn'],
  ['dispatched', 'withdraw', 'withdrawn'],
  ['dispatched', 'remind', 'dispatched'],
  ['in_progress', 'remind', 'in_progress'],
  ...(['accepted', 'dispatched', 'in_progress', 'handled', 'parked', 'deferred'] as const).map((s): [CaseState, CaseAction, CaseState] => [s, 'supervise', s]),
];

test('every allowed (state, action) goes where the loop says', () => {
  for (const [from, action, to] of EXPECTED) assert.equal(nextCaseState(from, action, full(action)), to, `${from} --${action}-->`);
});

test('every other (state, action) pair is an invalid transition with Chinese labels', () => {
  const allowed = new Set(EXPECTED.map(([s, a]) => `${s}|${a}`));
  let refused = 0;
  for (const state of CASE_STATES) {
    for (const action of CASE_ACTIONS) {
      if (allowed.has(`${state}|${action}`)) continue;
      const e = assertThrowsCode(() => nextCaseState(state, action, full(action)), 'invalid_transition', CASE_STATE_LABELS[state], CASE_ACTION_LABELS[action]);
      assert.equal(e.status, 409);
      refused++;
    }
  }
  assert.equal(refused, CASE_STATES.length * CASE_ACTIONS.length - EXPECTED.length);
  assertThrowsCode(() => nextCaseState('handled', 'dispatch', full('dispatch')), 'invalid_transition', '当前状态（已反馈）不能执行“派遣”');
});

test('verify: pass closes, fail is 返工 back to 处置中 and needs a reason', () => {
  const table: [Partial<CaseActionContext>, CaseState | string][] = [
    [{ outcome: 'pass', reason: undefined }, 'closed'],
    [{ outcome: 'fail', reason: '井盖仍有响动' }, 'in_progress'],
    [{ outcome: 'fail', reason: '  ' }, 'reason_required'],
    [{ outcome: undefined }, 'outcome_required'],
    [{ outcome: 'maybe' as never }, 'outcome_required'],
    [{ photos: [] }, 'photos_required'],
  ];
  for (const [extra, expected] of table) {
    const ctx = full('verify', extra);
    if (CASE_STATES.includes(expected as CaseState)) assert.equal(nextCaseState('handled', 'verify', ctx), expected, JSON.stringify(extra));
    else assertThrowsCode(() => nextCaseState('handled', 'verify', ctx), expected);
  }
  assert.equal(isRework('verify', 'in_progress'), true);
  assert.equal(isRework('verify', 'closed'), false);
  assert.equal(isRework('return', 'in_progress'), false);
});

test('only the roles in the table may act; others get case_action_forbidden naming the role', () => {
  const actors: CaseActor[] = [...ROLES, 'citizen', 'system'];
  for (const [from, action] of EXPECTED) {
    for (const by of actors) {
      const ctx = full(action, { by });
      if (action === 'approve_extension' && by === 'regulator') ctx.facts = { ...ctx.facts, extensionsGranted: 1 };
      if (CASE_TRANSITIONS[action].who.includes(by)) assert.doesNotThrow(() => nextCaseState(from, action, ctx), `${by} ${action}`);
      else assertThrowsCode(() => nextCaseState(from, action, ctx), 'case_action_forbidden', CASE_ACTOR_LABELS[by], CASE_ACTION_LABELS[action]);
    }
  }
  // the people of the loop, spelled out
  const who: [CaseAction, CaseActor[]][] = [
    ['accept', ['areaChief', 'regulator', 'system']],
    ['reject', ['areaChief', 'regulator']],
    ['dispatch', ['areaChief', 'regulator', 'system']],
    ['assign_grid', ['regulator']],
    ['start', ['unit']],
    ['return', ['unit']],
    ['extend', ['unit']],
    ['report', ['unit']],
    ['verify', ['patroller', 'areaChief']],
    ['rate', ['citizen']],
    ['dispute', ['citizen']],
  ];
  for (const [action, roles] of who) assert.deepEqual([...CASE_TRANSITIONS[action].who].sort(), [...roles].sort(), action);
});

test('required inputs: reason, photos (1–9), rating, unit, extension hours', () => {
  const table: [CaseState, CaseAction, Partial<CaseActionContext>, string, string][] = [
    ['received', 'reject', { reason: '' }, 'reason_required', '请填写不予立案的原因'],
    ['received', 'reject', { reason: 'x'.repeat(501) }, 'reason_too_long', '500'],
    ['dispatched', 'return', { reason: undefined }, 'reason_required', '回退'],
    ['accepted', 'dispatch', { unitId: '' }, 'unit_required', '责任单位'],
    ['in_progress', 'report', { photos: undefined }, 'photos_required', '处置后'],
    ['in_progress', 'report', { photos: [''] }, 'photos_required', '照片'],
    ['in_progress', 'report', { photos: Array.from({ length: 10 }, (_, i) => `p${i}`) }, 'too_many_photos', '9'],
    ['closed', 'rate', { rating: undefined }, 'rating_required', '满意度'],
    ['closed', 'rate', { rating: 'great' as never }, 'rating_required', '满意度'],
    ['dispatched', 'extend', { extensionHours: 0 }, 'extension_hours_required', '延期'],
    ['dispatched', 'extend', { extensionHours: Number.NaN }, 'extension_hours_required', '延期'],
    ['dispatched', 'extend', { reason: undefined }, 'reason_required', '申请延期'],
    ['in_progress', 'deny_extension', { reason: undefined }, 'reason_required', '驳回延期'],
    ['closed', 'dispute', { reason: undefined }, 'reason_required', '复议'],
    ['accepted', 'park', { reason: undefined }, 'reason_required', '挂账'],
    ['dispatched', 'defer', { reason: undefined }, 'reason_required', '缓办'],
  ];
  for (const [from, action, extra, code, part] of table) assertThrowsCode(() => nextCaseState(from, action, full(action, extra)), code, part);
  assert.equal(nextCaseState('in_progress', 'report', full('report', { photos: Array.from({ length: 9 }, (_, i) => `p${i}`) })), 'handled');
});

test('extensions: one request at a time; the second approval needs the regulator', () => {
  const table: [CaseAction, CaseActor, object, string | null][] = [
    ['extend', 'unit', { extensionPending: true }, 'extension_pending'],
    ['extend', 'unit', { extensionPending: false }, null],
    ['approve_extension', 'areaChief', { extensionPending: false }, 'no_extension_pending'],
    ['deny_extension', 'areaChief', { extensionPending: false }, 'no_extension_pending'],
    ['approve_extension', 'areaChief', { extensionPending: true, extensionsGranted: 0 }, null],
    ['approve_extension', 'areaChief', { extensionPending: true, extensionsGranted: 1 }, 'second_extension_needs_regulator'],
    ['approve_extension', 'regulator', { extensionPending: true, extensionsGranted: 1 }, null],
    ['deny_extension', 'areaChief', { extensionPending: true, extensionsGranted: 3 }, null],
  ];
  for (const [action, by, facts, code] of table) {
    const ctx = full(action, { by, facts });
    if (code) assertThrowsCode(() => nextCaseState('in_progress', action, ctx), code);
    else assert.equal(nextCaseState('in_progress', action, ctx), 'in_progress', `${action} ${JSON.stringify(facts)}`);
  }
});

test('rating once; dispute once, within 7 × 24 h of closing, reopening to 已反馈 for a fresh check', () => {
  const closedAt = sh('2025-06-09 10:00');
  const table: [CaseAction, object, Date | undefined, string | CaseState][] = [
    ['rate', { rated: false }, undefined, 'closed'],
    ['rate', { rated: true }, undefined, 'already_rated'],
    ['dispute', { closedAt }, sh('2025-06-16 10:00'), 'handled'], // exactly 7 days: still allowed
    ['dispute', { closedAt }, new Date(sh('2025-06-16 10:00').getTime() + 1), 'dispute_window_closed'],
    ['dispute', { closedAt, disputed: true }, sh('2025-06-10 10:00'), 'already_disputed'],
    ['dispute', {}, sh('2025-06-10 10:00'), 'dispute_window_unknown'],
    ['dispute', { closedAt }, undefined, 'dispute_window_unknown'],
  ];
  for (const [action, facts, now, expected] of table) {
    const ctx = { ...full(action, { facts }), now };
    if (CASE_STATES.includes(expected as CaseState)) assert.equal(nextCaseState('closed', action, ctx), expected);
    else assertThrowsCode(() => nextCaseState('closed', action, ctx), expected);
  }
});

test('a whole loop with a 回退, a 返工 and a 复议', () => {
  const steps: [CaseAction, Partial<CaseActionContext>, CaseState][] = [
    ['accept', { by: 'areaChief' }, 'accepted'],
    ['dispatch', { by: 'areaChief', unitId: 'wrong-unit' }, 'dispatched'],
    ['return', { by: 'unit', reason: '不属于本单位养护' }, 'accepted'],
    ['dispatch', { by: 'areaChief', unitId: 'water' }, 'dispatched'],
    ['start', { by: 'unit' }, 'in_progress'],
    ['report', { by: 'unit', photos: ['after1'] }, 'handled'],
    ['verify', { by: 'patroller', outcome: 'fail', reason: '井盖仍松动', photos: ['check1'] }, 'in_progress'],
    ['report', { by: 'unit', photos: ['after2'] }, 'handled'],
    ['verify', { by: 'areaChief', outcome: 'pass', photos: ['check2'] }, 'closed'],
    ['rate', { by: 'citizen', rating: 'dissatisfied' }, 'closed'],
    ['dispute', { by: 'citizen', reason: '仍有响动', now: sh('2025-06-12 09:00'), facts: { closedAt: sh('2025-06-11 17:00') } }, 'handled'],
    ['verify', { by: 'patroller', outcome: 'pass', photos: ['check3'] }, 'closed'],
  ];
  let state: CaseState = 'received';
  for (const [action, ctx, to] of steps) {
    state = nextCaseState(state, action, { by: 'citizen', ...ctx });
    assert.equal(state, to, action);
  }
});

test('allowed actions per state, per actor and per facts', () => {
  const table: [CaseState, Parameters<typeof allowedCaseActions>[1], CaseAction[]][] = [
    ['received', undefined, ['accept', 'reject', 'assign_grid', 'supplement', 'withdraw']],
    ['received', { by: 'regulator' }, ['accept', 'reject', 'assign_grid']],
    ['received', { by: 'citizen' }, ['supplement', 'withdraw']],
    ['in_progress', { by: 'citizen' }, ['supplement']],
    ['withdrawn', undefined, []],
    ['received', { by: 'unit' }, []],
    ['dispatched', { by: 'unit' }, ['start', 'return', 'extend']],
    ['in_progress', { by: 'unit', facts: { extensionPending: true } }, ['return', 'report']],
    ['in_progress', { by: 'areaChief', facts: { extensionPending: true } }, ['approve_extension', 'deny_extension', 'park', 'defer']],
    ['in_progress', { by: 'areaChief', facts: { extensionPending: true, extensionsGranted: 1 } }, ['deny_extension', 'park', 'defer']],
    ['in_progress', { by: 'areaChief', facts: {} }, ['park', 'defer']],
    ['in_progress', { by: 'areaChief', facts: { overdue: true } }, ['park', 'defer', 'remind']],
    ['handled', { by: 'patroller' }, ['verify']],
    ['closed', { by: 'citizen', facts: { rated: true, closedAt: sh('2025-06-01 10:00') }, now: sh('2025-06-02 10:00') }, ['dispute']],
    ['closed', { by: 'citizen', facts: { rated: false, closedAt: sh('2025-06-01 10:00') }, now: sh('2025-06-20 10:00') }, ['rate']],
    ['rejected', undefined, []],
    ['parked', undefined, ['dispatch', 'supplement', 'supervise']],
    ['in_progress', { by: 'regulator', facts: {} }, ['park', 'defer', 'supervise']],
    ['closed', { by: 'regulator', facts: {} }, []],
  ];
  for (const [state, who, actions] of table) assert.deepEqual(allowedCaseActions(state, who), actions, `${state} ${JSON.stringify(who)}`);
});

test('补充 needs a note or a photo; 催办 only when overdue, once per Beijing calendar day', () => {
  const citizen = { by: 'citizen' as const, now: sh('2025-06-10 10:00') };
  assertThrowsCode(() => nextCaseState('dispatched', 'supplement', { ...citizen, reason: ' ', photos: [] }), 'supplement_empty', '请填写补充说明或上传照片');
  assert.equal(nextCaseState('dispatched', 'supplement', { ...citizen, photos: ['sha256:more'] }), 'dispatched');
  assert.equal(nextCaseState('dispatched', 'supplement', { ...citizen, reason: '井盖旁还有一处塌陷' }), 'dispatched');
  assertThrowsCode(() => nextCaseState('dispatched', 'supplement', { ...citizen, reason: '长'.repeat(501) }), 'reason_too_long');
  assertThrowsCode(() => nextCaseState('in_progress', 'withdraw', citizen), 'invalid_transition', '处置中');
  const chief = (now: string, facts: CaseActionContext['facts']) => ({ by: 'areaChief' as const, now: sh(now), facts });
  assertThrowsCode(() => nextCaseState('in_progress', 'remind', chief('2025-06-10 10:00', { overdue: false })), 'not_overdue');
  assertThrowsCode(() => nextCaseState('in_progress', 'remind', chief('2025-06-10 23:59', { overdue: true, remindedAt: sh('2025-06-10 00:01') })), 'already_reminded');
  // the next Beijing day (00:30 Beijing is the previous UTC day) may remind again
  assert.equal(nextCaseState('in_progress', 'remind', chief('2025-06-11 00:30', { overdue: true, remindedAt: sh('2025-06-10 23:50') })), 'in_progress');
});

test('labels exist for every state, action, rating and actor', () => {
  for (const s of CASE_STATES) assert.ok(CASE_STATE_LABELS[s], s);
  for (const a of CASE_ACTIONS) assert.ok(CASE_ACTION_LABELS[a], a);
  assert.deepEqual(Object.values(CASE_RATING_LABELS), ['满意', '基本满意', '不满意']);
  assert.equal(CASE_ACTOR_LABELS.system, '系统');
  assert.equal(CASE_ACTOR_LABELS.areaChief, '片长');
  assert.deepEqual(
    [CASE_STATE_LABELS.received, CASE_STATE_LABELS.accepted, CASE_STATE_LABELS.rejected, CASE_STATE_LABELS.parked, CASE_STATE_LABELS.deferred],
    ['受理', '立案', '不予立案', '挂账', '缓办'],
  );
});

test('督办: the regulator, with a note and a date after now; the state stays', () => {
  const now = sh('2025-06-10 10:00');
  assert.equal(nextCaseState('in_progress', 'supervise', { by: 'regulator', now, reason: '群众反映强烈，请加快处置', dueAt: sh('2025-06-11 18:00') }), 'in_progress');
  assertThrowsCode(() => nextCaseState('in_progress', 'supervise', { by: 'regulator', now, reason: '请加快' }), 'due_at_required', '督办时限');
  assertThrowsCode(() => nextCaseState('in_progress', 'supervise', { by: 'regulator', now, reason: '请加快', dueAt: sh('2025-06-10 09:00') }), 'due_at_past', '晚于当前时间');
  assertThrowsCode(() => nextCaseState('in_progress', 'supervise', { by: 'regulator', now, dueAt: sh('2025-06-11 18:00') }), 'reason_required', '督办');
  assertThrowsCode(() => nextCaseState('in_progress', 'supervise', { by: 'areaChief', now, reason: '请加快', dueAt: sh('2025-06-11 18:00') }), 'case_action_forbidden');
  assertThrowsCode(() => nextCaseState('closed', 'supervise', { by: 'regulator', now, reason: '请加快', dueAt: sh('2025-06-11 18:00') }), 'invalid_transition');
});
