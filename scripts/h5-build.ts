import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../cloudfunctions/dev/paths';

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/** Builds the H5 app when it is missing or older than its sources (mini-program or shared). */
export function ensureH5Build(force = false): void {
  const index = path.join(repoRoot, 'miniprogram', 'dist', 'h5', 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newest(path.join(repoRoot, 'miniprogram', 'src')), newest(path.join(repoRoot, 'shared', 'src')));
  if (!force && !stale) return;
  console.log('Building the H5 app…');
  const r = spawnSync('npm', ['run', 'build:h5', '-w', 'miniprogram'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('H5 build failed');
}
