import { isDomainError } from '@cityloop/shared/errors';
import { solve } from '@cityloop/shared/pit/solve';

/** What a CLI command prints and how it exits. */
export type CliOutput = { exitCode: number; stdout: string; stderr?: string };

const errorOutput = (code: string, message: string): CliOutput => ({ exitCode: 2, stdout: `${JSON.stringify({ error: { code, message } })}\n` });

/**
 * `cityloop pit solve`: one JSON request in, one JSON result out (docs/domain/pit.md §6). Exit 0 with the
 * result (a rejected leveling epoch is a result too); exit 2 with `{"error": {code, message}}`
 * on stdout when the JSON or the request is invalid. Unexpected failures are thrown to the caller.
 *
 * @example
 *   runPitSolve('{"kind":"displacement","initial":{"E":0,"N":0},"current":{"E":0.003,"N":0},"normal_azimuth_deg":90}')
 *   // { exitCode: 0, stdout: '{"kind":"displacement","toward_pit_mm":3,...}\n' }
 */
export const runPitSolve = (text: string, options: { pretty?: boolean } = {}): CliOutput => {
  let request: unknown;
  try {
    request = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return errorOutput('invalid_json', `request: invalid JSON: ${(e as Error).message}`);
  }
  try {
    const result = solve(request);
    return { exitCode: 0, stdout: `${JSON.stringify(result, null, options.pretty ? 2 : undefined)}\n` };
  } catch (e) {
    if (isDomainError(e)) return errorOutput(e.code, e.message);
    throw e;
  }
};
