import type { z } from 'zod';
import { DomainError, invalid } from '../errors';

/**
 * Error codes of `rules check` (docs/domain/concrete.md §4, the common part): every one is a
 * `DomainError` (status 400) whose English message starts with the offending field.
 */
export type RulesErrorCode = 'invalid_json' | 'invalid_request' | 'unknown_kind' | 'unknown_category';

/**
 * The error for one field.
 *
 * @example
 *   throw rulesError('grade', "expected C<number> such as 'C30', received 'c30'");
 */
export const rulesError = (field: string, message: string, code: RulesErrorCode = 'invalid_request'): DomainError =>
  invalid(`${field}: ${message}`, code, { field });

/** `['items', 3, 'depthM']` → `items[3].depthM`. */
export const formatPath = (path: readonly PropertyKey[]): string => {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out || 'request';
};

/** The value at a zod issue's path in the raw input (undefined when absent). */
const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);

const issueMessage = (issue: z.core.$ZodIssue, input: unknown): string => {
  const msg = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && msg.endsWith('received undefined')) return `required (expected ${issue.expected})`;
  if (issue.code === 'invalid_value' && valueAt(input, issue.path) === undefined) return `required (${msg.replace(/^Invalid option: /, '')})`;
  return msg;
};

/**
 * Validates with a zod schema (unknown extra fields are stripped, i.e. ignored); on failure throws
 * `invalid_request` naming the first bad field and listing up to five.
 *
 * @example
 *   const req = parseRules(schema, input, ['items', 2]); // throws "items[2].depthM: expected number, received string"
 */
export const parseRules = <T extends z.ZodType>(schema: T, input: unknown, prefix: readonly PropertyKey[] = []): z.output<T> => {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5);
  const rest = issues.slice(1).map((i) => `; ${formatPath([...prefix, ...i.path])}: ${issueMessage(i, input)}`).join('');
  throw rulesError(formatPath([...prefix, ...issues[0].path]), issueMessage(issues[0], input) + rest);
};
