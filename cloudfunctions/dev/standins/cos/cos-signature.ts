import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** COS request signatures, `q-sign-algorithm=sha1` (cloud.tencent.com/document/product/436/7778). */

/** encodeURIComponent plus ! ' ( ) *, as the COS SDKs encode keys and values. */
export const camSafeUrlEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmacSha1Hex = (key: string, data: string) => createHmac('sha1', key).update(data).digest('hex');
const sha1Hex = (data: string) => createHash('sha1').update(data, 'utf8').digest('hex');

/** `name=value&…` with names lowercased and both sides encoded, sorted by name. */
export function pairString(pairs: Array<[string, string]>): string {
  return pairs
    .map(([k, v]): [string, string] => [camSafeUrlEncode(k).toLowerCase(), camSafeUrlEncode(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export type CosSignInput = {
  secretKey: string;
  method: string;
  /** The decoded object path with its leading '/', e.g. `/evidence/a b.jpg`. */
  pathname: string;
  params: Array<[string, string]>;
  headers: Array<[string, string]>;
  keyTime: string;
  signTime?: string;
};

export function cosSignature(i: CosSignInput): string {
  const signKey = hmacSha1Hex(i.secretKey, i.keyTime);
  const formatString = [i.method.toLowerCase(), i.pathname, pairString(i.params), pairString(i.headers), ''].join('\n');
  const toSign = ['sha1', i.signTime ?? i.keyTime, sha1Hex(formatString), ''].join('\n');
  return hmacSha1Hex(signKey, toSign);
}

export type CosAuthFailure = { ok: false; status: number; code: string; message: string };
export type CosAuthResult = { ok: true; secretId: string; presigned: boolean } | CosAuthFailure;

const FIELDS = ['q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list', 'q-url-param-list', 'q-signature'] as const;
const fail = (status: number, code: string, message: string): CosAuthFailure => ({ ok: false, status, code, message });

function authFields(headers: IncomingHttpHeaders, query: URLSearchParams): { fields: Map<string, string>; presigned: boolean } | null {
  const header = headers.authorization;
  if (header) {
    const fields = new Map<string, string>();
    for (const part of header.split('&')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
    }
    return { fields, presigned: false };
  }
  if (query.has('q-sign-algorithm')) return { fields: new Map(FIELDS.map((f) => [f, query.get(f) ?? ''])), presigned: true };
  return null;
}

const timeWindow = (s: string) => {
  const m = /^(\d+);(\d+)$/.exec(s);
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
};

/**
 * Verifies the Authorization header or, for presigned URLs, the q-* query parameters: key lookup,
 * q-key-time/q-sign-time window, then the signature over the listed headers and query parameters
 * taken from the actual request, compared in constant time.
 */
export function verifyCosRequest(
  req: { method: string; pathname: string; query: URLSearchParams; headers: IncomingHttpHeaders },
  keyFor: (secretId: string) => string | undefined,
  nowSec: number,
): CosAuthResult {
  const found = authFields(req.headers, req.query);
  if (!found) return fail(403, 'AccessDenied', 'Access Denied.');
  const f = found.fields;
  if (f.get('q-sign-algorithm') !== 'sha1') return fail(403, 'AccessDenied', 'q-sign-algorithm must be sha1.');
  const secretId = f.get('q-ak') ?? '';
  const secretKey = keyFor(secretId);
  if (secretKey === undefined) return fail(403, 'InvalidAccessKeyId', 'The access key Id format you provided is invalid.');
  const keyTime = f.get('q-key-time') ?? '';
  const signTime = f.get('q-sign-time') ?? '';
  const kw = timeWindow(keyTime);
  const sw = timeWindow(signTime);
  if (!kw || !sw) return fail(403, 'AccessDenied', 'q-key-time and q-sign-time must be "start;end".');
  if (nowSec > kw.end || nowSec > sw.end) return fail(403, 'AccessDenied', 'Request has expired');

  const list = (name: string) => (f.get(name) ?? '').split(';').filter(Boolean);
  const headers = list('q-header-list').map((n): [string, string] => {
    const v = req.headers[decodeURIComponent(n)];
    return [decodeURIComponent(n), Array.isArray(v) ? v.join(',') : (v ?? '')];
  });
  const queryKeys = [...req.query.keys()];
  const params = list('q-url-param-list').map((n): [string, string] => {
    const key = queryKeys.find((k) => camSafeUrlEncode(k).toLowerCase() === n) ?? decodeURIComponent(n);
    return [key, req.query.get(key) ?? ''];
  });
  const expected = cosSignature({ secretKey, method: req.method, pathname: req.pathname, params, headers, keyTime, signTime });
  const given = Buffer.from(f.get('q-signature') ?? '', 'utf8');
  const exp = Buffer.from(expected, 'utf8');
  if (given.length !== exp.length || !timingSafeEqual(given, exp)) {
    return fail(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.');
  }
  return { ok: true, secretId, presigned: found.presigned };
}
