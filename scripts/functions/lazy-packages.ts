/**
 * Packages a function loads only when a rare path needs them (an SMS to send, a blob to store, a PDF to print, a
 * spreadsheet to read). They are left out of the function's bundle (esbuild `external`), so a cold start never
 * parses them, and shipped beside it in `<folder>/node_modules/`, where the bundle's `import()` finds them when
 * first needed. Our code imports them only with `await import(…)` (or from a module it imports that way); the
 * deploy test `cloudfunctions/test/deploy/bundle-size.test.ts` checks that loading a bundle loads none of them.
 *
 * Each is shipped as one pre-bundled, minified CommonJS file where Node resolves the import (a few hundred KB to
 * 1 MB instead of a node_modules tree of megabytes), plus the package's data files it reads at run time (`copy`;
 * pdfkit finds its font metrics through its own package.json `imports`, so those are kept). The written package.json
 * has no `exports` map, so `import()` and `require` both reach that one CommonJS file (an `import()` gets its exports
 * object as `default`: the loaders in our code accept both shapes, since from source they get the package's ESM).
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../../cloudfunctions/dev/paths';

export type LazyShipping = { copy?: string[]; keepImports?: boolean };

export const LAZY_PACKAGES: Record<string, LazyShipping & { why: string }> = {
  'cos-nodejs-sdk-v5': { why: 'COS SDK with its HTTP stack (request, tough-cookie, psl, sshpk, mime-db …): on the first blob operation in production' },
  'tencentcloud-sdk-nodejs/tencentcloud/services/sms/v20210111/sms_client.js': { why: 'Tencent Cloud SMS client with node-fetch and iconv-lite: on the first SMS' },
  'tencentcloud-sdk-nodejs/tencentcloud/services/iai/v20200303/iai_client.js': { why: 'Tencent Cloud IAI client (CompareFace, DetectLiveFaceAccurate): on the first photo check-in' },
  qrcode: { why: 'QR matrices: only when a plaque PDF is printed' },
  pdfkit: { copy: ['js/data', 'js/standard-fonts'], keepImports: true, why: 'PDF writer with fontkit: only when a plaque or a daily report is printed' },
  // (bundled: xlsx.js requires ./dist/cpexcel.js for legacy code pages; copying xlsx.js alone failed on load)
  '@e965/xlsx': { why: 'SheetJS: only when a point spreadsheet is imported' },
  // Turf's geometry checks (with robust-predicates, polyclip-ts, bignumber.js): only when grid boundaries are imported
  '@turf/kinks': { why: 'self-intersection check: only on a grid GeoJSON import' },
  '@turf/boolean-within': { why: 'grid-inside-town check: only on a grid GeoJSON import' },
  '@turf/intersect': { why: 'overlap check: only on a grid GeoJSON import' },
  '@turf/area': { why: 'overlap area: only on a grid GeoJSON import' },
  '@turf/helpers': { why: 'GeoJSON constructors for the checks above' },
  'fast-xml-parser': { why: 'Open311 XML writer: on the first XML answer (JSON clients never load it)' },
};

const repoRequire = createRequire(path.join(repoRoot, 'cloudfunctions', 'package.json'));
const nodeModules = path.join(repoRoot, 'node_modules');

/** `@scope/name/sub/path.js` → `@scope/name`. */
export const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** The import `spec` as one CommonJS file where Node resolves it from the bundle's folder, with its data files. */
async function shipBundled(spec: string, how: LazyShipping, into: string) {
  const name = packageOf(spec);
  const from = path.join(nodeModules, name);
  const entry = repoRequire.resolve(spec);
  const rel = path.relative(from, entry);
  await build({
    entryPoints: [entry],
    outfile: path.join(into, name, rel),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    legalComments: 'eof',
    logLevel: 'error',
  });
  for (const dir of how.copy ?? []) cpSync(path.join(from, dir), path.join(into, name, dir), { recursive: true, filter: (f) => !/\.(mjs|map)$/.test(f) });
  const pkg = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')) as { version: string; license?: string; imports?: unknown };
  // No `exports` map in the written one: Node then resolves the import (a sub-path too) to the file itself.
  const written = { name, version: pkg.version, license: pkg.license, ...(spec === name ? { main: rel } : {}), ...(how.keepImports ? { imports: pkg.imports } : {}), note: 'pre-bundled for CityLoop by scripts/functions/lazy-packages.ts' };
  writeFileSync(path.join(into, name, 'package.json'), JSON.stringify(written, null, 2) + '\n');
}

/** Ships the lazily loaded packages `specs` into `<folder>/node_modules`. */
export async function shipLazyPackages(specs: string[], folder: string): Promise<void> {
  const into = path.join(folder, 'node_modules');
  for (const spec of specs) {
    const how = LAZY_PACKAGES[spec];
    if (!how) throw new Error(`${spec} is not a lazily loaded package`);
    mkdirSync(into, { recursive: true });
    await shipBundled(spec, how, into);
  }
}
