import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClose, assertThrowsCode } from './pit.testing';
import { solveSeries } from './series.solve';

test('settlement series in m: reference = mean of initial, cumulative/change/rate in mm; null for the first epoch', () => {
  const r = solveSeries({
    kind: 'series',
    unit: 'm',
    initial: [10.0, 10.0002],
    epochs: [
      { time: '2024-05-01T08:00:00+08:00', value: 9.9991 },
      { time: '2024-05-02T08:00:00+08:00', value: 9.9981 },
      { time: '2024-05-02T20:00:00', value: 9.9975 },
    ],
  });
  assertClose(r.initial, 10.0001, 1e-12);
  assert.equal(r.unit, 'm');
  assert.equal(r.epochs.length, 3);
  const [e0, e1, e2] = r.epochs;
  assert.equal(e0.time, '2024-05-01T08:00:00+08:00');
  assertClose(e0.cumulative_mm, -1.0, 1e-9);
  assert.equal(e0.change_mm, null);
  assert.equal(e0.interval_days, null);
  assert.equal(e0.rate_mm_per_day, null);
  assertClose(e1.cumulative_mm, -2.0, 1e-9);
  assertClose(e1.change_mm, -1.0, 1e-9);
  assert.equal(e1.interval_days, 1);
  assertClose(e1.rate_mm_per_day, -1.0, 1e-9);
  assertClose(e2.change_mm, -0.6, 1e-9);
  assert.equal(e2.interval_days, 0.5);
  assertClose(e2.rate_mm_per_day, -1.2, 1e-9);
});

test('series in mm, fractional days across time zones', () => {
  const r = solveSeries({
    kind: 'series',
    unit: 'mm',
    initial: [1.5],
    epochs: [
      { time: '2024-05-01T00:00:00Z', value: 2.5 },
      { time: '2024-05-01T14:00:00+08:00', value: 4.0 },
    ],
  });
  assert.equal(r.initial, 1.5);
  assert.equal(r.epochs[0].cumulative_mm, 1);
  assert.equal(r.epochs[1].cumulative_mm, 2.5);
  assert.equal(r.epochs[1].change_mm, 1.5);
  assertClose(r.epochs[1].interval_days, 6 / 24, 1e-15);
  assertClose(r.epochs[1].rate_mm_per_day, 6, 1e-12);
});

test('empty epochs are a valid (empty) series', () => {
  assert.deepEqual(solveSeries({ kind: 'series', unit: 'mm', initial: [1, 2], epochs: [] }).epochs, []);
});

test('invalid series requests name the field and use stable codes', () => {
  const ok = { kind: 'series', unit: 'm', initial: [1], epochs: [{ time: '2024-05-01T08:00', value: 1 }, { time: '2024-05-02T08:00', value: 1 }] };
  const cases: [unknown, string, string][] = [
    [{ ...ok, unit: 'cm' }, 'invalid_request', 'unit: Invalid option'],
    [{ ...ok, initial: [] }, 'invalid_request', 'initial: expected at least one value'],
    [{ ...ok, initial: [1, '2'] }, 'invalid_request', 'initial[1]: expected number, received string'],
    [{ ...ok, initial: 1 }, 'invalid_request', 'initial: expected array'],
    [{ ...ok, epochs: {} }, 'invalid_request', 'epochs: expected array'],
    [{ ...ok, epochs: [ok.epochs[0], 5] }, 'invalid_request', 'epochs[1]: expected object, received number'],
    [{ ...ok, epochs: [ok.epochs[0], { time: '2024-05-02T08:00', value: null }] }, 'invalid_request', 'epochs[1].value: expected number, received null'],
    [{ ...ok, epochs: [ok.epochs[0], { time: '2024-05-02T08:00' }] }, 'invalid_request', 'epochs[1].value: required'],
    [{ ...ok, epochs: [ok.epochs[0], { time: '2024-05-32T08:00', value: 1 }] }, 'invalid_request', "epochs[1].time: not a valid ISO 8601 time: '2024-05-32T08:00'"],
    [{ ...ok, epochs: [ok.epochs[0], { time: 1714521600000, value: 1 }] }, 'invalid_request', 'epochs[1].time: expected ISO 8601 time string, received number'],
    [{ ...ok, epochs: [ok.epochs[0], { value: 1 }] }, 'invalid_request', 'epochs[1].time: required'],
    [{ ...ok, epochs: [ok.epochs[1], ok.epochs[0]] }, 'time_order', "epochs[1].time: '2024-05-01T08:00' is not after epochs[0].time"],
    [{ ...ok, epochs: [ok.epochs[0], ok.epochs[0]] }, 'time_order', 'epochs[1].time'],
    [{ ...ok, now: '2024-05-01T12:00' }, 'future_timestamp', "epochs[1].time: '2024-05-02T08:00' is in the future"],
    [{ ...ok, now: 'soon' }, 'invalid_request', "now: not a valid ISO 8601 time: 'soon'"],
  ];
  for (const [req, code, message] of cases) assertThrowsCode(() => solveSeries(req), code, message);
  assert.equal(solveSeries({ ...ok, now: '2024-05-02T08:00' }).epochs.length, 2);
});
