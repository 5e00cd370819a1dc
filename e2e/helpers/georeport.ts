import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, repoRoot } from '../../cloudfunctions/dev/paths';

const VERSION = '0.3.1';

/**
 * The PyPI GeoReport v2 client (`georeport`), installed once into the cache with pip (explicitly, not by an npm
 * install script): the off-the-shelf client our Open311 endpoint is checked against.
 */
export function ensureGeoReportClient(): string {
  const dir = path.join(cacheDir(), 'python', `georeport-${VERSION}`);
  if (!existsSync(path.join(dir, 'georeport', '__init__.py'))) {
    const r = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location', '--target', dir, `georeport==${VERSION}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pip install georeport==${VERSION} failed (${r.status}): ${r.stderr}`);
  }
  return dir;
}

/**
 * Runs e2e/fixtures/georeport_client.py with the client on its path; returns what it printed. Asynchronous: the
 * system under test answers from this same process.
 */
export async function runGeoReportClient(args: string[]): Promise<any> {
  const dir = ensureGeoReportClient();
  try {
    const { stdout } = await promisify(execFile)('python3', [path.join(repoRoot, 'e2e', 'fixtures', 'georeport_client.py'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: dir, PYTHONDONTWRITEBYTECODE: '1' },
      timeout: 60_000,
    });
    return JSON.parse(stdout);
  } catch (e) {
    const x = e as { code?: number; stderr?: string; stdout?: string };
    throw new Error(`georeport client ${args[0]} failed (${x.code}): ${x.stderr}\n${x.stdout}`);
  }
}
