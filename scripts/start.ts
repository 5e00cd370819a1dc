/**
 * `npm start`: build what is missing, start the database, the stand-ins and the local gateway with demo
 * data, print where everything is. Ctrl-C stops it all.
 */
import { ensureH5Build } from './h5-build';
import { startLocalSystem } from '../cloudfunctions/dev/system';
import { PERSONAS, FACILITIES } from '../cloudfunctions/dev/seed/demo-data';
import { DEMO_SHOPS } from '../cloudfunctions/dev/seed/plaque-demo';

ensureH5Build();

const system = await startLocalSystem();
const { signCodeUrl } = await import('../cloudfunctions/src/platform/codes/signed-code');
const { loadConfig } = await import('../cloudfunctions/src/platform/config');
const config = loadConfig();

console.log(`
CityLoop 城建监管闭环平台 — local system is up

  App (H5)          ${system.url}/
  API               ${system.url}/api/health
  Stand-in messages ${system.url}/dev/messages
  Database          ${system.dbUri} (db ${system.dbName})

Demo personas (H5 login page → 演示账号):
${PERSONAS.map((p) => `  ${p.persona.padEnd(22)} ${p.name}`).join('\n')}

Signed demo code URLs (open in a browser, or scan in the mini-program):
${FACILITIES.map((f) => `  ${f.name.padEnd(12, '　')} ${signCodeUrl(config.codeSecret, system.url, f._id)}`).join('\n')}

Plaques (门前三包 智能责任牌):
${DEMO_SHOPS.map((s) => `  ${s.name.padEnd(8, '　')} ${signCodeUrl(config.codeSecret, system.url, s.id)}`).join('\n')}

Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await system.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
