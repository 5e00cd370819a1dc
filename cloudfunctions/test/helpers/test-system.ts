import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import { loadConfig, MAX_TOKEN_TTL_SEC } from '../../src/platform/config';
import { buildDeps } from '../../src/platform/build-deps';
import type { Deps } from '../../src/platform/deps';
import { database, closeAllClients } from '../../src/platform/db/client';
import { ensureIndexes } from '../../src/platform/db/indexes';
import { createApiApp } from '../../src/apps/api-app';
import { createIngestApp } from '../../src/apps/ingest-app';
import { handleHttpEvent } from '../../src/platform/http/scf-handler';
import { startGateway } from '../../dev/gateway/gateway-server';
import { blobUploadHandler } from '../../dev/gateway/blob-upload';
import { createLocalStore } from '../../src/platform/blob/local-store';
import { startStandins, type Standins } from '../../dev/standins/start-standins';
import { standinEnv } from '../../dev/standins/standin-env';
import { startFerretDb } from '../../dev/db/ferretdb-server';
import { issueToken } from '../../src/platform/auth/jwt';
import { USERS, type User } from '../../src/platform/auth/users';
import { newId } from '../../src/platform/ids';

export type TestSystem = {
  url: string;
  db: Db;
  deps: Deps;
  standins: Standins;
  /** HTTP over loopback → SCF Function URL event → the api function's router */
  call: (method: string, p: string, opts?: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> }) => Promise<{ status: number; json: any }>;
  user: (name: string, roles?: RoleBinding[], extra?: Partial<User>) => Promise<{ id: string; token: string }>;
  /** a session token for a user already in the database (one an import or the seed made) */
  tokenFor: (userId: string) => Promise<string>;
  close: () => Promise<void>;
};

let sharedDb: Promise<{ uri: string }> | undefined;
/** Systems in one file share the MongoClient (one per URI); the last to close closes it. */
let open = 0;
/** The runner's FerretDB (MONGODB_URI), or one of our own when a test file is run alone. */
function databaseUri(): Promise<{ uri: string }> {
  if (process.env.MONGODB_URI) return Promise.resolve({ uri: process.env.MONGODB_URI });
  sharedDb ??= startFerretDb(mkdtempSync(path.join(tmpdir(), 'cityloop-fdb-')), { unref: true });
  return sharedDb;
}

/** A fresh database + stand-ins + the api app behind a loopback HTTP gateway, per test file. */
export async function startTestSystem(opts: { env?: Record<string, string>; now?: () => Date } = {}): Promise<TestSystem> {
  const { uri } = await databaseUri();
  open++;
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  const standins = await startStandins();
  const dir = mkdtempSync(path.join(tmpdir(), 'cityloop-it-'));
  const env = {
    ...standinEnv(standins, { mongodbUri: uri, dbName, blobDir: path.join(dir, 'blobs'), publicUrl: 'http://127.0.0.1:0', mode: 'test' }),
    MONGODB_MAX_POOL: '1',
    ...opts.env,
  };
  const config = loadConfig(env);
  const db = database(uri, dbName, 1);
  await ensureIndexes(db);
  let deps = buildDeps(config, { db, ...(opts.now ? { now: opts.now } : {}) });
  const app = createApiApp(deps);
  const ingestApp = createIngestApp(deps);
  const gw = await startGateway({
    port: 0,
    api: (e, c) => handleHttpEvent(app, e, c),
    // in-process the api app holds every route; only the deployed bundles split them (function-routing.ts)
    trades: (e, c) => handleHttpEvent(app, e, c),
    ingest: (e, c) => handleHttpEvent(ingestApp, e, c),
    h5Dir: dir,
    blobUpload: async (k, q, b) => blobUploadHandler(store)(k, q, b),
    devPages: {},
  });
  // presigned local uploads must point at this gateway
  const store = createLocalStore({ dir: config.blob.dir, publicBaseUrl: gw.url, secret: config.jwtSecret });
  Object.assign(deps, { blobs: store });

  const call: TestSystem['call'] = async (method, p, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(gw.url + p, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
  // issued on the system's clock (a token from the future is refused), for as long as a session may last
  const tokenFor: TestSystem['tokenFor'] = (userId) => issueToken(config.jwtSecret, userId, MAX_TOKEN_TTL_SEC, deps.now());
  const user: TestSystem['user'] = async (name, roles = [], extra = {}) => {
    const id = newId('u');
    await db.collection<User>(USERS).insertOne({ _id: id, name, roles, roleKeys: roleKeysOf(roles), createdAt: new Date(), version: 1, ...extra });
    return { id, token: await tokenFor(id) };
  };
  return {
    url: gw.url,
    db,
    deps,
    standins,
    call,
    user,
    tokenFor,
    close: async () => {
      await gw.close();
      await standins.close();
      await db.dropDatabase().catch(() => {});
      if (--open === 0) await closeAllClients();
    },
  };
}
