/**
 * The whole local system (as system-server.ts) plus signed code tokens for the seeded facilities, so the
 * bench can scan them: `GET /api/codes/<token>` needs the system's own code secret, known only here.
 * Usage: node --import tsx city-system.ts <dbName> <dir> <tokens>   (MONGODB_URI in env: the bench's database)
 * Prints `READY {"url","tokens":[…]}`; stops the system and exits when stdin closes.
 */
import { startLocalSystem } from '../../cloudfunctions/dev/system';

const [dbName, dir, count = '20'] = process.argv.slice(2);
// Timers fire every hour: nothing runs in the background while we measure.
const sys = await startLocalSystem({ port: 0, dbName, dir, timerMs: 3_600_000 });
// Loaded after startLocalSystem has put the configuration in process.env, as the functions read it.
const { loadConfig } = await import('../../cloudfunctions/src/platform/config');
const { signCodeUrl } = await import('../../cloudfunctions/src/platform/codes/signed-code');
const { FACILITIES, generatedFacilities } = await import('../../cloudfunctions/dev/seed/demo-data');
const config = loadConfig();
const tokens = [...FACILITIES, ...generatedFacilities()].slice(0, Number(count)).map((f) => signCodeUrl(config.codeSecret, config.codeBaseUrl, f._id).split('/c/')[1]);
process.stdout.write(`READY ${JSON.stringify({ url: sys.url, tokens })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await sys.stop().catch((e) => console.error(e));
  process.exit(0);
});
