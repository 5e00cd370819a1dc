import { isDomainError } from '@cityloop/shared/errors';

/** What a CLI command prints and how it exits. */
export type CliOutput = { exitCode: number; stdout: string; stderr?: string };

const errorOutput = (code: string, message: string): CliOutput => ({ exitCode: 2, stdout: `${JSON.stringify({ error: { code, message } })}\n` });

/**
 * One JSON request in, one JSON answer out (`pit solve`, `rules check`): exit 0 with `compute`'s result; exit 2 with
 * `{"error": {code, message}}` and nothing else on stdout when the JSON or the request is invalid (a `DomainError`).
 * Unexpected failures are thrown to the caller. A leading BOM is ignored.
 */
export const runJsonCommand = (text: string, compute: (request: unknown) => unknown, options: { pretty?: boolean } = {}): CliOutput => {
  let request: unknown;
  try {
    request = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return errorOutput('invalid_json', `request: invalid JSON: ${(e as Error).message}`);
  }
  try {
    return { exitCode: 0, stdout: `${JSON.stringify(compute(request), null, options.pretty ? 2 : undefined)}\n` };
  } catch (e) {
    if (isDomainError(e)) return errorOutput(e.code, e.message);
    throw e;
  }
};
