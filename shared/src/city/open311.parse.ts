import { invalid, isDomainError } from '../errors';
import { caseStatesForOpen311Status } from './case.open311-status';
import type { CaseState } from './case.types';
import { SEED_CLASS_TABLE, type ClassKind, type ClassTable } from './classes';
import { CHINA_BOUNDS } from './facility-import';
import { parseServiceCode } from './open311';
import { parseW3cDateTime } from './w3c-datetime';

/** Form or query fields as the router hands them over (a repeated field arrives as an array). */
export type Open311Fields = Record<string, string | readonly string[] | undefined>;

/** @example { field: 'media_url', message: '应为 http(s) 网址' } */
export type Open311Issue = { field: string; message: string };

/** A validated `POST requests.json`. Coordinates are taken as GCJ-02, like everything we store. */
export type Open311Post = {
  kind: ClassKind;
  classCode: string;
  serviceCode: string;
  location: { lng: number; lat: number } | null;
  addressString: string | null;
  addressId: string | null;
  description: string | null;
  mediaUrl: string | null;
  email: string | null;
  deviceId: string | null;
  accountId: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  /** `attribute[code]=value` fields */
  attributes: Record<string, string | string[]>;
};

/** GeoReport v2 limits: description length, date-range span, default row cap. */
export const OPEN311_MAX_DESCRIPTION = 4000;
/** @see OPEN311_MAX_DESCRIPTION */
export const OPEN311_MAX_DAYS = 90;
/** @see OPEN311_MAX_DESCRIPTION */
export const OPEN311_MAX_ROWS = 1000;
const DAY = 86_400_000;

const first = (v: string | readonly string[] | undefined): string | undefined => {
  const s = typeof v === 'string' ? v : v?.[0];
  return s === undefined ? undefined : s.trim();
};

const fail = (issues: Open311Issue[]) =>
  invalid(issues.map((i) => `${i.field}: ${i.message}`).join('；'), 'invalid_open311_request', { issues });

/**
 * Validates the fields of an Open311 `POST requests` (docs/domain/city.md §2.2): `service_code`; a location
 * (`lat` + `long`, `address_string` or `address_id`); `description` ≤ 4000 characters; `media_url`
 * an http(s) URL; `attribute[code]`. Throws `invalid_open311_request` listing every problem
 * (`data.issues`), an unknown service code included.
 * @example parseOpen311Post({ service_code: 'E0104', lat: '23.02', long: '113.75' }).location // { lng: 113.75, lat: 23.02 }
 */
export function parseOpen311Post(fields: Open311Fields, table: ClassTable = SEED_CLASS_TABLE): Open311Post {
  const issues: Open311Issue[] = [];
  const text = (name: string, max: number): string | null => {
    const v = first(fields[name]);
    if (v === undefined || v === '') return null;
    if ([...v].length > max) issues.push({ field: name, message: `不能超过 ${max} 个字符` });
    return v;
  };

  let service: { kind: ClassKind; classCode: string } | null = null;
  const serviceCode = first(fields.service_code);
  if (!serviceCode) issues.push({ field: 'service_code', message: '必填' });
  else {
    try {
      service = parseServiceCode(serviceCode, table);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      issues.push({ field: 'service_code', message: e.message });
    }
  }

  const latS = first(fields.lat);
  const lngS = first(fields.long);
  let location: Open311Post['location'] = null;
  if (latS || lngS) {
    const lat = latS ? Number(latS) : NaN;
    const lng = lngS ? Number(lngS) : NaN;
    if (!latS || !lngS) issues.push({ field: latS ? 'long' : 'lat', message: 'lat 与 long 须同时提供' });
    else if (!Number.isFinite(lat) || !Number.isFinite(lng)) issues.push({ field: Number.isFinite(lat) ? 'long' : 'lat', message: '应为数字' });
    else if (lng < CHINA_BOUNDS.minLng || lng > CHINA_BOUNDS.maxLng || lat < CHINA_BOUNDS.minLat || lat > CHINA_BOUNDS.maxLat) {
      issues.push({ field: 'lat', message: `位置（${lat}, ${lng}）不在服务范围（中国境内）` });
    } else location = { lng, lat };
  }
  const addressString = text('address_string', 500);
  const addressId = text('address_id', 64);
  if (!location && !addressString && !addressId && !latS && !lngS) {
    issues.push({ field: 'lat', message: '须提供位置：lat 与 long，或 address_string，或 address_id' });
  }

  const description = text('description', OPEN311_MAX_DESCRIPTION);
  const mediaUrl = text('media_url', 2048);
  if (mediaUrl && !isHttpUrl(mediaUrl)) issues.push({ field: 'media_url', message: '应为 http(s) 网址' });
  const email = text('email', 254);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) issues.push({ field: 'email', message: '邮箱格式不正确' });
  const phone = text('phone', 32);
  if (phone && !/^\+?[\d\s-]{5,}$/.test(phone)) issues.push({ field: 'phone', message: '电话号码格式不正确' });

  const attributes: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(fields)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!m || value === undefined) continue;
    attributes[m[1]] = m[2] || typeof value !== 'string' ? [...(typeof value === 'string' ? [value] : value)] : value;
  }

  if (issues.length || !service) throw fail(issues);
  return {
    ...service,
    serviceCode: serviceCode!,
    location,
    addressString,
    addressId,
    description,
    mediaUrl,
    email,
    deviceId: text('device_id', 128),
    accountId: text('account_id', 128),
    firstName: text('first_name', 64),
    lastName: text('last_name', 64),
    phone,
    attributes,
  };
}

const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

/** A validated `GET requests.json` query: by ids (which override every other filter), or by filter. */
export type Open311ListQuery =
  | { by: 'id'; ids: string[] }
  | {
      by: 'filter';
      services: { kind: ClassKind; classCode: string }[] | null;
      start: Date;
      end: Date;
      /** the case states behind the `status` filter; null = all */
      states: CaseState[] | null;
      limit: number;
    };

const list = (v: string | readonly string[] | undefined): string[] =>
  (typeof v === 'string' ? [v] : (v ?? []))
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Validates the list filters (docs/domain/city.md §2.2): `service_request_id` (comma list; overrides the rest),
 * `service_code` (comma list), `start_date`/`end_date` (W3C with timezone, ≤ 90 days apart; the
 * missing end is filled from the other or from `now`, default the last 90 days), `status` (open,
 * closed). Throws `invalid_open311_request` with every problem in `data.issues`.
 * @example parseOpen311ListQuery({ status: 'open' }, now) // { by: 'filter', start: now − 90 d, end: now, states: ['received', …], limit: 1000, services: null }
 */
export function parseOpen311ListQuery(query: Open311Fields, now: Date, table: ClassTable = SEED_CLASS_TABLE): Open311ListQuery {
  const issues: Open311Issue[] = [];
  const ids = list(query.service_request_id);
  if (ids.length) {
    if (ids.length > OPEN311_MAX_ROWS) issues.push({ field: 'service_request_id', message: `最多 ${OPEN311_MAX_ROWS} 个` });
    const badId = ids.find((id) => id.length > 64 || !/^[\w-]+$/.test(id));
    if (badId) issues.push({ field: 'service_request_id', message: `编号格式不正确：${badId.slice(0, 64)}` });
    if (issues.length) throw fail(issues);
    return { by: 'id', ids: [...new Set(ids)] };
  }

  const codes = list(query.service_code);
  const services: { kind: ClassKind; classCode: string }[] = [];
  for (const code of codes) {
    try {
      services.push(parseServiceCode(code, table));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      issues.push({ field: 'service_code', message: e.message });
    }
  }

  const date = (field: 'start_date' | 'end_date'): Date | null => {
    const v = first(query[field]);
    if (!v) return null;
    try {
      return parseW3cDateTime(v, field);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      issues.push({ field, message: e.message.replace(`${field}: `, '') });
      return null;
    }
  };
  const startIn = date('start_date');
  const endIn = date('end_date');
  const span = OPEN311_MAX_DAYS * DAY;
  const end = endIn ?? (startIn ? new Date(startIn.getTime() + span) : now);
  const start = startIn ?? new Date(end.getTime() - span);
  if (startIn && endIn) {
    if (endIn.getTime() < startIn.getTime()) issues.push({ field: 'end_date', message: '不能早于 start_date' });
    else if (endIn.getTime() - startIn.getTime() > span) issues.push({ field: 'end_date', message: `与 start_date 相隔不能超过 ${OPEN311_MAX_DAYS} 天` });
  }

  const statuses = list(query.status);
  const states: CaseState[] = [];
  for (const s of statuses) {
    if (s === 'open' || s === 'closed') states.push(...caseStatesForOpen311Status(s));
    else issues.push({ field: 'status', message: `应为 open 或 closed：${s.slice(0, 32)}` });
  }

  if (issues.length) throw fail(issues);
  return { by: 'filter', services: services.length ? services : null, start, end, states: states.length ? [...new Set(states)] : null, limit: OPEN311_MAX_ROWS };
}
