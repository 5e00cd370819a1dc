import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDistance, haversineMeters, withinCheckInRadius } from './geo';
import { assertThrowsCode } from './city.testing';

const M_PER_DEG_LAT = (2 * Math.PI * 6_371_008.8) / 360;
const facility = { lng: 113.75, lat: 23.02 };
/** A point `m` metres north of the facility. */
const north = (m: number) => ({ lng: facility.lng, lat: facility.lat + m / M_PER_DEG_LAT });

test('haversine distances', () => {
  const table: [{ lng: number; lat: number }, { lng: number; lat: number }, number, number][] = [
    [facility, facility, 0, 1e-9],
    [facility, north(300), 300, 0.01],
    [{ lng: 0, lat: 0 }, { lng: 1, lat: 0 }, M_PER_DEG_LAT, 0.01], // one degree on the equator
    [{ lng: 116.391, lat: 39.907 }, { lng: 121.473, lat: 31.23 }, 1_067_000, 2_000], // Beijing – Shanghai ≈ 1 067 km
    [{ lng: 0, lat: 0 }, { lng: 180, lat: 0 }, Math.PI * 6_371_008.8, 1e-6], // antipodes
  ];
  for (const [a, b, m, eps] of table) {
    const d = haversineMeters(a, b);
    assert.ok(Math.abs(d - m) <= eps, `${JSON.stringify([a, b])}: ${d} vs ${m}`);
    assert.ok(Math.abs(haversineMeters(b, a) - d) < 1e-9);
  }
});

test('check-in: distance minus the credited accuracy (≤ 50 m) against the radius; fixes over 100 m refused', () => {
  const table: [number, number, number | undefined, boolean, string, string][] = [
    [10, 5, undefined, true, 'ok', '您距离该设施约 10 米，在 50 米巡查范围内'],
    [49.999, 0, undefined, true, 'ok', '在 50 米'],
    [50.01, 0, undefined, false, 'too_far', '超出 50 米'],
    [60, 5, undefined, false, 'too_far', '您距离该设施约 60 米，超出 50 米巡查范围，请到现场扫码'],
    [59.99, 10, undefined, true, 'ok', '约 60 米'],
    [95, 50, undefined, true, 'ok', '约 95 米'],
    [101, 80, undefined, false, 'too_far', '约 100 米'], // credit capped at 50
    [300, 15, undefined, false, 'too_far', '您距离该设施约 300 米，超出 50 米巡查范围，请到现场扫码'],
    [5, 150, undefined, false, 'imprecise', '定位误差约 150 米，精度不足'],
    [5, 100, undefined, true, 'ok', '约 5 米'],
    [150, 10, 200, true, 'ok', '在 200 米'],
    [1234, 10, undefined, false, 'too_far', '约 1.2 公里'],
  ];
  for (const [metres, accuracy, radius, ok, code, reason] of table) {
    const res = withinCheckInRadius(facility, { ...north(metres), accuracy }, radius);
    assert.equal(res.ok, ok, `${metres} m ± ${accuracy}`);
    assert.equal(res.code, code);
    assert.ok(res.reason.includes(reason), `${res.reason} ⊅ ${reason}`);
    assert.ok(Math.abs(res.distance - metres) < 0.05);
  }
});

test('check-in refuses missing accuracy and bad coordinates', () => {
  for (const accuracy of [Number.NaN, -1, undefined as unknown as number]) {
    const res = withinCheckInRadius(facility, { ...north(1), accuracy });
    assert.equal(res.ok, false);
    assert.equal(res.code, 'imprecise');
  }
  assertThrowsCode(() => withinCheckInRadius(facility, { lng: Number.NaN, lat: 23, accuracy: 5 }), 'invalid_location', 'position.lng');
  assertThrowsCode(() => withinCheckInRadius({ lng: 113, lat: Infinity }, { ...north(1), accuracy: 5 }), 'invalid_location', 'facility.lat');
  assertThrowsCode(() => withinCheckInRadius(facility, { ...north(1), accuracy: 5 }, 0), 'invalid_radius');
});

test('distances as people say them', () => {
  const table: [number, string][] = [
    [0, '约 0 米'],
    [12.4, '约 12 米'],
    [99.4, '约 99 米'],
    [104, '约 100 米'],
    [297, '约 300 米'],
    [999, '约 1000 米'],
    [1000, '约 1.0 公里'],
    [12_345, '约 12.3 公里'],
  ];
  for (const [m, text] of table) assert.equal(describeDistance(m), text);
});
