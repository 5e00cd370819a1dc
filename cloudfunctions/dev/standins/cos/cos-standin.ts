import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, listenLoopback, readBody } from '../standin-http';
import type { StandinLog } from '../standin-log';
import { verifyCosRequest } from './cos-signature';

export type CosStandinOptions = {
  /** SecretId → SecretKey */
  keys: Record<string, string>;
  bucket: string;
  region: string;
  now: () => number;
  log: StandinLog;
  maxObjectBytes?: number;
  port?: number;
};

export type StoredObject = { data: Buffer; contentType: string; etag: string; lastModified: Date };

const KINDS: Record<string, string> = { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' };
// Sub-resources of the real API this stand-in does not implement (ACLs, multipart, tagging, …).
const SUBRESOURCES = ['acl', 'cors', 'tagging', 'uploads', 'uploadId', 'partNumber', 'append', 'restore', 'versions', 'select'];

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Enough of the COS XML API for evidence storage: PutObject, GetObject, HeadObject (and DeleteObject)
 * on one bucket served at the stand-in's host, each request signed (header or presigned query).
 * Objects live in memory.
 */
export async function startCosStandin(opts: CosStandinOptions) {
  const objects = new Map<string, StoredObject>();
  const maxBytes = opts.maxObjectBytes ?? 64 * 1024 * 1024;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const requestId = randomBytes(18).toString('base64url');
    const kind = KINDS[method] ?? method;
    let key = '';
    try {
      key = decodeURIComponent(url.pathname).replace(/^\//, '');
    } catch {
      key = url.pathname.slice(1);
    }
    const baseHeaders = { 'x-cos-request-id': requestId, server: 'tencent-cos', date: new Date(opts.now()).toUTCString() };

    const error = (status: number, code: string, message: string, payload: unknown = { key }) => {
      opts.log.record({ service: 'cos', kind, ok: false, to: key, payload, error: `${code} ${message}` });
      const resource = `${opts.bucket}.cos.${opts.region}.myqcloud.com/${key}`;
      const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>${code}</Code>\n\t<Message>${xmlEscape(message)}</Message>\n\t<Resource>${xmlEscape(resource)}</Resource>\n\t<RequestId>${requestId}</RequestId>\n\t<TraceId>${randomBytes(24).toString('base64url')}</TraceId>\n</Error>`;
      res.writeHead(status, { ...baseHeaders, 'content-type': 'application/xml', 'content-length': method === 'HEAD' ? 0 : Buffer.byteLength(xml) });
      res.end(method === 'HEAD' ? undefined : xml);
    };

    let body: Buffer;
    try {
      body = await readBody(req, maxBytes);
    } catch (e) {
      if (e instanceof BodyTooLarge) return error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.');
      throw e;
    }
    const auth = verifyCosRequest({ method, pathname: '/' + key, query: url.searchParams, headers: req.headers }, (id) => opts.keys[id], Math.floor(opts.now() / 1000));
    if (!auth.ok) return error(auth.status, auth.code, auth.message);
    if (!KINDS[method]) return error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    if (!key || SUBRESOURCES.some((s) => url.searchParams.has(s))) return error(501, 'NotImplemented', 'This stand-in implements only object PUT, GET, HEAD and DELETE.');

    const meta = { key, presigned: auth.presigned };
    if (method === 'PUT') {
      const md5 = createHash('md5').update(body);
      const contentMd5 = req.headers['content-md5'];
      if (contentMd5 && contentMd5 !== md5.copy().digest('base64')) return error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
      const obj: StoredObject = { data: body, contentType: req.headers['content-type'] ?? 'application/octet-stream', etag: `"${md5.digest('hex')}"`, lastModified: new Date(opts.now()) };
      objects.set(key, obj);
      opts.log.record({ service: 'cos', kind, ok: true, to: key, payload: { ...meta, size: body.length, contentType: obj.contentType } });
      res.writeHead(200, { ...baseHeaders, etag: obj.etag, 'content-length': 0 });
      return void res.end();
    }
    const obj = objects.get(key);
    if (method === 'DELETE') {
      objects.delete(key);
      opts.log.record({ service: 'cos', kind, ok: true, to: key, payload: meta });
      res.writeHead(204, baseHeaders);
      return void res.end();
    }
    if (!obj) return error(404, 'NoSuchKey', 'The specified key does not exist.');
    opts.log.record({ service: 'cos', kind, ok: true, to: key, payload: { ...meta, size: obj.data.length } });
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': obj.contentType,
      'content-length': obj.data.length,
      etag: obj.etag,
      'last-modified': obj.lastModified.toUTCString(),
    });
    res.end(method === 'HEAD' ? undefined : obj.data);
  }

  const started = await listenLoopback(handle, opts.port);
  return { ...started, objects };
}
