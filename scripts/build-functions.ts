/**
 * Bundles each SCF entry into one file for Node 18 (cloudfunctions/dist/<fn>/index.js), as serverless.yml
 * deploys them. Production bundles: dev-only code compiled out, minified, with a metafile for size checks.
 */
import { build, type Plugin } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../cloudfunctions/dev/paths';

export const FUNCTIONS = ['api', 'ingest', 'notify', 'scheduler'] as const;

/**
 * Where each bundle goes, as the deployment descriptors expect it: the HTTP functions each get their own
 * `scf` instance (deploy/api, deploy/ingest: Function URL), the timer functions share one `multi-scf`
 * instance (serverless.yml at the root) whose handlers are `<file>.main_handler`.
 */
export const BUNDLE_PATHS: Record<(typeof FUNCTIONS)[number], string> = {
  api: 'api/index.js',
  ingest: 'ingest/index.js',
  notify: 'timers/notify.js',
  scheduler: 'timers/scheduler.js',
};

// Optional peers of the mongodb driver that we never use (Kerberos, client-side encryption, AWS auth…).
const MONGODB_OPTIONAL = ['kerberos', '@mongodb-js/zstd', 'snappy', 'mongodb-client-encryption', 'socks', 'gcp-metadata', '@aws-sdk/credential-providers'];

/**
 * Packages that cannot be bundled and ship as node_modules beside the bundle: pdfkit resolves its data
 * files and standard fonts at run time through package `imports`/`exports` maps.
 */
const SHIPPED_AS_PACKAGES = ['pdfkit'];

/**
 * Packages a function loads only in one rarely used route (the ingest's point import reads spreadsheets with
 * SheetJS): left out of the bundle, so a cold start never parses them, and shipped beside it as the few files
 * they need.
 */
const SHIPPED_LAZILY: Record<string, { fn: (typeof FUNCTIONS)[number]; files: string[] }> = {
  '@e965/xlsx': { fn: 'ingest', files: ['package.json', 'xlsx.js', 'LICENSE'] },
};

/** Copies a package and everything it depends on (from the hoisted root node_modules). */
function copyPackageTree(name: string, into: string, seen = new Set<string>()) {
  if (seen.has(name)) return;
  seen.add(name);
  const from = path.join(repoRoot, 'node_modules', name);
  if (!existsSync(from)) throw new Error(`cannot ship ${name}: not installed`);
  cpSync(from, path.join(into, name), { recursive: true, dereference: true });
  const pkg = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dep of Object.keys(pkg.dependencies ?? {})) copyPackageTree(dep, into, seen);
}

/**
 * Every function reads the same list of context modules, but serves only its own routes: the other route files
 * (`*.routes.ts`) are replaced by an empty module, so the ingest and timer bundles carry no api handlers (nor pdfkit).
 */
const SERVES: Record<(typeof FUNCTIONS)[number], (routeFile: string) => boolean> = {
  api: () => true,
  ingest: (f) => /(^|\/)(health|ingest)\.routes$/.test(f),
  notify: () => false,
  scheduler: () => false,
};
const onlyRoutesOf = (fn: (typeof FUNCTIONS)[number]): Plugin => ({
  name: 'only-own-routes',
  setup(b) {
    b.onResolve({ filter: /\.routes$/ }, (args) => (SERVES[fn](args.path) ? undefined : { path: args.path, namespace: 'other-routes' }));
    b.onLoad({ filter: /.*/, namespace: 'other-routes' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
});

export async function buildFunctions(outRoot = path.join(repoRoot, 'cloudfunctions', 'dist')): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const fn of FUNCTIONS) {
    const outfile = path.join(outRoot, BUNDLE_PATHS[fn]);
    mkdirSync(path.dirname(outfile), { recursive: true });
    const r = await build({
      entryPoints: [path.join(repoRoot, 'cloudfunctions', 'src', 'entry', `${fn}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      metafile: true,
      external: [...MONGODB_OPTIONAL, ...SHIPPED_AS_PACKAGES, ...Object.keys(SHIPPED_LAZILY)],
      define: { 'process.env.CITYLOOP_BUILD': '"production"' },
      logLevel: 'warning',
      plugins: [onlyRoutesOf(fn)],
    });
    if (fn === 'api') for (const pkg of SHIPPED_AS_PACKAGES) copyPackageTree(pkg, path.join(path.dirname(outfile), 'node_modules'));
    for (const [pkg, lazy] of Object.entries(SHIPPED_LAZILY)) {
      if (lazy.fn !== fn) continue;
      for (const f of lazy.files) {
        mkdirSync(path.join(path.dirname(outfile), 'node_modules', pkg), { recursive: true });
        cpSync(path.join(repoRoot, 'node_modules', pkg, f), path.join(path.dirname(outfile), 'node_modules', pkg, f));
      }
    }
    // The bundle is CommonJS; this marker keeps Node from reading it as ESM through cloudfunctions/package.json.
    writeFileSync(path.join(path.dirname(outfile), 'package.json'), '{ "type": "commonjs" }\n');
    const out = Object.values(r.metafile.outputs)[0];
    sizes[fn] = out.bytes;
    writeFileSync(path.join(outRoot, `${fn}.meta.json`), JSON.stringify(r.metafile));
  }
  return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await buildFunctions();
  for (const [fn, bytes] of Object.entries(sizes)) console.log(`${fn.padEnd(10)} ${(bytes / 1024).toFixed(0).padStart(6)} KB  cloudfunctions/dist/${BUNDLE_PATHS[fn as keyof typeof BUNDLE_PATHS]}`);
}
