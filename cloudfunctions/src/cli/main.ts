import { readFile } from 'node:fs/promises';
import { runPitSolve, type CliOutput } from './pit-solve.command';
import { CODES_PRINT_USAGE, runCodesPrint } from './codes-print.command';
import { PLAQUES_PRINT_USAGE, runPlaquesPrint } from './plaques-print.command';
import { OPEN311_KEYS_USAGE, runOpen311Keys } from './open311-keys.command';

/** The process edges the CLI needs, injectable for tests. */
export type CliIo = {
  readFile: (path: string) => Promise<string>;
  readStdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

export const USAGE = `usage: cityloop <command>

commands:
  pit solve <request.json|->   solve one pit monitoring request (docs/domain/pit.md §6); '-' reads stdin
                               options: --pretty  indent the JSON result
${CODES_PRINT_USAGE}${PLAQUES_PRINT_USAGE}${OPEN311_KEYS_USAGE}
exit codes: 0 result printed, 2 invalid input or usage, 1 internal error
`;

const readAll = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

export const nodeIo: CliIo = {
  readFile: (path) => readFile(path, 'utf8'),
  readStdin: () => readAll(process.stdin),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

const usageError = (io: CliIo, why?: string): number => {
  io.stderr(`${why ? `cityloop: ${why}\n\n` : ''}${USAGE}`);
  return 2;
};

const pitSolve = async (args: string[], io: CliIo): Promise<number> => {
  const pretty = args.includes('--pretty');
  const rest = args.filter((a) => a !== '--pretty');
  if (rest.length !== 1) return usageError(io, rest.length ? 'pit solve takes one file (or -)' : 'pit solve needs a request file or - for stdin');
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
};

/**
 * Runs the `cityloop` command line; returns the exit code. Commands are matched as word paths
 * (`pit solve`); anything unknown prints the usage on stderr and exits 2.
 *
 * @example
 *   process.exitCode = await runCli(process.argv.slice(2));
 */
export const runCli = async (argv: string[], io: CliIo = nodeIo): Promise<number> => {
  const [group, command, ...args] = argv;
  if (group === undefined) return usageError(io);
  if (group === '--help' || group === '-h' || group === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  try {
    if (group === 'pit' && command === 'solve') return await pitSolve(args, io);
    if (group === 'codes' && command === 'print') return await runCodesPrint(args, io);
    if (group === 'plaques' && command === 'print') return await runPlaquesPrint(args, io);
    if (group === 'open311' && command === 'key') return await runOpen311Keys(args, io);
  } catch (e) {
    io.stdout(`${JSON.stringify({ error: { code: 'internal_error', message: (e as Error).message } })}\n`);
    io.stderr(`${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
  return usageError(io, `unknown command '${[group, command].filter(Boolean).join(' ')}'`);
};
