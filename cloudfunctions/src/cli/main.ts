import { readFile } from 'node:fs/promises';
import { COMMANDS } from './commands';
import { findCommand, type CliCommand } from './registry';

/** The process edges the CLI needs, injectable for tests. */
export type CliIo = {
  readFile: (path: string) => Promise<string>;
  readStdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

/** `--help`: every registered command's usage. */
export const usageOf = (commands: readonly CliCommand[]) => `usage: cityloop <command>

commands:
${commands.map((c) => c.usage).join('')}
exit codes: 0 result printed, 2 invalid input or usage, 1 internal error
`;
export const USAGE = usageOf(COMMANDS);

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

/**
 * Runs the `cityloop` command line; returns the exit code. Commands are found in the registry by their
 * words (`pit solve`); anything unknown prints the usage on stderr and exits 2.
 *
 * @example
 *   process.exitCode = await runCli(process.argv.slice(2));
 */
export const runCli = async (argv: string[], io: CliIo = nodeIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> => {
  const usage = usageOf(commands);
  const usageError = (why?: string): number => {
    io.stderr(`${why ? `cityloop: ${why}\n\n` : ''}${usage}`);
    return 2;
  };
  const [group, command] = argv;
  if (group === undefined) return usageError();
  if (group === '--help' || group === '-h' || group === 'help') {
    io.stdout(usage);
    return 0;
  }
  const found = findCommand(commands, argv);
  if (!found) return usageError(`unknown command '${[group, command].filter(Boolean).join(' ')}'`);
  try {
    return await found.command.run(found.args, io, usageError);
  } catch (e) {
    io.stdout(`${JSON.stringify({ error: { code: 'internal_error', message: (e as Error).message } })}\n`);
    io.stderr(`${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
};
