import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOpen311ListQuery, parseOpen311Post, type Open311Fields } from './open311.parse';
import { assertThrowsCode, sh } from './city.testing';

test('a valid POST: service, location, description, media and attributes', () => {
  const p = parseOpen311Post({
    service_code: 'E0104',
    lat: '23.021',
    long: '113.751',
    description: ' 路面有大片油污 ',
    media_url: 'https://cdn.example.cn/p/1.jpg',
    email: 'a@example.cn',
    phone: '+86 138-0000-0000',
    'attribute[channel]': 'scan',
    'attribute[tags][]': ['oil', 'slippery'],
    api_key: 'ignored here',
  });
  assert.deepEqual(p, {
    kind: 'event',
    classCode: '0104',
    serviceCode: 'E0104',
    location: { lng: 113.751, lat: 23.021 },
    addressString: null,
    addressId: null,
    description: '路面有大片油污',
    mediaUrl: 'https://cdn.example.cn/p/1.jpg',
    email: 'a@example.cn',
    deviceId: null,
    accountId: null,
    firstName: null,
    lastName: null,
    phone: '+86 138-0000-0000',
    attributes: { channel: 'scan', tags: ['oil', 'slippery'] },
  });
  assert.equal(parseOpen311Post({ service_code: 'C0101', address_string: '运河东一路 12 号' }).addressString, '运河东一路 12 号');
  assert.equal(parseOpen311Post({ service_code: 'C0101', address_id: 'addr-9' }).addressId, 'addr-9');
  assert.equal(parseOpen311Post({ service_code: 'C0101', address_id: 'a', description: '字'.repeat(4000) }).description?.length, 4000);
});

test('POST problems are listed field by field', () => {
  const table: [Open311Fields, string, string][] = [
    [{ lat: '23', long: '113' }, 'service_code', '必填'],
    [{ service_code: 'E0999', lat: '23', long: '113' }, 'service_code', '0999'],
    [{ service_code: 'X1', lat: '23', long: '113' }, 'service_code', 'service_code 无效'],
    [{ service_code: 'E0104' }, 'lat', '须提供位置'],
    [{ service_code: 'E0104', lat: '23.02' }, 'long', '同时提供'],
    [{ service_code: 'E0104', lat: 'north', long: '113' }, 'lat', '数字'],
    [{ service_code: 'E0104', lat: '51.5', long: '-0.12' }, 'lat', '不在服务范围'],
    [{ service_code: 'E0104', address_id: 'a', description: '字'.repeat(4001) }, 'description', '4000'],
    [{ service_code: 'E0104', address_id: 'a', media_url: 'javascript:alert(1)' }, 'media_url', 'http'],
    [{ service_code: 'E0104', address_id: 'a', media_url: 'not a url' }, 'media_url', 'http'],
    [{ service_code: 'E0104', address_id: 'a', email: 'nobody' }, 'email', '邮箱'],
  ];
  for (const [fields, field, part] of table) {
    const e = assertThrowsCode(() => parseOpen311Post(fields), 'invalid_open311_request', `${field}: `, part);
    assert.ok((e.data as { issues: { field: string }[] }).issues.some((i) => i.field === field), JSON.stringify(fields));
  }
  const e = assertThrowsCode(() => parseOpen311Post({ description: '字'.repeat(4001) }), 'invalid_open311_request');
  assert.deepEqual((e.data as { issues: { field: string }[] }).issues.map((i) => i.field), ['service_code', 'lat', 'description']);
});

const now = sh('2025-06-30 12:00');
const DAY = 86_400_000;

test('list filters: ids override the rest; defaults to the last 90 days; status maps to our states', () => {
  assert.deepEqual(parseOpen311ListQuery({ service_request_id: 'a1, b2,a1', status: 'bogus', start_date: 'junk' }, now), { by: 'id', ids: ['a1', 'b2'] });
  assert.deepEqual(parseOpen311ListQuery({}, now), { by: 'filter', services: null, start: new Date(now.getTime() - 90 * DAY), end: now, states: null, limit: 1000 });
  const q = parseOpen311ListQuery({ service_code: 'E0104,C0101', status: 'closed', start_date: '2025-06-01T00:00:00+08:00', end_date: '2025-06-30T00:00:00+08:00' }, now);
  assert.deepEqual(q, {
    by: 'filter',
    services: [
      { kind: 'event', classCode: '0104' },
      { kind: 'component', classCode: '0101' },
    ],
    start: sh('2025-06-01 00:00'),
    end: sh('2025-06-30 00:00'),
    states: ['rejected', 'closed', 'withdrawn'],
    limit: 1000,
  });
  const onlyStart = parseOpen311ListQuery({ start_date: '2025-01-01T00:00:00Z' }, now);
  assert.ok(onlyStart.by === 'filter' && onlyStart.end.getTime() - onlyStart.start.getTime() === 90 * DAY);
  const onlyEnd = parseOpen311ListQuery({ end_date: '2025-05-01T00:00:00Z', status: ['open'] }, now);
  assert.ok(onlyEnd.by === 'filter' && onlyEnd.start.toISOString() === '2025-01-31T00:00:00.000Z' && onlyEnd.states?.includes('received') && !onlyEnd.states.includes('closed'));
  const exactly90 = parseOpen311ListQuery({ start_date: '2025-01-01T00:00:00Z', end_date: '2025-04-01T00:00:00Z' }, now);
  assert.equal(exactly90.by, 'filter');
});

test('list filter problems', () => {
  const table: [Open311Fields, string, string][] = [
    [{ start_date: '2025-01-01T00:00:00Z', end_date: '2025-04-01T00:00:01Z' }, 'end_date', '90'],
    [{ start_date: '2025-02-01T00:00:00Z', end_date: '2025-01-01T00:00:00Z' }, 'end_date', '不能早于'],
    [{ start_date: '2025-02-01' }, 'start_date', '时区'],
    [{ end_date: '2025-02-01T10:00:00' }, 'end_date', '时区'],
    [{ status: 'pending' }, 'status', 'open 或 closed'],
    [{ service_code: 'E0104,E0999' }, 'service_code', '0999'],
    [{ service_request_id: 'a/b' }, 'service_request_id', '格式'],
  ];
  for (const [query, field, part] of table) assertThrowsCode(() => parseOpen311ListQuery(query, now), 'invalid_open311_request', `${field}: `, part);
});
