/**
 * One local CityLoop system per end-to-end test file: FerretDB (or the runner's MONGODB_URI), the
 * WeChat/SMS/COS stand-ins, the functions behind the gateway and the H5 build, seeded with the demo data.
 * `startLocalSystem` sets process.env and caches modules, so call `startE2eSystem` once per process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { startLocalSystem, type LocalSystem } from '../../cloudfunctions/dev/system';
import { database } from '../../cloudfunctions/src/platform/db/client';
import { loadConfig } from '../../cloudfunctions/src/platform/config';
import { signCodeUrl } from '../../cloudfunctions/src/platform/codes/signed-code';

export type ApiResult = { status: number; json: any };

export type E2eSystem = LocalSystem & {
  /** The system's database (the same one the functions write to). */
  db: Db;
  /** fetch against the gateway: `/api/...` with an optional bearer token and JSON body. */
  api: (method: 'GET' | 'POST', p: string, opts?: { token?: string; body?: unknown }) => Promise<ApiResult>;
  /** Persona login over the API (the same endpoint the H5 login page uses). */
  login: (persona: string) => Promise<{ token: string; user: { id: string; name: string; roles: unknown[] } }>;
  /** The printed code URL for an id, signed with this system's code secret. */
  codeUrl: (id: string) => string;
  /** The stored user document of a demo persona (openid, phone…). */
  persona: (persona: string) => Promise<{ _id: string; openid?: string; phone?: string; name: string }>;
};

export async function startE2eSystem(name: string): Promise<E2eSystem> {
  const dir = mkdtempSync(path.join(process.env.CITYLOOP_TEST_TMP ?? tmpdir(), `cityloop-e2e-${name}-`));
  const dbName = `e2e_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const system = await startLocalSystem({ port: 0, dbName, dir, timerMs: 500 });
  const db = database(system.dbUri, system.dbName);
  const config = loadConfig(process.env);

  const api: E2eSystem['api'] = async (method, p, opts = {}) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(system.url + p, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON: keep the text for the assertion message */
    }
    return { status: res.status, json };
  };

  const login: E2eSystem['login'] = async (persona) => {
    const r = await api('POST', '/api/auth/dev-login', { body: { persona } });
    if (r.status !== 200 || !r.json?.ok) throw new Error(`dev-login ${persona} failed: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json.data;
  };

  const persona: E2eSystem['persona'] = async (key) => {
    const u = await db.collection<{ _id: string; persona?: string; openid?: string; phone?: string; name: string }>('users').findOne({ persona: key });
    if (!u) throw new Error(`persona ${key} is not in the database`);
    return u;
  };

  let stopped = false;
  return {
    ...system,
    db,
    api,
    login,
    codeUrl: (id) => signCodeUrl(config.codeSecret, system.url, id),
    persona,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await db.dropDatabase().catch(() => undefined);
      await system.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
