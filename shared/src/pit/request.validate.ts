import type * as z from 'zod';
import { fieldError, formatPath } from './pit.errors';
import { parseTimeMs } from './time.parse';

/** Name of a JSON value's type as used in messages ("string", "null", "array", ...). */
export const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const issueMessage = (issue: z.core.$ZodIssue): string => {
  const msg = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && msg.endsWith('received undefined')) return `required (expected ${issue.expected})`;
  return msg;
};

/**
 * Validates with a zod schema; on failure throws `invalid_request` naming the first bad field
 * (and listing up to five).
 *
 * @example
 *   const req = parseWith(seriesEnvelope, input); // throws "unit: Invalid option: expected one of "m"|"mm""
 */
export const parseWith = <T extends z.ZodType>(schema: T, input: unknown, prefix: readonly PropertyKey[] = []): z.output<T> => {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5);
  const first = formatPath([...prefix, ...issues[0].path]);
  const rest = issues.slice(1).map((i) => `; ${formatPath([...prefix, ...i.path])}: ${issueMessage(i)}`).join('');
  throw fieldError(first, issueMessage(issues[0]) + rest);
};

/**
 * A solver's entry point: validates the raw request with `schema`, then solves the typed request.
 *
 * @example
 *   export const solveTilt = solverOf(tiltRequestSchema, (req): TiltResult => ({ ... }));
 */
export const solverOf =
  <T extends z.ZodType, R>(schema: T, solve: (req: z.output<T>) => R) =>
  (input: unknown): R =>
    solve(parseWith(schema, input));

/**
 * Checks that `value` is an array of finite numbers without allocating; returns it typed.
 *
 * @example
 *   const depths = numberArray(req.depths_m, 'depths_m', 1);
 */
export const numberArray = (value: unknown, field: string, minLength = 0, length?: number): number[] => {
  if (!Array.isArray(value)) throw fieldError(field, `expected array, received ${typeName(value)}`);
  const n = value.length;
  if (length !== undefined && n !== length) throw fieldError(field, `expected ${length} values, got ${n}`);
  if (n < minLength) throw fieldError(field, minLength === 1 ? 'expected at least one value' : `expected at least ${minLength} values, got ${n}`);
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (typeof v !== 'number' || v - v !== 0) throw fieldError(`${field}[${i}]`, `expected number, received ${typeof v === 'number' ? String(v) : typeName(v)}`);
  }
  return value as number[];
};

/**
 * Checks that `value` is an array (elements are checked by the caller's own fast loop).
 *
 * @example
 *   const epochs = arrayOf(req.epochs, 'epochs', 1);
 */
export const arrayOf = (value: unknown, field: string, minLength = 0): unknown[] => {
  if (!Array.isArray(value)) throw fieldError(field, `expected array, received ${typeName(value)}`);
  if (value.length < minLength) throw fieldError(field, minLength === 1 ? 'expected at least one element' : `expected at least ${minLength} elements`);
  return value;
};

/**
 * Parses an ISO 8601 time field (no offset = Asia/Shanghai) to epoch ms or throws naming the field.
 *
 * @example
 *   timeField('2024-05-10T09:00', 'current.time') // 1715302800000
 */
export const timeField = (value: unknown, field: string): number => {
  if (typeof value !== 'string') throw fieldError(field, value === undefined ? 'required (expected ISO 8601 time)' : `expected ISO 8601 time string, received ${typeName(value)}`);
  const t = parseTimeMs(value);
  if (t !== t) throw fieldError(field, `not a valid ISO 8601 time: '${value}'`);
  return t;
};

/**
 * Throws `future_timestamp` when `t` is after `nowMs` (the caller's clock, if it passed one).
 *
 * @example
 *   notFuture(t, nowMs, 'epochs[3].time', '2030-01-01T00:00:00+08:00');
 */
export const notFuture = (t: number, nowMs: number, field: string, raw: string): void => {
  if (t > nowMs) throw fieldError(field, `'${raw}' is in the future (after now)`, 'future_timestamp');
};
