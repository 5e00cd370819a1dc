import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haversineMeters, withinCheckInRadius } from '@cityloop/shared/city/geo';
import { accuracyText, checkInPreview, classifyLocationError, formatLngLat, gcj02ToWgs84, isCoarse, LOCATION_FAILURE_TEXT, northOf, outOfChina, wgs84ToGcj02 } from './city-geo';

const WELL = { lng: 113.748, lat: 23.006 }; // 鸿福路上水井盖 (GCJ-02, demo seed)

test('WGS-84 → GCJ-02 matches the published transform (Beijing reference point)', () => {
  const g = wgs84ToGcj02({ lng: 116.397, lat: 39.908 });
  assert.ok(Math.abs(g.lng - 116.40324) < 1e-4, `lng ${g.lng}`);
  assert.ok(Math.abs(g.lat - 39.9094) < 1e-4, `lat ${g.lat}`);
});

test('in Dongguan the offset is hundreds of metres — far beyond the 50 m patrol radius, so H5 must convert', () => {
  const wgs = gcj02ToWgs84(WELL);
  const offset = haversineMeters(wgs, WELL);
  assert.ok(offset > 200 && offset < 1000, `offset ${offset} m`);
  // An unconverted browser fix taken at the well would be refused …
  assert.equal(withinCheckInRadius(WELL, { ...wgs, accuracy: 10 }).ok, false);
  // … the converted one passes.
  assert.equal(withinCheckInRadius(WELL, { ...wgs84ToGcj02(wgs), accuracy: 10 }).ok, true);
});

test('GCJ-02 → WGS-84 inverts the transform to well under a metre', () => {
  for (const p of [WELL, { lng: 116.40324, lat: 39.9094 }, { lng: 121.47, lat: 31.23 }, { lng: 87.6, lat: 43.8 }]) {
    const back = wgs84ToGcj02(gcj02ToWgs84(p));
    assert.ok(haversineMeters(back, p) < 0.01, `${JSON.stringify(p)} → ${JSON.stringify(back)}`);
  }
});

test('outside mainland China both directions are the identity', () => {
  const london = { lng: -0.12, lat: 51.5 };
  assert.equal(outOfChina(london.lng, london.lat), true);
  assert.deepEqual(wgs84ToGcj02(london), london);
  assert.deepEqual(gcj02ToWgs84(london), london);
  assert.equal(outOfChina(WELL.lng, WELL.lat), false);
});

test('northOf moves the given distance (the 300 m refusal in the end-to-end test relies on it)', () => {
  const p = northOf(WELL, 300);
  assert.ok(Math.abs(haversineMeters(p, WELL) - 300) < 0.5);
  const r = withinCheckInRadius(WELL, { ...p, accuracy: 10 });
  assert.equal(r.ok, false);
  assert.equal(r.reason, '您距离该设施约 300 米，超出 50 米巡查范围，请到现场扫码');
});

test('accuracy and coordinates as shown on the forms', () => {
  assert.equal(accuracyText(12.4), '定位精度约 12 米');
  assert.equal(accuracyText(148), '定位精度约 150 米');
  assert.equal(accuracyText(undefined), '定位精度未知');
  assert.equal(accuracyText(-1), '定位精度未知');
  assert.equal(isCoarse({ ...WELL, accuracy: 100 }), false);
  assert.equal(isCoarse({ ...WELL, accuracy: 101 }), true);
  assert.equal(isCoarse(null), false);
  assert.equal(formatLngLat(WELL), '113.74800, 23.00600');
  assert.equal(formatLngLat(null), '—');
});

test('location failures from WeChat errMsg and W3C error codes', () => {
  assert.equal(classifyLocationError({ code: 1, message: 'User denied Geolocation' }), 'denied');
  assert.equal(classifyLocationError({ code: 2 }), 'unavailable');
  assert.equal(classifyLocationError({ code: 3 }), 'timeout');
  assert.equal(classifyLocationError({ errMsg: 'getLocation:fail auth deny' }), 'denied');
  assert.equal(classifyLocationError({ errMsg: 'getLocation:fail:system permission denied' }), 'denied');
  assert.equal(classifyLocationError({ errMsg: 'getLocation:fail timeout' }), 'timeout');
  assert.equal(classifyLocationError(new Error('something else')), 'unavailable');
  assert.match(LOCATION_FAILURE_TEXT.denied, /定位权限/);
});

test('the check-in preview judges the distance as the server will', () => {
  const far = checkInPreview(WELL, { ...northOf(WELL, 300), accuracy: 10 });
  assert.equal(far?.ok, false);
  assert.equal(far?.text, '距该设施约 300 米，须在 50 米内签到');
  assert.ok(Math.abs(far!.metres - 300) < 1);
  const near = checkInPreview(WELL, { ...northOf(WELL, 12), accuracy: 10 });
  assert.equal(near?.ok, true);
  assert.equal(near?.text, '距该设施约 12 米，可以签到');
  // 80 m away with a 40 m fix: the accuracy is credited (80 − 40 ≤ 50)
  assert.equal(checkInPreview(WELL, { ...northOf(WELL, 80), accuracy: 40 })?.ok, true);
  assert.equal(checkInPreview(null, { ...WELL, accuracy: 5 }), null);
  assert.equal(checkInPreview(WELL, null), null);
});
