/**
 * `npm start`: build what is missing, start the database, the stand-ins and the local gateway with demo
 * data, print where everything is. Ctrl-C stops it all. A taken port or a second `npm start` on the same
 * `.data` is refused with one line before anything starts.
 */
import { ensureH5Build } from './h5-build';
import { startLocalSystem, StartRefused, type LocalSystem } from '../cloudfunctions/dev/system';
import { checkPortFree, lockDataDir } from '../cloudfunctions/dev/start-guard';
import { dataDir } from '../cloudfunctions/dev/paths';
import { FACILITIES } from '../cloudfunctions/dev/seed/demo-data';
import { DEMO_SHOPS } from '../cloudfunctions/dev/seed/plaque-demo';
import { demoPersonas, formatPersonas } from '../cloudfunctions/dev/seed/persona-list';

const refuse = (e: unknown): never => {
  if (e instanceof StartRefused) console.error(e.message);
  else console.error(e);
  process.exit(1);
};

// Before building or starting anything.
const port = process.env.PORT ? Number(process.env.PORT) : 8080;
await checkPortFree(port).catch(refuse);
try {
  lockDataDir(dataDir());
} catch (e) {
  refuse(e);
}

ensureH5Build();

let system: LocalSystem;
try {
  system = await startLocalSystem({ port, onFatal: () => process.exit(1) });
} catch (e) {
  refuse(e);
}
const { signCodeUrl } = await import('../cloudfunctions/src/platform/codes/signed-code');
const { loadConfig } = await import('../cloudfunctions/src/platform/config');
const { database } = await import('../cloudfunctions/src/platform/db/client');
const config = loadConfig();
const personas = await demoPersonas(database(system!.dbUri, system!.dbName));

console.log(`
CityLoop 城建监管闭环平台 — local system is up

  App (H5)          ${system!.url}/
  API               ${system!.url}/api/health
  Stand-in messages ${system!.url}/dev/messages
  Database          ${system!.dbUri} (db ${system!.dbName})

Demo personas — log in on the H5 login page (${system!.url}/ → 登录 → 演示账号, or ${system!.url}/#/pages/login/index), or POST /api/auth/dev-login {"persona":"<key>"}:
${formatPersonas(personas)}

Signed demo code URLs (open in a browser, or scan in the mini-program):
${FACILITIES.map((f) => `  ${f.name.padEnd(12, '　')} ${signCodeUrl(config.codeSecret, system!.url, f._id)}`).join('\n')}

Plaques (门前三包 智能责任牌):
${DEMO_SHOPS.map((s) => `  ${s.name.padEnd(8, '　')} ${signCodeUrl(config.codeSecret, system!.url, s.id)}`).join('\n')}

Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await system!.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
