import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowed, next, printTable, rowFor, type AnyMachine, type Target } from '../platform/state-machine';
import type { DomainError } from '../errors';
import { SCHEME_MACHINE } from './scheme.machine';
import { REVIEW_MACHINE } from './review.machine';
import { EXPERT_MACHINE } from './expert.machine';
import { reviewOutcome } from './review-outcome';

const CONTEXTS: [AnyMachine, (action: string, by: string) => Record<string, unknown>][] = [
  [SCHEME_MACHINE, (action, by) => ({ by, note: '计算书缺少抗倾覆验算', documentsComplete: true, superScale: true, revisionToInform: action === 'inform_experts' })],
  [REVIEW_MACHINE, (action, by) => ({ by, report: reviewOutcome({ conclusion: '通过', expertsSigned: 5, unanimous: true }), informPending: false, revisable: action === 'inform' })],
  [EXPERT_MACHINE, (_a, by) => ({ by, note: '年度考核合格' })],
];

const thrown = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('did not throw');
};
const targets = (to: Target<string>, state: string): [string | undefined, string][] =>
  to === 'same' ? [[undefined, state]] : typeof to === 'string' ? [[undefined, to]] : [['pass', to.pass], ['fail', to.fail]];

for (const [m, contextOf] of CONTEXTS) {
  test(`${m.name}: the table prints, and every (state, action) pair moves as declared or is refused with 409`, () => {
    const table = printTable(m);
    console.log(`${table}\n`);
    assert.equal(table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| from') && !l.startsWith('| ---')).length, m.rows.length);
    let moves = 0;
    for (const state of m.states) {
      assert.ok(m.stateLabels[state], `${state} has a label`);
      for (const action of m.actions) {
        const row = rowFor(m, state, action);
        if (!row) {
          const e = thrown(() => next(m, state, action, contextOf(action, 'system')));
          assert.equal(e.status, 409, `${state} ${action}`);
          continue;
        }
        for (const by of row.who) {
          for (const [outcome, to] of targets(row.to as Target<string>, state)) {
            assert.equal(next(m, state, action, { ...contextOf(action, by), ...(outcome ? { outcome } : {}) }), to, `${state} --${action} by ${by}`);
            moves++;
          }
        }
        assert.ok(allowed(m, state).includes(action));
      }
    }
    assert.ok(moves >= m.rows.length);
  });
}

test('scheme: a 危大 item cannot apply for a review; a 修改后通过 revision informs instead; signing needs all three documents', () => {
  assert.equal(thrown(() => next(SCHEME_MACHINE, 'approved', 'apply_review', { by: 'contractor', superScale: false })).code, 'review_not_required');
  assert.equal(thrown(() => next(SCHEME_MACHINE, 'approved', 'apply_review', { by: 'contractor', superScale: true, revisionToInform: true })).code, 'inform_experts_instead');
  assert.equal(thrown(() => next(SCHEME_MACHINE, 'drafting', 'sign', { by: 'contractor', documentsComplete: false })).code, 'documents_incomplete');
  assert.equal(thrown(() => next(SCHEME_MACHINE, 'signed', 'approve', { by: 'contractor' })).status, 403);
});

test('review: a report signed by 4, or with a split conclusion, is refused with the contract reason', () => {
  const four = reviewOutcome({ conclusion: '通过', expertsSigned: 4, unanimous: true });
  assert.equal(thrown(() => next(REVIEW_MACHINE, 'convened', 'report', { by: 'expert', report: four })).code, 'fewer_than_5_experts');
  const split = reviewOutcome({ conclusion: '通过', expertsSigned: 5, votes: ['通过', '通过', '通过', '通过', '修改后通过'] });
  assert.equal(thrown(() => next(REVIEW_MACHINE, 'convened', 'report', { by: 'expert', report: split })).code, 'report_must_state_a_unanimous_conclusion');
  assert.equal(thrown(() => next(REVIEW_MACHINE, 'concluded', 'archive', { by: 'regulator', informPending: true })).code, 'inform_pending');
});
