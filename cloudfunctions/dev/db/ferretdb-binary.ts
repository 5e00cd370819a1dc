import { spawnSync } from 'node:child_process';
import { cpSync, chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheDir } from '../paths';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

export function ferretBinaryPath(): string {
  return path.join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

function log(msg: string) {
  process.stderr.write(`[ferretdb] ${msg}\n`);
}

function goAvailable(): boolean {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Builds FerretDB once into the git-ignored cache and returns the binary path.
 *
 * Why not a plain `go install …@v1.24.2`: that build panics at start-up ("Invalid build/version/version.txt"),
 * because FerretDB embeds its version from a file its own release tooling generates. So we download the exact
 * module with `go mod download`, copy it, write `build/version/version.txt` and `go build` it. Same source,
 * same version, same result as their release build.
 */
export function ensureFerretBinary(): string {
  const bin = ferretBinaryPath();
  if (existsSync(bin)) return bin;
  if (!goAvailable()) {
    throw new Error(
      'Go is required to build the local database (FerretDB ' + FERRETDB_VERSION + ') but `go` was not found on PATH.\n' +
        'Install Go 1.22 or newer: `apt-get install -y golang-go` (Debian/Ubuntu) or unpack go1.xx.linux-amd64.tar.gz into /usr/local/go,\n' +
        'or point MONGODB_URI at an existing MongoDB-compatible server.',
    );
  }
  log(`building FerretDB ${FERRETDB_VERSION} (first run only; this takes a few minutes)…`);
  log('step 1/3: go mod download');
  const dl = spawnSync('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
  if (dl.status !== 0) throw new Error(`go mod download failed:\n${dl.stderr}\n${dl.stdout}`);
  const info = JSON.parse(dl.stdout) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download returned no source dir: ${info.Error ?? dl.stdout}`);

  const work = mkdtempSync(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    log('step 2/3: preparing sources');
    cpSync(info.Dir, work, { recursive: true });
    makeWritable(work);
    writeFileSync(path.join(work, 'build', 'version', 'version.txt'), FERRETDB_VERSION + '\n');
    mkdirSync(path.dirname(bin), { recursive: true });
    const attempts: string[][] = [[], ['-ldflags=-checklinkname=0']];
    let lastErr = '';
    for (const extra of attempts) {
      log(`step 3/3: go build ${extra.join(' ')} (compiling ~300 packages)…`);
      const b = spawnSync('go', ['build', ...extra, '-o', bin, './cmd/ferretdb'], { cwd: work, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
      if (b.status === 0 && existsSync(bin)) {
        log(`built ${bin}`);
        return bin;
      }
      lastErr = b.stderr;
      log(`build failed${extra.length ? '' : ', retrying with -ldflags=-checklinkname=0'}`);
    }
    throw new Error(`Building FerretDB failed. Exact error:\n${lastErr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function makeWritable(dir: string) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = statSync(p);
    chmodSync(p, st.mode | 0o200);
    if (st.isDirectory()) makeWritable(p);
  }
  chmodSync(dir, statSync(dir).mode | 0o200);
}
