import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatW3cDateTime, parseW3cDateTime } from './w3c-datetime';
import { assertThrowsCode } from './city.testing';

test('formats with an explicit offset', () => {
  const table: [string, number | undefined, string][] = [
    ['2025-06-09T08:00:00Z', undefined, '2025-06-09T16:00:00+08:00'],
    ['2025-06-09T20:30:00Z', undefined, '2025-06-10T04:30:00+08:00'],
    ['2025-06-09T08:00:00Z', 0, '2025-06-09T08:00:00+00:00'],
    ['2025-06-09T08:00:00Z', -330, '2025-06-09T02:30:00-05:30'],
  ];
  for (const [iso, offset, expected] of table) assert.equal(formatW3cDateTime(new Date(iso), offset), expected);
});

test('parses W3C datetimes that carry a timezone', () => {
  const table: [string, string][] = [
    ['2025-06-09T16:00:00+08:00', '2025-06-09T08:00:00.000Z'],
    ['2025-06-09T16:00+08:00', '2025-06-09T08:00:00.000Z'],
    ['2025-06-09T08:00:00Z', '2025-06-09T08:00:00.000Z'],
    ['2025-06-09T08:00:00.25Z', '2025-06-09T08:00:00.250Z'],
    ['2025-06-09T03:00:00-05:00', '2025-06-09T08:00:00.000Z'],
    ['2024-02-29T00:00:00+08:00', '2024-02-28T16:00:00.000Z'],
  ];
  for (const [s, iso] of table) assert.equal(parseW3cDateTime(s, 'start_date').toISOString(), iso, s);
});

test('refuses datetimes without timezone, impossible dates and junk', () => {
  for (const s of ['2025-06-09T16:00:00', '2025-06-09', '2025-02-30T00:00:00Z', '2025-06-09T24:00:00Z', '2025-06-09T16:00:00+15:00', 'yesterday', '']) {
    assertThrowsCode(() => parseW3cDateTime(s, 'end_date'), 'invalid_datetime', 'end_date', '时区');
  }
});
