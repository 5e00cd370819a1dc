import { spawn, type ChildProcess } from 'node:child_process';

/** Every child a benchmark starts; killed when the bench process exits, whatever happens. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export type SpawnOptions = {
  /** Shown in error messages. */
  label: string;
  /** Arguments to `process.execPath` (node), e.g. a script path, or `['--import', 'tsx', file]`. */
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
};

export type Child = {
  proc: ChildProcess;
  label: string;
  /** Resolves with the JSON after `marker ` on the first stdout line that starts with it, and when it arrived. */
  waitFor: <T = unknown>(marker: string, timeoutMs: number) => Promise<{ value: T; atNs: bigint }>;
  /** Closes stdin (our children exit on that), then SIGTERM, then SIGKILL. */
  stop: (graceMs?: number) => Promise<void>;
  stderrTail: () => string;
};

/** Starts `node <args>` with piped stdio. Children started here report on stdout with `MARKER {json}` lines. */
export function spawnNode(opts: SpawnOptions): Child {
  const proc = spawn(process.execPath, opts.args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(proc);
  let exited = proc.exitCode !== null;
  const exitedP = new Promise<void>((resolve) => proc.once('exit', () => { exited = true; live.delete(proc); resolve(); }));
  proc.stdin!.on('error', () => {}); // EPIPE when the child is already gone

  let stderr = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => { stderr = (stderr + d).slice(-4000); });

  const lines: { text: string; atNs: bigint }[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (d: string) => {
    const atNs = process.hrtime.bigint();
    partial += d;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      lines.push({ text: partial.slice(0, nl), atNs });
      partial = partial.slice(nl + 1);
    }
    for (const w of waiters) w();
  });

  const child: Child = {
    proc,
    label: opts.label,
    stderrTail: () => stderr.trim(),
    waitFor: <T,>(marker: string, timeoutMs: number) =>
      new Promise<{ value: T; atNs: bigint }>((resolve, reject) => {
        const prefix = `${marker} `;
        const done = (fn: () => void) => { clearTimeout(timer); waiters.delete(check); proc.off('exit', onExit); fn(); };
        const check = () => {
          const hit = lines.find((l) => l.text.startsWith(prefix));
          if (!hit) return;
          try {
            const value = JSON.parse(hit.text.slice(prefix.length)) as T;
            done(() => resolve({ value, atNs: hit.atNs }));
          } catch (e) {
            done(() => reject(new Error(`${opts.label}: bad ${marker} line: ${(e as Error).message}`)));
          }
        };
        const onExit = () => setImmediate(() => { check(); done(() => reject(new Error(`${opts.label} exited (code ${proc.exitCode}) before ${marker}${stderr ? `; stderr: ${stderr.trim().slice(-1500)}` : ''}`))); });
        const timer = setTimeout(() => done(() => reject(new Error(`${opts.label}: no ${marker} within ${timeoutMs} ms${stderr ? `; stderr: ${stderr.trim().slice(-1500)}` : ''}`))), timeoutMs);
        waiters.add(check);
        proc.once('exit', onExit);
        check();
        if (exited) onExit();
      }),
    stop: async (graceMs = 10_000) => {
      if (exited) return;
      proc.stdin!.end();
      const term = setTimeout(() => proc.kill('SIGTERM'), graceMs);
      const kill = setTimeout(() => proc.kill('SIGKILL'), graceMs + 3000);
      await exitedP;
      clearTimeout(term);
      clearTimeout(kill);
    },
  };
  return child;
}
