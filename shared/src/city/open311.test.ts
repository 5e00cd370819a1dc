import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_CLASS_TABLE } from './classes';
import { open311Services, parseServiceCode, serviceCodeOf, toOpen311Request, type Open311CaseView } from './open311';
import { assertThrowsCode, sh } from './city.testing';

test('service codes: C/E prefix + class code, both ways', () => {
  const table: [string, { kind: 'component' | 'event'; classCode: string }][] = [
    ['C0101', { kind: 'component', classCode: '0101' }],
    ['E0101', { kind: 'event', classCode: '0101' }],
    ['E0104', { kind: 'event', classCode: '0104' }],
  ];
  for (const [code, parsed] of table) {
    assert.deepEqual(parseServiceCode(code), parsed);
    assert.equal(serviceCodeOf(parsed.kind, parsed.classCode), code);
  }
  for (const bad of ['0101', 'X0101', 'C101', 'c0101', '']) assertThrowsCode(() => parseServiceCode(bad), 'invalid_service_code');
  assertThrowsCode(() => parseServiceCode('E0999'), 'unknown_class', '0999');
});

test('services.json lists every class once with name, group and limits', () => {
  const services = open311Services();
  assert.equal(services.length, SEED_CLASS_TABLE.classes.length);
  assert.equal(new Set(services.map((s) => s.service_code)).size, services.length);
  const road = services.find((s) => s.service_code === 'E0104');
  assert.deepEqual(
    { ...road, description: undefined },
    { service_code: 'E0104', service_name: '道路不洁', description: undefined, metadata: false, type: 'realtime', keywords: '事件,市容环境,道路不洁', group: '事件·市容环境' },
  );
  assert.match(road!.description, /处置时限：5 个工作小时（紧急 2 个工作小时）/);
  assert.equal(services.find((s) => s.service_code === 'C0101')?.group, '部件·公用设施');
});

const view: Open311CaseView = {
  id: 'cs_01hx',
  state: 'dispatched',
  enteredBy: 'dispatch',
  kind: 'component',
  classCode: '0101',
  description: '井盖缺失',
  statusNotes: '已派遣至自来水公司',
  unitName: '东莞市东江水务有限公司',
  requestedAt: sh('2025-06-09 09:00'),
  updatedAt: sh('2025-06-09 09:30'),
  deadline: sh('2025-06-10 11:00'),
  address: '莞城街道运河东一路 12 号',
  lng: 113.751,
  lat: 23.021,
  mediaUrls: ['https://cdn.example.cn/p/1.jpg', 'https://cdn.example.cn/p/2.jpg'],
};

test('a case as an Open311 request: status, agency, expected_datetime, +08:00 times, first photo', () => {
  assert.deepEqual(toOpen311Request(view), {
    service_request_id: 'cs_01hx',
    status: 'open',
    status_notes: '已派遣至自来水公司',
    service_name: '上水井盖',
    service_code: 'C0101',
    description: '井盖缺失',
    agency_responsible: '东莞市东江水务有限公司',
    service_notice: null,
    requested_datetime: '2025-06-09T09:00:00+08:00',
    updated_datetime: '2025-06-09T09:30:00+08:00',
    expected_datetime: '2025-06-10T11:00:00+08:00',
    address: '莞城街道运河东一路 12 号',
    lat: 23.021,
    long: 113.751,
    media_url: 'https://cdn.example.cn/p/1.jpg',
    extended_attributes: { fms_status: 'IN_PROGRESS', state: 'dispatched', state_label: '已派遣', media_urls: ['https://cdn.example.cn/p/1.jpg', 'https://cdn.example.cn/p/2.jpg'] },
  });
});

test('closed cases report the close time as updated_datetime; missing optionals are null', () => {
  const table: [Partial<Open311CaseView>, string, string, string | null][] = [
    [{ state: 'closed', enteredBy: 'verify', closedAt: sh('2025-06-10 10:00'), updatedAt: sh('2025-06-11 08:00') }, 'closed', '2025-06-10T10:00:00+08:00', 'FIXED'],
    [{ state: 'rejected', enteredBy: 'reject', closedAt: null }, 'closed', '2025-06-09T09:30:00+08:00', 'NO_FURTHER_ACTION'],
    [{ state: 'in_progress', enteredBy: 'verify', closedAt: sh('2025-06-10 10:00') }, 'open', '2025-06-09T09:30:00+08:00', 'REOPEN'],
  ];
  for (const [patch, status, updated, fms] of table) {
    const r = toOpen311Request({ ...view, ...patch });
    assert.equal(r.status, status);
    assert.equal(r.updated_datetime, updated);
    assert.equal(r.extended_attributes.fms_status, fms);
  }
  const bare = toOpen311Request({ id: 'x', state: 'received', kind: 'event', classCode: '0102', requestedAt: view.requestedAt, updatedAt: view.updatedAt });
  for (const k of ['status_notes', 'description', 'agency_responsible', 'expected_datetime', 'address', 'lat', 'long', 'media_url'] as const) assert.equal(bare[k], null, k);
  assertThrowsCode(() => toOpen311Request({ ...view, classCode: '0199' }), 'unknown_class');
});
