import { startFerretDb, type RunningDatabase } from './ferretdb-server';

export type SupervisedDatabase = RunningDatabase & { restarts: () => number };

/**
 * FerretDB under watch: if its process dies (a crash, `kill -9`), it is started again on the same port and data
 * directory, so the URI the functions hold stays valid and they reconnect by themselves. More than `maxRestarts`
 * deaths within `windowMs` is not a blip: `onGiveUp` is told (the launcher then stops the whole system with a
 * clear message rather than serve errors forever).
 */
export async function superviseFerretDb(
  dir: string,
  opts: { port?: number; maxRestarts?: number; windowMs?: number; log?: (line: string) => void; onGiveUp: (why: string) => void | Promise<void> },
): Promise<SupervisedDatabase> {
  const maxRestarts = opts.maxRestarts ?? 3;
  const windowMs = opts.windowMs ?? 60_000;
  const log = opts.log ?? ((line: string) => console.error(line));
  let current = await startFerretDb(dir, { port: opts.port });
  const port = current.port;
  let stopping = false;
  let restarts = 0;
  const deaths: number[] = [];
  const watch = async (db: RunningDatabase): Promise<void> => {
    const code = await db.exited;
    if (stopping || db !== current) return;
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0]! < now - windowMs) deaths.shift();
    if (deaths.length > maxRestarts) {
      await opts.onGiveUp(`数据库（FerretDB）在 ${Math.round(windowMs / 1000)} 秒内退出了 ${deaths.length} 次，系统停止；日志见 ${dir}/ferretdb.log  (FerretDB exited ${deaths.length} times within ${windowMs / 1000} s (last: ${code}); stopping. See ${dir}/ferretdb.log)`);
      return;
    }
    log(`数据库（FerretDB）意外退出（${code}），正在重启…  (FerretDB exited (${code}); restarting on port ${port})`);
    try {
      current = await startFerretDb(dir, { port });
      restarts++;
      log(`数据库已恢复（第 ${restarts} 次重启）  (FerretDB is back, restart ${restarts})`);
      void watch(current);
    } catch (e) {
      await opts.onGiveUp(`数据库（FerretDB）无法重启：${(e as Error).message}`);
    }
  };
  void watch(current);
  return {
    uri: current.uri,
    port,
    get pid() {
      return current.pid;
    },
    get exited() {
      return current.exited;
    },
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
