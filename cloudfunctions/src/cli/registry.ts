import type { CliIo } from './main';

/**
 * One `cityloop` subcommand: its words (`pit solve`), its usage lines as `--help` prints them, and its
 * handler, which gets the arguments after the words and returns the exit code.
 */
export type CliCommand = { name: string; usage: string; run: (args: string[], io: CliIo, usageError: (why?: string) => number) => Promise<number> };

/** The command whose words start `argv`, longest first (so `pit solve x` is `pit solve`, not `pit`). */
export function findCommand(commands: readonly CliCommand[], argv: readonly string[]): { command: CliCommand; args: string[] } | undefined {
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, args: argv.slice(words.length) };
  }
  return undefined;
}

/** Refuses a name registered twice (the second would never run). */
export function checkRegistry(commands: readonly CliCommand[]): readonly CliCommand[] {
  const seen = new Set<string>();
  for (const c of commands) {
    if (seen.has(c.name)) throw new Error(`cli command "${c.name}" is registered twice`);
    seen.add(c.name);
  }
  return commands;
}
