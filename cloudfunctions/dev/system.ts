import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { freePort } from './db/ferretdb-server';
import { superviseFerretDb } from './db/ferretdb-watchdog';
import { startStandins, type Standins } from './standins/start-standins';
import { standinEnv } from './standins/standin-env';
import { startGateway, startTimers } from './gateway/gateway-server';
import { messagesPage, recipientNames } from './dev-pages';
import { dataDir, repoRoot } from './paths';
import { seedContexts } from './seed/demo-seeds';
import { StartRefused, checkPortFree, lockDataDir } from './start-guard';
import { writeLocalSystemFile } from '../src/cli/local-system';
import type { Schedule } from '../src/platform/schedule';

export { StartRefused } from './start-guard';

export type LocalSystem = {
  url: string;
  dbUri: string;
  dbName: string;
  /** the data directory (database files, blobs, the lock and local-system.json) */
  dir: string;
  standins: Standins;
  stop: () => Promise<void>;
};

/**
 * The whole system on this machine: database (FerretDB, or MONGODB_URI), stand-ins, the four functions
 * behind the local gateway, timers, demo data. Used by `npm start` and by the end-to-end tests.
 * Sets process.env before loading the function entries, exactly as SCF would hand them their config.
 * Refuses (StartRefused, before starting anything) a port already in use and a data directory another
 * running system holds (`<dir>/cityloop.lock`); a failure part-way stops what had started.
 */
export async function startLocalSystem(opts: { port?: number; dbName?: string; dir?: string; seed?: boolean; timerMs?: number; onFatal?: (why: string) => void } = {}): Promise<LocalSystem> {
  const dir = opts.dir ?? dataDir();
  const port = opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 8080);
  // Before anything starts: a taken port or a data directory in use by another run is refused with one line.
  await checkPortFree(port);
  const unlock = lockDataDir(dir);
  // What has started so far, stopped in reverse if a later step fails (no FerretDB left behind).
  const started: (() => Promise<void>)[] = [async () => unlock()];
  const stopAll = async () => {
    for (const stop of started.splice(0).reverse()) await stop().catch(() => {});
  };
  try {
    return await startParts(opts, dir, port, started, stopAll);
  } catch (e) {
    await stopAll();
    throw e;
  }
}

async function startParts(opts: { dbName?: string; seed?: boolean; timerMs?: number; onFatal?: (why: string) => void }, dir: string, port: number, started: (() => Promise<void>)[], stopAll: () => Promise<void>): Promise<LocalSystem> {
  mkdirSync(dir, { recursive: true });
  const db = process.env.MONGODB_URI
    ? { uri: process.env.MONGODB_URI, stop: async () => {} }
    : await superviseFerretDb(path.join(dir, 'ferretdb'), {
        onGiveUp: async (why) => {
          console.error(why);
          await stopAll();
          opts.onFatal?.(why);
        },
      });
  started.push(() => db.stop());
  const standins = await startStandins();
  started.push(() => standins.close());
  const actualPort = port === 0 ? await freePort() : port;
  const url = `http://127.0.0.1:${actualPort}`;
  const dbName = opts.dbName ?? process.env.MONGODB_DB ?? 'cityloop';
  Object.assign(process.env, standinEnv(standins, { mongodbUri: db.uri, dbName, blobDir: path.join(dir, 'blobs'), publicUrl: url, mode: 'development' }));

  // Load the function code only now, with its configuration in place.
  const api = await import('../src/entry/api');
  const trades = await import('../src/entry/trades');
  const ingest = await import('../src/entry/ingest');
  const notify = await import('../src/entry/notify');
  const scheduler = await import('../src/entry/scheduler');
  const { instanceDeps } = await import('../src/platform/runtime');
  const { SYSTEM } = await import('../src/contexts');
  const { createLocalStore } = await import('../src/platform/blob/local-store');
  const { createWechatClient } = await import('../src/platform/wechat/wechat-client');
  const { blobUploadHandler } = await import('./gateway/blob-upload');

  const deps = await instanceDeps(SYSTEM); // builds deps and ensures indexes
  started.push(async () => {
    const { closeAllClients } = await import('../src/platform/db/client');
    await closeAllClients();
  });
  if (opts.seed !== false) {
    const wx = createWechatClient({ baseUrl: standins.wechatBaseUrl, appId: standins.credentials.appId, appSecret: standins.credentials.appSecret });
    const openidFor = async (persona: string) => (await wx.code2Session(`${persona}.seed${Date.now()}`)).openid;
    await seedContexts(SYSTEM.modules, deps, openidFor);
  }

  // the store the gateway serves uploads with signs and checks on the system's clock (CITYLOOP_DEV_CLOCK included)
  const store = createLocalStore({ dir: deps.config.blob.dir, publicBaseUrl: url, secret: deps.config.jwtSecret, now: () => deps.now().getTime() });
  const h5Dir = path.join(repoRoot, 'miniprogram', 'dist', 'h5');
  if (!existsSync(path.join(h5Dir, 'index.html'))) console.warn('H5 build not found at miniprogram/dist/h5 — run `npm run build`.');
  const gateway = await startGateway({
    port: actualPort,
    api: api.main_handler,
    trades: trades.main_handler,
    ingest: ingest.main_handler,
    h5Dir,
    publicUrl: url,
    blobUpload: blobUploadHandler(store),
    devPages: {
      '/dev/messages': async () => ({ type: 'text/html; charset=utf-8', body: messagesPage(standins.log, await recipientNames(deps.db, standins.log)) }),
      '/dev/messages.json': async () => ({ type: 'application/json', body: JSON.stringify(standins.log.filter((e) => e.service !== 'cos')) }),
    },
  }).catch((e: NodeJS.ErrnoException) => {
    // taken between the check and now
    if (e.code === 'EADDRINUSE') throw new StartRefused(`端口 ${actualPort} 已被占用：PORT=9000 npm start  (port ${actualPort} is in use: PORT=9000 npm start)`);
    throw e;
  });
  started.push(() => gateway.close());
  // `npx cityloop …` on this machine finds this database through the file (the port was picked at start).
  const forget = writeLocalSystemFile(dir, { pid: process.pid, url: gateway.url, mongodbUri: db.uri, dbName });
  started.push(async () => forget());
  const timerMs = opts.timerMs ?? 5000;
  // Each job on its own local timer, from the same schedule table the deployed minute trigger reads, sped up.
  const stopTimers = startTimers([
    { name: 'notify', everyMs: timerMs, handler: (e, c) => notify.main_handler(e, c) },
    ...SYSTEM.jobs.map((j) => ({ name: j.name, everyMs: localEveryMs(j.schedule, timerMs), handler: scheduler.main_handler })),
  ]);
  started.push(async () => stopTimers());
  return {
    url: gateway.url,
    dbUri: db.uri,
    dbName,
    dir,
    standins,
    stop: stopAll,
  };
}

/** A job's local period: its schedule five times faster, at least 12 and at most 120 notify periods. */
export const localEveryMs = (s: Schedule, timerMs: number) => timerMs * Math.min(120, Math.max(12, Math.round((s.everyMinutes * 12) / 5)));
