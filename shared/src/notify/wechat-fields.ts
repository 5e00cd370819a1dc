/**
 * WeChat subscription-message `data` rules (docs/domain/platform.md §2). The key prefix names the value
 * type: `thing1` is a thing, `character_string3` a character_string, `phrase16` a phrase. WeChat
 * answers 47003 (`argument invalid! data.thing1.value invalid`) for a value that breaks its type's limit,
 * so we check (and, where it is safe, fit) values before sending. Pure: no I/O, no clock.
 */

export type TemplateData = Record<string, { value: string }>;
export type FieldCheck = { ok: true } | { ok: false; field: string; reason: string };

const HAN = /\p{Script=Han}/u;
const ONLY_HAN = /^\p{Script=Han}+$/u;
const SYMBOL = /^[\p{P}\p{S}]+$/u;

const DATE = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/]\d{1,2}[-/]\d{1,2})`;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
const range = (point: string) => new RegExp(`^${point}(?:\\s*~\\s*${point})?$`, 'u');
const TIME_RE = range(`(?:${DATE}\\s*)?${CLOCK}`);
const DATE_RE = range(`${DATE}(?:\\s*${CLOCK})?`);

/** Counts characters the way WeChat's limits do: one per code point (not per UTF-16 unit). */
export const charCount = (s: string): number => Array.from(s).length;

type Rule = { limit: string; check: (v: string) => boolean };

/**
 * The key-prefix limits table. `enum` values can only be checked against the template's own list,
 * which the API does not expose, so any non-empty value passes here.
 */
export const FIELD_RULES: Record<string, Rule> = {
  thing: { limit: '≤20 characters', check: (v) => charCount(v) <= 20 },
  // Not in the published limits table (docs/domain/platform.md §2): newer public-library templates use it (≤5 characters of any kind).
  short_thing: { limit: '≤5 characters', check: (v) => charCount(v) <= 5 },
  number: { limit: '≤32 digits, decimals allowed', check: (v) => v.length <= 32 && /^\d+(?:\.\d+)?$/.test(v) },
  letter: { limit: '≤32 letters', check: (v) => /^[A-Za-z]{1,32}$/.test(v) },
  symbol: { limit: '≤5 symbols', check: (v) => charCount(v) <= 5 && SYMBOL.test(v) },
  character_string: {
    limit: '≤32 digits, letters or symbols, no Chinese',
    check: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  },
  time: { limit: '15:01 or 2019年10月1日 15:01, ranges joined with ~', check: (v) => TIME_RE.test(v) },
  date: { limit: '2019年10月1日 (time optional), ranges joined with ~', check: (v) => DATE_RE.test(v) },
  amount: { limit: 'currency symbol + ≤10 digits, may end with 元', check: (v) => /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/u.test(v) },
  phone_number: { limit: '≤17 digits or symbols', check: (v) => charCount(v) <= 17 && /^[\d\p{P}\p{S}]+$/u.test(v) },
  car_number: { limit: '≤8 characters, first and last may be Chinese', check: isCarNumber },
  name: {
    limit: '≤10 Chinese characters or ≤20 letters',
    check: (v) => (/^[\p{Script=Han}·]+$/u.test(v) ? charCount(v) <= 10 : /^[A-Za-z][A-Za-z .'-]{0,19}$/.test(v)),
  },
  phrase: { limit: '≤5 pure Chinese characters', check: (v) => charCount(v) <= 5 && ONLY_HAN.test(v) },
  enum: { limit: 'a value listed in the template', check: () => true },
};

function isCarNumber(v: string): boolean {
  const cs = Array.from(v);
  if (cs.length < 2 || cs.length > 8) return false;
  return cs.every((c, i) => /^[A-Z0-9]$/.test(c) || (HAN.test(c) && (i === 0 || i === cs.length - 1)));
}

/** `thing12` → `thing`, `character_string3` → `character_string`; undefined for a malformed key. */
export function fieldType(key: string): string | undefined {
  return /^([a-z]+(?:_[a-z]+)*)(\d+)$/.exec(key)?.[1];
}

/**
 * Checks every field of a subscription-message `data` object against its type's limit.
 * @example validateTemplateData({ thing1: { value: '工地扬尘' }, time2: { value: '15:01' } }) // { ok: true }
 * @example validateTemplateData({ phrase3: { value: '已处理完毕了' } }) // { ok: false, field: 'phrase3', reason: … }
 */
export function validateTemplateData(data: unknown): FieldCheck {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, field: 'data', reason: 'data must be an object of {key: {value}}' };
  }
  for (const [key, field] of Object.entries(data)) {
    const type = fieldType(key);
    const rule = type ? FIELD_RULES[type] : undefined;
    if (!rule) return { ok: false, field: key, reason: `unknown field type in key "${key}"` };
    const value = (field as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return { ok: false, field: key, reason: 'value must be a string' };
    if (value.trim() === '') return { ok: false, field: key, reason: 'value is empty' };
    if (!rule.check(value)) return { ok: false, field: key, reason: `${type} must be ${rule.limit}` };
  }
  return { ok: true };
}

/**
 * At most `max` characters (code points), the cut marked with `ellipsis` inside the limit.
 * @example clip('请于明日上午十点前完成整改', 8, '…') // '请于明日上午十…'
 */
export const clip = (s: string, max: number, ellipsis = ''): string =>
  charCount(s) <= max ? s : Array.from(s).slice(0, max - charCount(ellipsis)).join('') + ellipsis;
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();

// Only changes that keep the meaning: shortening free text, dropping separators and stray characters.
// Numbers, amounts, dates and times are never cut, so a value that cannot be fitted stays invalid.
const FITTERS: Record<string, (v: string) => string> = {
  thing: (v) => clip(v, 20, '…'),
  short_thing: (v) => clip(v, 5, '…'),
  number: (v) => v.replace(/[,\s]/g, ''),
  letter: (v) => clip(v.replace(/[^A-Za-z]/g, ''), 32),
  symbol: (v) => clip(v.replace(/\s/g, ''), 5),
  character_string: (v) => clip(v.replace(/[^\x21-\x7e]/g, ''), 32),
  time: (v) => v.replace(/[～〜]/g, '~').replace(/：/g, ':'),
  date: (v) => v.replace(/[～〜]/g, '~').replace(/：/g, ':'),
  amount: (v) => v.replace(/[,，\s]/g, ''),
  phone_number: (v) => v.replace(/\s/g, ''),
  car_number: (v) => v.replace(/[\s·•.-]/g, '').toUpperCase(),
  name: (v) => (/^[\p{Script=Han}·]+$/u.test(v) ? clip(v, 10) : clip(v, 20)),
  phrase: (v) => {
    const han = Array.from(v).filter((c) => HAN.test(c)).join('');
    return han ? clip(han, 5) : v;
  },
};

type LooseValue = string | number | { value: string | number };

/**
 * Makes values fit their type where that is safe (free text truncated with '…', separators removed,
 * Chinese stripped from character_string, …). It never invents meaning: run `validateTemplateData`
 * afterwards, and fall back to another channel if a field still does not fit.
 * @example fitTemplateData({ thing1: '关于某某街道某某工地夜间施工噪声扰民的投诉' }).thing1.value // '关于某某街道某某工地夜间施工噪声扰民的…'
 */
export function fitTemplateData(data: Record<string, LooseValue>): TemplateData {
  const out: TemplateData = {};
  for (const [key, raw] of Object.entries(data)) {
    const value = oneLine(String(typeof raw === 'object' && raw !== null ? raw.value : raw));
    const fit = FITTERS[fieldType(key) ?? ''];
    out[key] = { value: fit ? fit(value) : value };
  }
  return out;
}
