/**
 * ISO 8601 parsing without allocation, for hot loops over epochs. A time without an offset is
 * Asia/Shanghai (+08:00); a date alone is midnight there.
 */

const SHANGHAI_OFFSET_MIN = 8 * 60;
const DAY_MS = 86_400_000;

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

const two = (s: string, i: number): number => {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
};

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
const daysFromCivil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/**
 * Parses `YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|±hh[:]mm|±hh]` to epoch milliseconds, or NaN when invalid.
 *
 * @example
 *   parseTimeMs('2024-05-10T09:00:00')        // same instant as '2024-05-10T01:00:00Z'
 *   parseTimeMs('2024-02-30')                 // NaN
 */
export const parseTimeMs = (s: string): number => {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y1 = two(s, 0);
  const y2 = two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1) return NaN;
  const y = y1 * 100 + y2;
  const maxDay = mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1];
  if (d > maxDay) return NaN;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let i = 10;
  if (i < len) {
    const c = s.charCodeAt(i);
    if (c !== 84 && c !== 32 && c !== 116) return NaN; // 'T', ' ', 't'
    h = two(s, i + 1);
    if (h < 0 || h > 23 || s.charCodeAt(i + 3) !== 58) return NaN;
    mi = two(s, i + 4);
    if (mi < 0 || mi > 59) return NaN;
    i += 6;
    if (i < len && s.charCodeAt(i) === 58) {
      sec = two(s, i + 1);
      if (sec < 0 || sec > 59) return NaN;
      i += 3;
      if (i < len && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        i++;
        let scale = 100;
        const start = i;
        while (i < len) {
          const dg = digit(s, i);
          if (dg < 0) break;
          ms += dg * scale;
          scale /= 10;
          i++;
        }
        if (i === start || i - start > 9) return NaN;
      }
    }
  }
  let offsetMin = SHANGHAI_OFFSET_MIN;
  if (i < len) {
    const c = s.charCodeAt(i);
    if (c === 90 || c === 122) {
      if (i + 1 !== len) return NaN;
      offsetMin = 0;
    } else if (c === 43 || c === 45) {
      const oh = two(s, i + 1);
      if (oh < 0 || oh > 18) return NaN;
      let om = 0;
      let j = i + 3;
      if (j < len) {
        if (s.charCodeAt(j) === 58) j++;
        om = two(s, j);
        if (om < 0 || om > 59) return NaN;
        j += 2;
      }
      if (j !== len) return NaN;
      offsetMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
    } else return NaN;
  } else if (len > 10 && i !== len) return NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + Math.floor(ms) - offsetMin * 60_000;
};

/** Milliseconds per day, for intervals in fractional days. */
export const MS_PER_DAY = DAY_MS;

/**
 * A time as people in the pit's city read it, to the minute (Beijing time).
 * @example beijingMinute(Date.parse('2026-11-26T12:00:00Z')) // '2026-11-26 20:00'
 */
export const beijingMinute = (ms: number): string => new Date(ms + SHANGHAI_OFFSET_MIN * 60_000).toISOString().slice(0, 16).replace('T', ' ');
