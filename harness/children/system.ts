/**
 * The functions behind the local gateway (plus stand-ins and timers) in their own process, against the
 * harness's database (MONGODB_URI in env; the harness owns FerretDB so it can kill -9 either one).
 * Usage: node --import tsx harness/children/system.ts <dbName> <dir> <seed: 1|0> <port>
 * Prints `READY {"url","routes":[{method,path}],"codes":{facilities:[…],shops:[…]},"pid"}`; exits when stdin closes.
 */
import { startLocalSystem } from '../../cloudfunctions/dev/system';

const [dbName, dir, seed = '1', port = '0'] = process.argv.slice(2);
// Timers rarely: the harness measures requests, not background jobs (the notify drain still runs each minute).
const sys = await startLocalSystem({ port: Number(port), dbName, dir, seed: seed === '1', timerMs: 60_000 });
// Loaded after startLocalSystem has put the configuration in process.env, as the functions read it.
const { loadConfig } = await import('../../cloudfunctions/src/platform/config');
const { signCodeUrl } = await import('../../cloudfunctions/src/platform/codes/signed-code');
const { FACILITIES, generatedFacilities } = await import('../../cloudfunctions/dev/seed/demo-data');
const { DEMO_SHOPS } = await import('../../cloudfunctions/dev/seed/plaque-demo');
const { createApiApp } = await import('../../cloudfunctions/src/apps/api-app');
const { createIngestApp } = await import('../../cloudfunctions/src/apps/ingest-app');
const { instanceDeps } = await import('../../cloudfunctions/src/platform/runtime');
const { SYSTEM } = await import('../../cloudfunctions/src/contexts');
const config = loadConfig();
const deps = await instanceDeps(SYSTEM);
const token = (id: string) => signCodeUrl(config.codeSecret, config.codeBaseUrl, id).split('/c/')[1];
// Every registered route, read from the Hono apps themselves (not a hand-kept list).
const routes = [...createApiApp(deps).routes, ...createIngestApp(deps).routes]
  .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
  .map((r) => ({ method: r.method, path: r.path }));
const seen = new Set<string>();
const unique = routes.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
const codes = { facilities: [...FACILITIES, ...generatedFacilities()].slice(0, 50).map((f) => ({ id: f._id, token: token(f._id) })), shops: DEMO_SHOPS.map((s) => ({ id: s.id, token: token(s.id) })) };
process.stdout.write(`READY ${JSON.stringify({ url: sys.url, routes: unique, codes, pid: process.pid })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await sys.stop().catch((e) => console.error(e));
  process.exit(0);
});
