import { runJsonCommand, type CliOutput } from './json-command';
import { solve } from '@cityloop/shared/pit/solve';

/**
 * `cityloop pit solve`: one JSON request in, one JSON result out (docs/domain/pit.md §6). Exit 0 with the
 * result (a rejected leveling epoch is a result too); exit 2 with `{"error": {code, message}}`
 * on stdout when the JSON or the request is invalid. Unexpected failures are thrown to the caller.
 *
 * @example
 *   runPitSolve('{"kind":"displacement","initial":{"E":0,"N":0},"current":{"E":0.003,"N":0},"normal_azimuth_deg":90}')
 *   // { exitCode: 0, stdout: '{"kind":"displacement","toward_pit_mm":3,...}\n' }
 */
export const runPitSolve = (text: string, options: { pretty?: boolean } = {}): CliOutput => runJsonCommand(text, solve, options);
