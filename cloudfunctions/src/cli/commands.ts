import { runPitSolve, type CliOutput } from './pit-solve.command';
import { CODES_PRINT_USAGE, runCodesPrint } from './codes-print.command';
import { PLAQUES_PRINT_USAGE, runPlaquesPrint } from './plaques-print.command';
import { OPEN311_KEYS_USAGE, runOpen311Keys } from './open311-keys.command';
import { DB_INDEXES_USAGE, runDbIndexes } from './db-indexes.command';
import { checkRegistry, type CliCommand } from './registry';
import type { CliIo } from './main';

const PIT_SOLVE_USAGE = `  pit solve <request.json|->   solve one pit monitoring request; '-' reads stdin
                               options: --pretty  indent the JSON result
`;

async function pitSolve(args: string[], io: CliIo, usageError: (why?: string) => number): Promise<number> {
  const pretty = args.includes('--pretty');
  const rest = args.filter((a) => a !== '--pretty');
  if (rest.length !== 1) return usageError(rest.length ? 'pit solve takes one file (or -)' : 'pit solve needs a request file or - for stdin');
  const source = rest[0];
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await io.readFile(source);
  } catch (e) {
    io.stdout(`${JSON.stringify({ error: { code: 'read_error', message: `file: cannot read '${source}': ${(e as Error).message}` } })}\n`);
    return 2;
  }
  const out: CliOutput = runPitSolve(text, { pretty });
  io.stdout(out.stdout);
  return out.exitCode;
}

/** Every `cityloop` subcommand, in the order `--help` lists them. A new command is one more entry. */
export const COMMANDS: readonly CliCommand[] = checkRegistry([
  { name: 'pit solve', usage: PIT_SOLVE_USAGE, run: pitSolve },
  { name: 'codes print', usage: CODES_PRINT_USAGE, run: (args, io) => runCodesPrint(args, io) },
  { name: 'plaques print', usage: PLAQUES_PRINT_USAGE, run: (args, io) => runPlaquesPrint(args, io) },
  { name: 'open311 key', usage: OPEN311_KEYS_USAGE, run: (args, io) => runOpen311Keys(args, io) },
  { name: 'db indexes', usage: DB_INDEXES_USAGE, run: (args, io) => runDbIndexes(args, io) },
]);
