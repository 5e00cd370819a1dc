import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOverdue, sortQueue } from './queue-order';

test('the queue by deadline puts the overdue step first; by time the newest first (issue 17)', async () => {
  const now = new Date('2026-12-07T08:00:00Z');
  const row = (id: string, created: string, stepAt: string | null, deadline: string | null = null) => ({ id, createdAt: created, deadline, closedAt: null, overdue: false, stepDue: stepAt ? { step: 'handle' as const, label: '处置', at: stepAt, overdue: false } : null });
  const rows = [row('late', '2026-12-01T00:00:00Z', '2026-12-09T00:00:00Z'), row('overdue', '2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z'), row('none', '2026-12-06T00:00:00Z', null), row('soon', '2026-12-04T00:00:00Z', '2026-12-07T09:00:00Z')];
  assert.deepEqual(sortQueue(rows, 'due').map((r) => r.id), ['overdue', 'soon', 'late', 'none']);
  assert.deepEqual(sortQueue(rows, 'new').map((r) => r.id), ['none', 'overdue', 'soon', 'late']);
  assert.deepEqual(rows.filter((r) => isOverdue(r, now)).map((r) => r.id), ['overdue']);
  assert.equal(isOverdue({ ...row('closed', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'), closedAt: '2026-12-03T00:00:00Z' }, now), false);
});
