import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A start that must not go ahead (port taken, data directory in use): one line for people, no stack. */
export class StartRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartRefused';
  }
}

/** Refuses a port something already listens on (on the gateway's address), before anything is started. */
export async function checkPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  if (!port) return; // 0: a free port is picked later
  const taken = await new Promise<boolean>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' || e.code === 'EACCES' ? resolve(true) : reject(e)));
    srv.listen(port, host, () => srv.close(() => resolve(false)));
  });
  if (taken) throw new StartRefused(`端口 ${port} 已被占用：PORT=${port === 9000 ? 9001 : 9000} npm start  (port ${port} is in use: try PORT=${port === 9000 ? 9001 : 9000} npm start)`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
};

const held = new Map<string, () => void>();

/**
 * One running system per data directory: `<dir>/cityloop.lock` holds the pid of the process using it (its
 * FerretDB files and blobs). A lock whose pid is gone is stale and taken over; a live one refuses. Returns the
 * release (also run at process exit); the same process asking again gets the same lock.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'cityloop.lock');
  const mine = held.get(file);
  if (mine) return mine;
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 5) throw e;
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new StartRefused(`另一个 CityLoop（pid ${pid}）正在使用 ${dir}：先停止它，或用 CITYLOOP_DATA=<其他目录> npm start  (another CityLoop, pid ${pid}, is using ${dir}: stop it first, or set CITYLOOP_DATA)`);
      }
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {
        /* someone else took it over first: the next attempt sees their pid */
      }
    }
  }
  const release = () => {
    if (!held.delete(file)) return;
    process.removeListener('exit', release);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  held.set(file, release);
  process.once('exit', release);
  return release;
}
