/**
 * The whole local system (gateway + four functions + stand-ins) in its own process, so the load generator
 * does not share an event loop with it. startLocalSystem sets process.env and caches modules: one per process.
 * Usage: node --import tsx system-server.ts <dbName> <dir>   (MONGODB_URI in env: the bench's database)
 * Prints `READY {"url"}`; stops the system and exits when stdin closes.
 */
import { startLocalSystem } from '../../cloudfunctions/dev/system';

const [dbName, dir] = process.argv.slice(2);
// Timers fire every hour: nothing runs in the background while we measure.
const sys = await startLocalSystem({ port: 0, dbName, dir, timerMs: 3_600_000 });
process.stdout.write(`READY ${JSON.stringify({ url: sys.url })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await sys.stop().catch((e) => console.error(e));
  process.exit(0);
});
