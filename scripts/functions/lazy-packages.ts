/**
 * Packages a function loads only when a rare path needs them (an SMS to send, a blob to store, a PDF to print, a
 * spreadsheet to read). They are left out of the function's bundle (esbuild `external`), so a cold start never
 * parses them, and shipped beside it in `<folder>/node_modules/`, where the bundle's `import()` finds them when
 * first needed. Our code imports them only with `await import(…)` (or from a module it imports that way); the
 * deploy test `cloudfunctions/test/deploy/bundle-size.test.ts` checks that loading a bundle loads none of them.
 *
 * How each is shipped:
 *   bundle  one pre-bundled, minified CommonJS file at the path the import names (a few hundred KB instead of a
 *           node_modules tree of megabytes);
 *   files   the listed files of the package, as they are (already a single file);
 *   tree    the package and its dependencies, copied whole: pdfkit reads its font metrics and other data files
 *           next to its code at run time.
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../../cloudfunctions/dev/paths';

export type LazyShipping = { ship: 'bundle' } | { ship: 'files'; files: string[] } | { ship: 'tree' };

export const LAZY_PACKAGES: Record<string, LazyShipping & { why: string }> = {
  'cos-nodejs-sdk-v5': { ship: 'bundle', why: 'COS SDK with its HTTP stack (request, tough-cookie, psl, sshpk, mime-db …): on the first blob operation in production' },
  'tencentcloud-sdk-nodejs/tencentcloud/services/sms/v20210111/sms_client.js': { ship: 'bundle', why: 'Tencent Cloud SMS client with node-fetch and iconv-lite: on the first SMS' },
  qrcode: { ship: 'bundle', why: 'QR matrices: only when a plaque PDF is printed' },
  pdfkit: { ship: 'tree', why: 'PDF writer with fontkit: only when a plaque or a daily report is printed' },
  '@e965/xlsx': { ship: 'files', files: ['package.json', 'xlsx.js', 'LICENSE'], why: 'SheetJS: only when a point spreadsheet is imported' },
};

const repoRequire = createRequire(path.join(repoRoot, 'cloudfunctions', 'package.json'));
const nodeModules = path.join(repoRoot, 'node_modules');

/** `@scope/name/sub/path.js` → `@scope/name`. */
export const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Copies a package and everything it depends on (from the hoisted root node_modules). */
function copyPackageTree(name: string, into: string, seen = new Set<string>()) {
  if (seen.has(name)) return;
  seen.add(name);
  const from = path.join(nodeModules, name);
  if (!existsSync(from)) throw new Error(`cannot ship ${name}: not installed`);
  cpSync(from, path.join(into, name), { recursive: true, dereference: true });
  const pkg = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dep of Object.keys(pkg.dependencies ?? {})) copyPackageTree(dep, into, seen);
}

/** The import `spec` as one CommonJS file where Node resolves it from the bundle's folder. */
async function shipBundled(spec: string, into: string) {
  const name = packageOf(spec);
  const sub = spec.slice(name.length + 1);
  const pkg = JSON.parse(readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')) as { version: string; license?: string };
  const outfile = path.join(into, name, sub || 'index.js');
  await build({
    entryPoints: [repoRequire.resolve(spec)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    legalComments: 'eof',
    logLevel: 'error',
  });
  // No `exports` map: Node then resolves the sub-path import to the file itself.
  writeFileSync(path.join(into, name, 'package.json'), JSON.stringify({ name, version: pkg.version, license: pkg.license, ...(sub ? {} : { main: 'index.js' }), note: 'pre-bundled for CityLoop by scripts/functions/lazy-packages.ts' }, null, 2) + '\n');
}

/** Ships the lazily loaded packages `specs` into `<folder>/node_modules`; returns the bytes written per spec. */
export async function shipLazyPackages(specs: string[], folder: string): Promise<void> {
  const into = path.join(folder, 'node_modules');
  for (const spec of specs) {
    const how = LAZY_PACKAGES[spec];
    if (!how) throw new Error(`${spec} is not a lazily loaded package`);
    mkdirSync(into, { recursive: true });
    if (how.ship === 'tree') copyPackageTree(packageOf(spec), into);
    else if (how.ship === 'bundle') await shipBundled(spec, into);
    else {
      mkdirSync(path.join(into, spec), { recursive: true });
      for (const f of how.files) cpSync(path.join(nodeModules, spec, f), path.join(into, spec, f));
    }
  }
}
