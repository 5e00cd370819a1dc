import { POINT_FILE_TOO_LARGE, POINT_IMPORT_PATH } from '@cityloop/shared/pit/onboard.limits';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { newId } from '../../src/platform/ids';
import type { ScfHttpResult, ScfTimerEvent } from '../../src/platform/http/scf-adapter';
import { BodyTooLarge, readBody, sendScfResult, toScfEvent } from './node-to-scf';
import { serveStatic } from './static-files';
import { PIT_UPLOAD_TOO_LARGE } from '../../src/contexts/pit/upload-errors';
import { httpFunctionFor } from '../../src/platform/http/function-routing';

type HttpHandler = (event: unknown, context: { request_id: string; time_limit_in_ms: number }) => Promise<ScfHttpResult>;
type TimerHandler = (event: ScfTimerEvent, context: { request_id: string; time_limit_in_ms: number }) => Promise<unknown>;

export type GatewayOptions = {
  port: number;
  api: HttpHandler;
  trades: HttpHandler;
  ingest: HttpHandler;
  h5Dir: string;
  /** the base printed code URLs use locally */
  publicUrl?: string;
  /** `PUT /blob-upload/<key>`: where presigned local uploads land (COS in production). */
  blobUpload: (key: string, query: URLSearchParams, body: Buffer) => Promise<{ status: number; message: string }>;
  /** extra dev-only pages, e.g. `/dev/messages` */
  devPages: Record<string, () => Promise<{ type: string; body: string }>>;
};

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

/**
 * The local gateway: all functions on one port, each called with the event SCF would send
 * (a Function URL event), so the same router runs locally and in the cloud.
 */
export async function startGateway(opts: GatewayOptions): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    try {
      if (url.pathname.startsWith('/api/')) {
        const fn = opts[httpFunctionFor(url.pathname)];
        let body: Buffer;
        try {
          body = await readBody(req);
        } catch (e) {
          if (e instanceof BodyTooLarge) {
            // Pit files have no direct-upload path (the other routes' photos and files do).
            const message = POINT_IMPORT_PATH.test(url.pathname) ? POINT_FILE_TOO_LARGE : url.pathname.startsWith('/api/ingest/pit/') ? PIT_UPLOAD_TOO_LARGE : '提交的内容超过 6 MB 上限，请改用文件直传';
            return json(res, 413, { ok: false, error: 'payload_too_large', message, requestId: 'gateway' });
          }
          throw e;
        }
        const result = await fn(toScfEvent(req, body), { request_id: newId('rq'), time_limit_in_ms: 15_000 });
        return sendScfResult(res, result);
      }
      if (url.pathname.startsWith('/blob-upload/') && req.method === 'PUT') {
        const body = await readBody(req, 25 * 1024 * 1024);
        const r = await opts.blobUpload(url.pathname.slice('/blob-upload/'.length), url.searchParams, body);
        return json(res, r.status, { ok: r.status < 300, message: r.message });
      }
      if (url.pathname.startsWith('/c/')) {
        // A printed code URL opened in a browser: hand it to the H5 scan page the way WeChat hands `q` to the mini-program.
        const full = `${opts.publicUrl ?? ''}${url.pathname}${url.search}`;
        res.writeHead(302, { location: `/#/pages/scan/index?q=${encodeURIComponent(full)}` });
        return res.end();
      }
      const page = opts.devPages[url.pathname];
      if (page) {
        const p = await page();
        res.writeHead(200, { 'content-type': p.type });
        return res.end(p.body);
      }
      // awaited, so a failure reaches the catch below instead of escaping as an unhandled rejection
      return await serveStatic(opts.h5Dir, url.pathname, res);
    } catch (e) {
      console.error(JSON.stringify({ level: 'error', msg: 'gateway error', error: (e as Error).message }));
      if (!res.headersSent) json(res, 500, { ok: false, error: 'gateway_error', message: '网关错误', requestId: 'gateway' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * Fires timer events on an interval, like SCF timer triggers do (scaled down for local use). The returned stop
 * waits for runs in flight, so nothing touches the database after the system has closed it.
 */
export function startTimers(timers: { name: string; everyMs: number; message?: string; handler: TimerHandler }[]): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  const handles = timers.map((t) => {
    let running = false; // skip a tick while the previous run is still going, as one SCF timer would not pile up here
    return setInterval(() => {
      if (running) return;
      running = true;
      const event: ScfTimerEvent = { Type: 'Timer', TriggerName: t.name, Time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), Message: t.message ?? t.name };
      const run = t
        .handler(event, { request_id: newId('rq'), time_limit_in_ms: 30_000 })
        .catch((e) => console.error(JSON.stringify({ level: 'error', msg: 'timer failed', timer: t.name, error: (e as Error).message })))
        .finally(() => {
          running = false;
          inFlight.delete(run);
        });
      inFlight.add(run);
    }, t.everyMs);
  });
  return async () => {
    handles.forEach(clearInterval);
    await Promise.all([...inFlight]);
  };
}
