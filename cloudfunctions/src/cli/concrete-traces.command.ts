import { loadConfig } from '../platform/config';
import type { PrintIo } from './codes-print.command';

export const CONCRETE_TRACES_USAGE = `  concrete traces [--project pj_x]
                               recomputes the concrete trace documents (one per member, the inspection batches'
                               evaluations, the ticket lookups) from the pours, tickets, batches, lots and groups
                               (MONGODB_URI, MONGODB_DB); prints how many differed from the kept ones
`;

/** `cityloop concrete traces`: repairs the trace read models after a restore or a write made outside the commands. */
export async function runConcreteTraces(args: string[], io: PrintIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const projectId = args[0] === '--project' && args.length === 2 ? args[1] : undefined;
  if (args.length && !projectId) {
    io.stderr(`cityloop concrete traces: unknown arguments ${args.join(' ')}\n\nusage:\n${CONCRETE_TRACES_USAGE}`);
    return 2;
  }
  const config = loadConfig(env);
  const [{ withDatabase }, { rebuildTraces }] = await Promise.all([import('../platform/db/connect'), import('../contexts/concrete/public')]);
  try {
    const r = await withDatabase(config.mongodbUri, config.dbName, (db) => rebuildTraces({ db, now: () => new Date() }, projectId ? { projectId } : {}));
    io.stdout(`追溯记录已重算：${r.members} 个构件（${r.changed} 个与原记录不同）、${r.evaluations} 个检验批（${r.evaluationsChanged} 个不同）、${r.tickets} 张运输单\n`);
    return 0;
  } catch (e) {
    io.stderr(`cityloop concrete traces: 失败：${(e as Error).message}\n`);
    return 1;
  }
}
