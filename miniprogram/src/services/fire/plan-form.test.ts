import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api';
import { emptyPlan, parseCoords, planBody, planRefusals, shanghaiToday, toggle, type PlanForm } from './plan-form';

const filled = (): PlanForm => ({
  ...emptyPlan('2026-12-08'),
  name: '兴中广场',
  address: '中山市石岐街道兴中道 1 号',
  use: '商业',
  heightM: '40',
  areaM2: '15000',
  location: { lng: 113.3952, lat: 22.5281 },
  clientName: '兴中广场物业管理处',
  contractNo: 'HT-001',
  systems: ['消火栓系统'],
  projectLead: 'fp_lead',
  techLead: 'fp_tech',
  operators: ['fp_op1'],
  instruments: ['fi_meter'],
});

test('planBody: a filled form becomes the API request (trimmed, numbers, default geofence, no empty phone)', () => {
  const r = planBody({ ...filled(), name: ' 兴中广场 ' });
  assert.ok('body' in r);
  assert.deepEqual(r.body.building, { name: '兴中广场', address: '中山市石岐街道兴中道 1 号', use: '商业', heightM: 40, areaM2: 15000, location: { lng: 113.3952, lat: 22.5281 }, geofenceM: 200 });
  assert.deepEqual(r.body.client, { name: '兴中广场物业管理处' });
  assert.deepEqual(r.body.team, { projectLead: 'fp_lead', techLead: 'fp_tech', operators: ['fp_op1'] });
  assert.equal(r.body.testDate, '2026-12-08');
});

test('planBody: each missing or malformed field answers its own Chinese message', () => {
  const cases: [Partial<PlanForm>, RegExp][] = [
    [{ name: '' }, /建筑名称/],
    [{ heightM: 'abc' }, /建筑高度/],
    [{ areaM2: '0' }, /建筑面积/],
    [{ location: null }, /定位建筑位置/],
    [{ geofenceM: '30' }, /50–1000/],
    [{ clientPhone: '12345' }, /手机号/],
    [{ systems: [] }, /检测的系统/],
    [{ testDate: '2026/12/08' }, /YYYY-MM-DD/],
    [{ techLead: '' }, /技术负责人/],
    [{ operators: [] }, /操作员/],
    [{ instruments: [] }, /检测仪器/],
  ];
  for (const [patch, message] of cases) {
    const r = planBody({ ...filled(), ...patch });
    assert.ok('error' in r, JSON.stringify(patch));
    assert.match(r.error, message);
  }
});

test('parseCoords reads "lng, lat" in China only; toggle adds and removes; today is Beijing’s', () => {
  assert.deepEqual(parseCoords('113.39520，22.52810'), { lng: 113.3952, lat: 22.5281 });
  assert.deepEqual(parseCoords(' 113.3952 22.5281 '), { lng: 113.3952, lat: 22.5281 });
  assert.equal(parseCoords('22.5281, 113.3952'), null);
  assert.equal(parseCoords('13.3952, 22.5281'), null);
  assert.deepEqual(toggle(['a', 'b'], 'a'), ['b']);
  assert.deepEqual(toggle(['a'], 'b'), ['a', 'b']);
  assert.equal(shanghaiToday(new Date('2026-12-07T16:30:00Z')), '2026-12-08');
});

test('planRefusals reads the gates’ refusals from a refused answer, nothing from other errors', () => {
  const refusals = [{ code: 'instrument_expired', message: '仪器“风速计”（编号 FS-2021-003）检定有效期至 2026-10-28，检测日 2026-12-07 已过期', instrumentId: 'fi_1' }];
  assert.deepEqual(planRefusals(new ApiError('instrument_expired', 400, refusals[0].message, 'rq', { refusals })), refusals);
  assert.deepEqual(planRefusals(new ApiError('invalid_input', 400, '输入有误', 'rq', { issues: [] })), []);
  assert.deepEqual(planRefusals(new Error('x')), []);
});
