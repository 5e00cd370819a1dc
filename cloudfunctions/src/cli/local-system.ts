import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a running `npm start` says which database it uses, so `npx cityloop …` on the same machine finds it without
 * MONGODB_URI (the local FerretDB listens on a port picked at start, not on 27017).
 */
export type LocalSystemFile = { pid: number; url: string; mongodbUri: string; dbName: string };

const FILE = 'local-system.json';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataDirOf = (env: NodeJS.ProcessEnv) => env.CITYLOOP_DATA ?? path.join(repoRoot, '.data');

/** Written by the local system once it serves; removed when it stops. */
export function writeLocalSystemFile(dir: string, info: LocalSystemFile): () => void {
  const file = path.join(dir, FILE);
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`);
  return () => rmSync(file, { force: true });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The environment a database command runs with: as given when MONGODB_URI is set (a deployment, a test); else the
 * database of the local system `npm start` is running, when one is; else as given (the command then says it found
 * no database).
 * @example localDatabaseEnv({}) // { MONGODB_URI: 'mongodb://127.0.0.1:41234/', MONGODB_DB: 'cityloop' } while npm start runs
 */
export function localDatabaseEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.MONGODB_URI) return env;
  const file = path.join(dataDirOf(env), FILE);
  if (!existsSync(file)) return env;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LocalSystemFile;
    if (!Number.isInteger(info.pid) || !alive(info.pid) || typeof info.mongodbUri !== 'string') return env;
    return { ...env, MONGODB_URI: info.mongodbUri, MONGODB_DB: env.MONGODB_DB ?? info.dbName };
  } catch {
    return env;
  }
}

/** What a database command says when it cannot reach one: people first, then the cause. */
export const noDatabaseHint = (e: Error, env: NodeJS.ProcessEnv) =>
  /ECONNREFUSED|Server selection timed out|connect/i.test(e.message) && !env.MONGODB_URI
    ? `找不到数据库：请先在本机运行 npm start，或设置 MONGODB_URI（${e.message}）`
    : e.message;
