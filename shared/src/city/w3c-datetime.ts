import { invalid } from '../errors';

const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * W3C datetime with an explicit offset, as Open311 wants (default +08:00, Asia/Shanghai).
 * @example formatW3cDateTime(new Date('2025-06-09T08:00:00Z')) // '2025-06-09T16:00:00+08:00'
 */
export function formatW3cDateTime(d: Date, utcOffsetMinutes = 480): string {
  const local = new Date(d.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Parses a W3C datetime that includes the time and a timezone (`Z` or `±hh:mm`); anything else
 * (no timezone, date only, 2025-02-30) throws `invalid_datetime` naming the field.
 * @example parseW3cDateTime('2025-06-09T16:00:00+08:00', 'start_date').toISOString() // '2025-06-09T08:00:00.000Z'
 */
export function parseW3cDateTime(s: string, field: string): Date {
  const m = W3C.exec(String(s ?? '').trim());
  const bad = () => invalid(`${field}: 时间格式应为含时区的 W3C 格式，如 2025-06-09T16:00:00+08:00`, 'invalid_datetime', { field });
  if (!m) throw bad();
  const [, y, mo, d, h, mi, sec = '00', frac = '', tz] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, frac ? Math.round(Number(frac) * 1000) : 0);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +sec > 59) throw bad();
  let offset = 0;
  if (tz !== 'Z') {
    const oh = Number(tz.slice(1, 3));
    const om = Number(tz.slice(4, 6));
    if (oh > 14 || om > 59) throw bad();
    offset = (tz[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(ms - offset * 60_000);
}
