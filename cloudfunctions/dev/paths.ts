import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above cloudfunctions/dev). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Git-ignored cache for built tools (FerretDB) — override with CITYLOOP_CACHE. */
export const cacheDir = () => process.env.CITYLOOP_CACHE ?? path.join(repoRoot, '.cache');

/** Git-ignored local data (database files, blobs) — override with CITYLOOP_DATA. */
export const dataDir = () => process.env.CITYLOOP_DATA ?? path.join(repoRoot, '.data');
