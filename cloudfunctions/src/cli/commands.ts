import { runPitSolve } from './pit-solve.command';
import type { CliOutput } from './json-command';
import { RULES_CHECK_USAGE, runRulesCheck } from './rules-check.command';
import { CODES_PRINT_USAGE, runCodesPrint } from './codes-print.command';
import { PLAQUES_PRINT_USAGE, runPlaquesPrint } from './plaques-print.command';
import { OPEN311_KEYS_USAGE, runOpen311Keys } from './open311-keys.command';
import { CALENDAR_IMPORT_USAGE, CLASSES_IMPORT_USAGE, runCityConfigImport } from './city-config.command';
import { DB_INDEXES_USAGE, runDbIndexes } from './db-indexes.command';
import { EXPERTS_REPLAY_USAGE, runExpertsReplay } from './experts-replay.command';
import { CONCRETE_TRACES_USAGE, runConcreteTraces } from './concrete-traces.command';
import { checkRegistry, type CliCommand } from './registry';
import type { CliIo } from './main';

const PIT_SOLVE_USAGE = `  pit solve <request.json|->   solve one pit monitoring request; '-' reads stdin
                               options: --pretty  indent the JSON result
`;

/**
 * A command that reads one JSON request from a file or stdin (`-`) and prints one JSON answer: read errors
 * are exit 2 with `{"error": {code: "read_error"}}` on stdout, like the request errors.
 */
const jsonRequestCommand =
  (name: string, run: (text: string, options: { pretty: boolean }) => CliOutput) =>
  async (args: string[], io: CliIo, usageError: (why?: string) => number): Promise<number> => {
    const pretty = args.includes('--pretty');
    const rest = args.filter((a) => a !== '--pretty');
    if (rest.length !== 1) return usageError(rest.length ? `${name} takes one file (or -)` : `${name} needs a request file or - for stdin`);
    const source = rest[0];
    let text: string;
    try {
      text = source === '-' ? await io.readStdin() : await io.readFile(source);
    } catch (e) {
      io.stdout(`${JSON.stringify({ error: { code: 'read_error', message: `file: cannot read '${source}': ${(e as Error).message}` } })}\n`);
      return 2;
    }
    const out = run(text, { pretty });
    io.stdout(out.stdout);
    return out.exitCode;
  };

/** Every `cityloop` subcommand, in the order `--help` lists them. A new command is one more entry. */
export const COMMANDS: readonly CliCommand[] = checkRegistry([
  { name: 'pit solve', usage: PIT_SOLVE_USAGE, run: jsonRequestCommand('pit solve', runPitSolve) },
  { name: 'rules check', usage: RULES_CHECK_USAGE, run: jsonRequestCommand('rules check', runRulesCheck) },
  { name: 'codes print', usage: CODES_PRINT_USAGE, run: (args, io) => runCodesPrint(args, io) },
  { name: 'plaques print', usage: PLAQUES_PRINT_USAGE, run: (args, io) => runPlaquesPrint(args, io) },
  { name: 'open311 key', usage: OPEN311_KEYS_USAGE, run: (args, io) => runOpen311Keys(args, io) },
  { name: 'calendar import', usage: CALENDAR_IMPORT_USAGE, run: (args, io) => runCityConfigImport('calendar', ['import', ...args], io) },
  { name: 'classes import', usage: CLASSES_IMPORT_USAGE, run: (args, io) => runCityConfigImport('classes', ['import', ...args], io) },
  { name: 'db indexes', usage: DB_INDEXES_USAGE, run: (args, io) => runDbIndexes(args, io) },
  { name: 'experts replay', usage: EXPERTS_REPLAY_USAGE, run: (args, io) => runExpertsReplay(args, io) },
  { name: 'concrete traces', usage: CONCRETE_TRACES_USAGE, run: (args, io) => runConcreteTraces(args, io) },
]);
