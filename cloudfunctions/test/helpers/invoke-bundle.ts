import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { scfContext } from '../fixtures/scf-events';

const run = promisify(execFile);

/** A copy of a built bundle's folder outside the repository: what serverless.yml uploads, nothing else. */
export function copyBundleFolder(built: string): string {
  const alone = mkdtempSync(path.join(tmpdir(), 'cl-fn-'));
  cpSync(path.dirname(built), alone, { recursive: true });
  return path.join(alone, path.basename(built));
}

/**
 * Runs `main_handler` of a bundle (already copied out, see copyBundleFolder) in a fresh Node process, as SCF would,
 * with exactly `env` — asynchronously, so stand-ins served by the test process can answer it.
 */
export async function invokeBundle(bundle: string, event: unknown, env: Record<string, string>): Promise<Record<string, any>> {
  const script = `require(${JSON.stringify(bundle)}).main_handler(${JSON.stringify(event)}, ${JSON.stringify(scfContext)}).then(r => process.stdout.write(JSON.stringify(r)), e => process.stdout.write(JSON.stringify({ thrown: e.message }))).finally(() => process.exit(0))`;
  const r = await run(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', ...env } });
  return JSON.parse(r.stdout);
}

/** The node_modules files a fresh process has loaded after `require(bundle)`: what a cold start parses beyond the bundle. */
export async function filesLoadedByRequire(bundle: string): Promise<string[]> {
  const script = `require(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('node_modules'))))`;
  const r = await run(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '' }, cwd: path.dirname(bundle) });
  return JSON.parse(r.stdout);
}
