/**
 * Bundles each SCF entry into one file for Node 18 (cloudfunctions/dist/<fn>/index.js), as serverless.yml
 * deploys them, with the packages they load only when needed beside them (scripts/functions/lazy-packages.ts).
 * Production bundles: dev-only code compiled out, minified, each ≤ BUNDLE_BUDGET_BYTES, with a metafile for size checks.
 */
import { build, type BuildOptions, type Metafile, type OnResolveArgs, type OnResolveResult, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../cloudfunctions/dev/paths';
import { LAZY_PACKAGES, shipLazyPackages } from './functions/lazy-packages';
import { TRADES_CONTEXTS } from '../cloudfunctions/src/platform/http/function-routing';

export const FUNCTIONS = ['api', 'trades', 'ingest', 'notify', 'scheduler'] as const;

/**
 * Where each bundle goes, as the deployment descriptors expect it: the HTTP functions each get their own
 * `scf` instance (deploy/api, deploy/ingest: Function URL), the timer functions share one `multi-scf`
 * instance (serverless.yml at the root) whose handlers are `<file>.main_handler`.
 */
export const BUNDLE_PATHS: Record<(typeof FUNCTIONS)[number], string> = {
  api: 'api/index.js',
  trades: 'trades/index.js',
  ingest: 'ingest/index.js',
  notify: 'timers/notify.js',
  scheduler: 'timers/scheduler.js',
};

// Optional peers of the mongodb driver that we never use (Kerberos, client-side encryption, AWS auth…): the driver
// requires them only when a connection asks for them, inside try/catch.
const MONGODB_OPTIONAL = ['kerberos', '@mongodb-js/zstd', 'snappy', 'mongodb-client-encryption', 'socks', 'gcp-metadata', '@aws-sdk/credential-providers', 'aws4'];

/** Node's own URL classes for the driver's connection-string parser (see the shim's comment). */
const nativeWhatwgUrl: Plugin = {
  name: 'native-whatwg-url',
  setup(b) {
    b.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: path.join(repoRoot, 'scripts', 'functions', 'whatwg-url-native.cjs') }));
    // SASLprep of printable ASCII is the identity: the Unicode tables stay out of every cold start
    b.onResolve({ filter: /^@mongodb-js\/saslprep$/ }, () => ({ path: path.join(repoRoot, 'scripts', 'functions', 'saslprep-ascii.cjs') }));
    // client-side encryption and GridFS, which we never use, stay out of every cold start (~39 KB)
    b.onResolve({ filter: /^\.\/(client-side-encryption\/(client_encryption|auto_encrypter)|gridfs(\/(download|upload))?)$/ }, (args) =>
      /node_modules[\\/]mongodb[\\/]lib[\\/]/.test(args.importer) ? { path: path.join(repoRoot, 'scripts', 'functions', 'mongodb-unused.cjs') } : undefined,
    );
  },
};

/**
 * Every function reads the same list of context modules, but serves only its own routes and runs only its own jobs:
 * the other route files (`*.routes.ts`) and, outside the scheduler, the job files (`*.jobs.ts`) are replaced by an
 * empty module, so the ingest and timer bundles carry no api handlers and only the scheduler carries the jobs. Only
 * a context module may import such a file (it just lists what it holds); anything else importing one would get
 * `undefined` in the functions that drop it, so the build refuses it.
 */
const isTradesContext = (importer: string) => TRADES_CONTEXTS.includes(path.basename(path.dirname(importer)));
const SERVES: Record<(typeof FUNCTIONS)[number], (routeFile: string, importer: string) => boolean> = {
  api: (f, importer) => !/(^|\/)ingest\.routes$/.test(f) && !isTradesContext(importer),
  trades: (f, importer) => /(^|\/)health\.routes$/.test(f) || (!/(^|\/)ingest\.routes$/.test(f) && isTradesContext(importer)),
  ingest: (f) => /(^|\/)(health|ingest)\.routes$/.test(f),
  notify: () => false,
  scheduler: () => false,
};
const onlyOwnRoutesAndJobs = (fn: (typeof FUNCTIONS)[number]): Plugin => ({
  name: 'only-own-routes-and-jobs',
  setup(b) {
    const dropped = (args: OnResolveArgs, keep: boolean): OnResolveResult | undefined => {
      if (!/\.module\.ts$/.test(args.importer) && !/\.(routes|jobs)\.ts$/.test(args.importer) && !/(^|\/)(apps|entry)\//.test(args.importer)) {
        return { errors: [{ text: `${path.relative(repoRoot, args.importer)} imports ${args.path}: only context modules may import route and job files (the function bundles drop the ones a function does not serve)` }] };
      }
      return keep ? undefined : { path: args.path, namespace: 'dropped' };
    };
    b.onResolve({ filter: /\.routes$/ }, (args) => dropped(args, SERVES[fn](args.path, args.importer)));
    b.onResolve({ filter: /\.jobs$/ }, (args) => dropped(args, fn === 'scheduler'));
    b.onLoad({ filter: /.*/, namespace: 'dropped' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
});

/**
 * How every function file is built (also used by the bench for its driver-only baseline, so both are built alike):
 * one minified CommonJS file for SCF's Node 18, Chinese kept as UTF-8, lazily loaded packages left outside.
 */
export function functionBuildOptions() {
  return {
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    treeShaking: true,
    // Chinese messages as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6)
    charset: 'utf8',
    sourcemap: false,
    legalComments: 'none',
    external: [...MONGODB_OPTIONAL, ...Object.keys(LAZY_PACKAGES)],
    define: { 'process.env.CITYLOOP_BUILD': '"production"' },
    plugins: [nativeWhatwgUrl],
  } satisfies BuildOptions & { plugins: Plugin[] };
}

/** The budget of each function file (issue 13 §9): what a cold start reads and compiles. */
export const BUNDLE_BUDGET_BYTES = 1024 * 1024;

/**
 * The lazily loaded packages a bundle imports (they ship beside it); throws on any other package left outside the
 * bundle, which would fail on SCF with "Cannot find module".
 */
function lazyImportsOf(fn: string, meta: Metafile): string[] {
  const lazy = new Set<string>();
  for (const [file, input] of Object.entries(meta.inputs)) {
    for (const im of input.imports) {
      const spec = im.path;
      // (esbuild's metafile flags a few relative imports as external; only packages can be left out)
      if (!im.external || spec.startsWith('.') || path.isAbsolute(spec)) continue;
      if (spec.startsWith('node:') || builtinModules.includes(spec) || MONGODB_OPTIONAL.includes(spec)) continue;
      if (!(spec in LAZY_PACKAGES)) throw new Error(`${fn}: ${file} imports ${spec}, which is neither bundled nor shipped beside the bundle`);
      lazy.add(spec);
    }
  }
  return [...lazy].sort();
}

export type BuiltFunction = { bytes: number; lazy: string[] };

/** Builds the five bundles into `outRoot` (its api/, trades/, ingest/ and timers/ folders are rebuilt from scratch). */
export async function buildFunctions(outRoot = path.join(repoRoot, 'cloudfunctions', 'dist')): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await buildFunctionsDetailed(outRoot)).map(([fn, b]) => [fn, b.bytes]));
}

export async function buildFunctionsDetailed(outRoot = path.join(repoRoot, 'cloudfunctions', 'dist')): Promise<Record<(typeof FUNCTIONS)[number], BuiltFunction>> {
  const built = {} as Record<(typeof FUNCTIONS)[number], BuiltFunction>;
  const folders = new Map<string, Set<string>>();
  for (const fn of FUNCTIONS) rmSync(path.dirname(path.join(outRoot, BUNDLE_PATHS[fn])), { recursive: true, force: true });
  for (const fn of FUNCTIONS) {
    const outfile = path.join(outRoot, BUNDLE_PATHS[fn]);
    mkdirSync(path.dirname(outfile), { recursive: true });
    const base = functionBuildOptions();
    const r = await build({
      ...base,
      entryPoints: [path.join(repoRoot, 'cloudfunctions', 'src', 'entry', `${fn}.ts`)],
      outfile,
      metafile: true,
      logLevel: 'warning',
      plugins: [onlyOwnRoutesAndJobs(fn), ...base.plugins],
    });
    const lazy = lazyImportsOf(fn, r.metafile);
    const folder = path.dirname(outfile);
    folders.set(folder, new Set([...(folders.get(folder) ?? []), ...lazy]));
    // The bundle is CommonJS; this marker keeps Node from reading it as ESM through cloudfunctions/package.json.
    writeFileSync(path.join(folder, 'package.json'), '{ "type": "commonjs" }\n');
    built[fn] = { bytes: Object.values(r.metafile.outputs)[0].bytes, lazy };
    writeFileSync(path.join(outRoot, `${fn}.meta.json`), JSON.stringify(r.metafile));
  }
  for (const [folder, lazy] of folders) await shipLazyPackages([...lazy].sort(), folder);
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildFunctionsDetailed();
  for (const [fn, b] of Object.entries(built)) console.log(`${fn.padEnd(10)} ${(b.bytes / 1024).toFixed(0).padStart(6)} KB  cloudfunctions/dist/${BUNDLE_PATHS[fn as keyof typeof BUNDLE_PATHS]}${b.lazy.length ? `  (beside it, loaded when needed: ${b.lazy.join(', ')})` : ''}`);
}
