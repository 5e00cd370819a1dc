import { MongoClient, type Db } from 'mongodb';

const clients = new Map<string, MongoClient>();

/**
 * One MongoClient per URI per warm instance (SCF reuses module scope between invocations).
 * Small pool: a function instance serves one request at a time.
 *
 * `maxPoolSize: 1` is how dev and tests run on FerretDB: FerretDB 1.24 evaluates an update's filter
 * outside its write, so two concurrent compare-and-set updates can both "win" (measured: 20 concurrent
 * `{_id, version}` updates → up to 12 reported modified). One connection makes the server apply this
 * process's operations one at a time, restoring per-document atomicity locally. MongoDB is atomic per
 * document, so production keeps a normal pool.
 */
/**
 * How long an operation waits for a reachable server before failing. Short on purpose: with the database down a
 * request answers 503 within a second (error-boundary.ts) instead of hanging for the driver's default 30 s.
 */
export const SERVER_SELECTION_TIMEOUT_MS = Number(process.env.MONGODB_SELECT_TIMEOUT_MS ?? 800);

export function mongoClient(uri: string, maxPoolSize = 10): MongoClient {
  let c = clients.get(uri);
  if (!c) {
    const traceMs = process.env.CITYLOOP_DB_TRACE_MS;
    c = new MongoClient(uri, { maxPoolSize, serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS, connectTimeoutMS: 2000, ignoreUndefined: true, monitorCommands: traceMs !== undefined });
    if (traceMs !== undefined) traceSlowCommands(c, Number(traceMs));
    clients.set(uri, c);
  }
  return c;
}

export function database(uri: string, name: string, maxPoolSize?: number): Db {
  return mongoClient(uri, maxPoolSize).db(name);
}

export async function closeAllClients(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.close()));
  clients.clear();
}

/** `CITYLOOP_DB_TRACE_MS=5`: every command that took ≥ 5 ms, as one JSON line on stderr (finding scans). */
function traceSlowCommands(c: MongoClient, minMs: number): void {
  const started = new Map<number, string>();
  c.on('commandStarted', (e) => {
    const cmd = e.command as Record<string, unknown>;
    const shape = (x: unknown) => (x && typeof x === 'object' ? Object.keys(x as object).join(',') : '');
    started.set(e.requestId, `${e.commandName} ${String(cmd[e.commandName])} filter{${shape(cmd.filter ?? (cmd.updates as { q?: unknown }[] | undefined)?.[0]?.q ?? cmd.query)}}`);
  });
  c.on('commandSucceeded', (e) => {
    const what = started.get(e.requestId);
    started.delete(e.requestId);
    if (e.duration >= minMs) process.stderr.write(`${JSON.stringify({ level: 'trace', msg: 'slow db command', ms: e.duration, what })}\n`);
  });
  c.on('commandFailed', (e) => started.delete(e.requestId));
}
