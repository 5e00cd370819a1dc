import { DomainError, invalid } from '../errors';

/**
 * Error codes the pit solver raises. Every one is a `DomainError` (status 400) whose English message
 * starts with the offending field, e.g. `stations[3].back_m: expected number, received string`.
 */
export type PitErrorCode =
  | 'invalid_request'
  | 'unknown_kind'
  | 'unknown_point'
  | 'route_broken'
  | 'time_order'
  | 'future_timestamp'
  | 'gsi_parse_error'
  | 'dini_parse_error'
  | 'inclinometer_csv_error'
  | 'single_face'
  | 'vw_csv_error'
  | 'water_csv_error'
  | 'tps_csv_error'
  | 'tilt_csv_error'
  | 'crack_csv_error';

/** One problem found at one line of a raw instrument file. */
export type LineIssue = { line: number; word?: number; message: string };

const MAX_LISTED_ISSUES = 20;

/**
 * Builds the typed error for a field; `data.field` carries the path for programmatic use.
 *
 * @example
 *   throw fieldError('stations[3].back_m', 'expected number, received string');
 */
export const fieldError = (field: string, message: string, code: PitErrorCode = 'invalid_request', data?: Record<string, unknown>): DomainError =>
  invalid(`${field}: ${message}`, code, { field, ...data });

/**
 * One error for all problems found in a raw file, listing them line by line.
 *
 * @example
 *   throw lineIssuesError('raw.text', 'gsi_parse_error', [{ line: 7, word: 3, message: "line 7: word 3 '33..xx+00000001': garbled" }]);
 */
export const lineIssuesError = (field: string | undefined, code: PitErrorCode, issues: LineIssue[]): DomainError => {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => i.message);
  if (issues.length > MAX_LISTED_ISSUES) listed.push(`(and ${issues.length - MAX_LISTED_ISSUES} more)`);
  const text = listed.join('; ');
  return invalid(field ? `${field}: ${text}` : text, code, { field, issues });
};

/**
 * Formats a path like `['stations', 3, 'back_m']` as `stations[3].back_m`.
 *
 * @example
 *   formatPath(['epochs', 0, 'time']) // 'epochs[0].time'
 */
export const formatPath = (path: readonly PropertyKey[]): string => {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || 'request';
};
