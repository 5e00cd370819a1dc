import { loadConfig } from '../platform/config';
import type { PrintIo } from './codes-print.command';

export const DB_INDEXES_USAGE = `  db indexes                   creates every index the context modules declare (MONGODB_URI, MONGODB_DB) and
                               stamps the database with the list, so function cold starts skip the work
                               (they do it themselves when the list changed); run after a deploy or restore
`;

/** `cityloop db indexes`: the index step of a deployment (docs/ARCHITECTURE.md §4). */
export async function runDbIndexes(args: string[], io: PrintIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.length) {
    io.stderr(`cityloop db indexes: takes no arguments\n\nusage:\n${DB_INDEXES_USAGE}`);
    return 2;
  }
  const config = loadConfig(env);
  const [{ withDatabase }, { ensureIndexes }, { SYSTEM }] = await Promise.all([import('../platform/db/connect'), import('../platform/db/indexes'), import('../contexts')]);
  try {
    const made = await withDatabase(config.mongodbUri, config.dbName, (db) => ensureIndexes(db, SYSTEM.indexes));
    const specs = SYSTEM.indexes.reduce((n, c) => n + c.indexes.length, 0);
    io.stdout(`索引已就绪：${SYSTEM.indexes.length} 个集合、${specs} 个索引（${config.dbName}）；${made.length} 个名称已确认\n`);
    return 0;
  } catch (e) {
    io.stderr(`cityloop db indexes: 失败：${(e as Error).message}\n`);
    return 1;
  }
}
