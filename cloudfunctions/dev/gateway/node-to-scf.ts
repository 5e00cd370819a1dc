import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ScfHttpEvent, ScfHttpResult } from '../../src/platform/http/scf-adapter';

/** SCF rejects synchronous request bodies over 6 MB before the function runs; so does the gateway. */
export const SCF_SYNC_LIMIT = 6 * 1024 * 1024;

export class BodyTooLarge extends Error {}

const EMPTY = Buffer.alloc(0);

export async function readBody(req: IncomingMessage, limit = SCF_SYNC_LIMIT): Promise<Buffer> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return EMPTY; // no body (RFC 9112 §6.3)
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Builds the Function URL event SCF would send for this request (docs/domain/platform.md §5). */
export function toScfEvent(req: IncomingMessage, body: Buffer): ScfHttpEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const queryString: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    queryString[key] = all.length === 1 ? all[0] : all;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  // As a proxy does: append the peer we saw (the app trusts only the entries its trusted proxies appended).
  const peer = req.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer;
  const text = body.length ? body.toString('utf8') : '';
  const isText = !body.length || Buffer.from(text, 'utf8').equals(body);
  return {
    httpMethod: req.method ?? 'GET',
    path: url.pathname,
    headers,
    queryString,
    body: isText ? text : body.toString('base64'),
    ...(isText ? {} : { isBase64Encoded: true }),
  };
}

export function sendScfResult(res: ServerResponse, r: ScfHttpResult): void {
  res.writeHead(r.statusCode, r.headers);
  res.end(r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body);
}
