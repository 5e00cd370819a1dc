import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGeofence } from './geofence';
import { isImpossibleTravel } from './travel';
import { isPresentAt, presenceSpans } from './presence';
import { CHECKIN_GENESIS, canonicalCheckin, chainHashOf, verifyCheckinChain } from './chain';
import { idNumberCheckDigitOk, idNumberSchema } from './checkin.contract';
import type { CheckinRecord } from './checkin.types';

const CENTER = { lng: 113.3926, lat: 22.5176 };
const site = { name: '中山某大厦', geofence: { center: CENTER, radiusM: 200 } };
/** metres north of the centre as degrees of latitude (1° ≈ 111,195 m on the mean sphere) */
const north = (m: number) => ({ lng: CENTER.lng, lat: CENTER.lat + m / 111_195.08 });
const t = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+08:00`);

test('geofence: inside, 300 m outside names the distance, accuracy 150 m refused before distance', () => {
  const inside = checkGeofence(site, { ...north(120), accuracyM: 15 });
  assert.equal(inside.ok, true);
  assert.equal(Math.round(inside.distanceM), 120);
  const out = checkGeofence(site, { ...north(300), accuracyM: 15 });
  assert.equal(out.ok, false);
  assert.equal(!out.ok && out.code, 'outside_geofence');
  assert.match(!out.ok ? out.message : '', /约 300 米，超出 200 米/);
  const vague = checkGeofence(site, { ...north(10), accuracyM: 150 });
  assert.equal(!vague.ok && vague.code, 'gps_inaccurate');
  assert.match(!vague.ok ? vague.message : '', /150 米/);
  assert.equal(checkGeofence(site, { ...north(10), accuracyM: 100 }).ok, true, '100 m is still accepted');
});

test('impossible travel: 30 km in 10 minutes flagged; 30 km in an hour, or 1 km in a minute, not', () => {
  const a = { at: t('09:00'), gps: { ...CENTER, accuracyM: 10 } };
  const far = { ...north(30_000), accuracyM: 10 };
  const fast = isImpossibleTravel(a, { at: t('09:10'), gps: far });
  assert.equal(fast.impossible, true);
  assert.equal(fast.speedKmh, 180);
  assert.equal(isImpossibleTravel(a, { at: t('10:00'), gps: far }).impossible, false, '30 km/h');
  assert.equal(isImpossibleTravel(a, { at: t('09:01'), gps: { ...north(1000), accuracyM: 10 } }).impossible, false, 'within the GPS slack');
  assert.equal(isImpossibleTravel(a, { at: t('09:00'), gps: far }).impossible, true, 'same instant, two places');
});

const rec = (userId: string, direction: 'in' | 'out', at: Date, extra: Partial<CheckinRecord> = {}) => ({
  userId, role: userId === 'lead' ? '项目负责人' : '消防设施操作员', direction, at, inGeofence: true, faceMatch: true, flags: [], ...extra,
});

test('presence spans: in → out per person, open spans, a second check-in closes the first', () => {
  const spans = presenceSpans([
    rec('op', 'out', t('12:00')),
    rec('lead', 'in', t('09:00')),
    rec('op', 'in', t('09:30')),
    rec('lead', 'in', t('10:00')),
    rec('lead', 'out', t('11:00')),
  ]);
  assert.deepEqual(
    spans.map((s) => [s.userId, s.from.toISOString(), s.to?.toISOString() ?? null]),
    [
      ['lead', t('09:00').toISOString(), t('10:00').toISOString()],
      ['op', t('09:30').toISOString(), t('12:00').toISOString()],
      ['lead', t('10:00').toISOString(), t('11:00').toISOString()],
    ],
  );
  assert.equal(isPresentAt(spans, 'lead', t('10:30')), true);
  assert.equal(isPresentAt(spans, 'lead', t('11:30')), false, 'after check-out');
  assert.equal(isPresentAt(spans, 'op', t('09:00')), false, 'before check-in');
  assert.equal(isPresentAt(presenceSpans([rec('op', 'in', t('09:00'))]), 'op', t('23:00')), true, 'still on site');
});

test('presence: a span without a face match (where required) or flagged does not count; without face required it does', () => {
  assert.equal(isPresentAt(presenceSpans([rec('op', 'in', t('09:00'), { faceMatch: false })]), 'op', t('10:00')), false);
  assert.equal(isPresentAt(presenceSpans([{ ...rec('op', 'in', t('09:00'), { faceMatch: false }), faceRequired: false }]), 'op', t('10:00')), true);
  assert.equal(isPresentAt(presenceSpans([rec('op', 'in', t('09:00'), { flags: ['impossible_travel'] })]), 'op', t('10:00')), false);
  assert.equal(isPresentAt(presenceSpans([rec('op', 'in', t('09:00'), { inGeofence: false })]), 'op', t('10:00')), false);
});

function chained(n: number): CheckinRecord[] {
  const out: CheckinRecord[] = [];
  let prev = CHECKIN_GENESIS;
  for (let i = 1; i <= n; i++) {
    const r = {
      id: `ck_${i}`, siteKind: 'fire_test', siteId: 'ft_1', userId: 'u1', userName: '张三', role: '项目负责人', direction: 'in' as const,
      at: t('09:00'), gps: { ...CENTER, accuracyM: 5 }, inGeofence: true, faceMatch: true, faceRequired: true, distanceM: 3, flags: [],
      seq: i, photoHash: 'a'.repeat(64), faceMode: 'photo' as const,
    };
    const chainHash = chainHashOf(prev, r);
    out.push({ ...r, prevHash: prev, chainHash });
    prev = chainHash;
  }
  return out;
}

test('hash chain: sha256(prev + canonical record); an altered record breaks its link', () => {
  const rs = chained(3);
  assert.match(rs[0].chainHash, /^[0-9a-f]{64}$/);
  assert.equal(verifyCheckinChain(rs), null);
  assert.notEqual(chainHashOf(CHECKIN_GENESIS, rs[0]), chainHashOf(CHECKIN_GENESIS, { ...rs[0], distanceM: 4 }));
  assert.equal(verifyCheckinChain([rs[0], { ...rs[1], at: t('09:01') }, rs[2]]), 2);
  assert.equal(verifyCheckinChain([rs[0], rs[2]]), 3, 'a removed link');
  assert.ok(canonicalCheckin(rs[0]).startsWith('["ck_1","fire_test","ft_1",1,'));
});

test('ID number: 18 characters with a valid check digit, lower-case x accepted', () => {
  assert.equal(idNumberCheckDigitOk('11010519491231002X'), true);
  assert.equal(idNumberCheckDigitOk('110105194912310021'), false);
  assert.equal(idNumberSchema.parse('11010519491231002x'), '11010519491231002X');
  assert.equal(idNumberSchema.safeParse('4419001234').success, false);
});
