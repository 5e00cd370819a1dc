import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** TC3-HMAC-SHA256, as the Tencent Cloud API checks it (docs/domain/platform.md §3.3). */

export const TC3_AUTH_RE =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;
export const MAX_SKEW_SEC = 300;

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** UTC yyyy-mm-dd of a unix timestamp in seconds. */
export const utcDate = (timestampSec: number) => new Date(timestampSec * 1000).toISOString().slice(0, 10);

/** `name:trimmed-lowercase-value\n` for each signed header, in the order given (sorted by the caller). */
export function canonicalHeaders(pairs: Array<[name: string, value: string]>): string {
  return pairs.map(([n, v]) => `${n.toLowerCase()}:${v.trim().toLowerCase()}\n`).join('');
}

export function canonicalRequest(p: { method: string; path: string; query: string; canonicalHeaders: string; signedHeaders: string; bodyHash: string }): string {
  return [p.method.toUpperCase(), p.path, p.query, p.canonicalHeaders, p.signedHeaders, p.bodyHash].join('\n');
}

export function stringToSign(timestampSec: number, date: string, service: string, canonicalRequestHash: string): string {
  return `TC3-HMAC-SHA256\n${timestampSec}\n${date}/${service}/tc3_request\n${canonicalRequestHash}`;
}

export function tc3Signature(secretKey: string, date: string, service: string, toSign: string): string {
  const kSigning = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', kSigning).update(toSign).digest('hex');
}

export type Tc3SignInput = {
  secretId: string;
  secretKey: string;
  service: string;
  timestampSec: number;
  /** Header name → value; every one is signed. */
  headers: Record<string, string>;
  body: string | Buffer;
  method?: string;
  path?: string;
  query?: string;
};

/** Signs a request the way the SDK does; returns every intermediate for tests and tooling. */
export function signTc3(i: Tc3SignInput) {
  const pairs = Object.entries(i.headers)
    .map(([n, v]): [string, string] => [n.toLowerCase(), v])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = pairs.map(([n]) => n).join(';');
  const bodyHash = sha256Hex(i.body);
  const creq = canonicalRequest({ method: i.method ?? 'POST', path: i.path ?? '/', query: i.query ?? '', canonicalHeaders: canonicalHeaders(pairs), signedHeaders, bodyHash });
  const canonicalRequestHash = sha256Hex(creq);
  const date = utcDate(i.timestampSec);
  const signature = tc3Signature(i.secretKey, date, i.service, stringToSign(i.timestampSec, date, i.service, canonicalRequestHash));
  const authorization = `TC3-HMAC-SHA256 Credential=${i.secretId}/${date}/${i.service}/tc3_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { bodyHash, canonicalRequest: creq, canonicalRequestHash, signature, authorization };
}

export type Tc3Request = { method: string; path: string; query: string; headers: IncomingHttpHeaders; body: Buffer };
export type Tc3Failure = { ok: false; code: string; message: string };
export type Tc3Result = { ok: true; secretId: string; service: string; timestampSec: number } | Tc3Failure;

const fail = (code: string, message: string): Tc3Failure => ({ ok: false, code, message });
const header = (h: IncomingHttpHeaders, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/**
 * Verifies a request's TC3 signature: parse, SecretId lookup, canonical headers from the actual
 * request values (host without the port first, then the full Host), the raw body bytes, the 300 s
 * window, then a constant-time comparison.
 */
export function verifyTc3(req: Tc3Request, keyFor: (secretId: string) => string | undefined, nowSec: number): Tc3Result {
  const auth = header(req.headers, 'authorization');
  const m = auth ? TC3_AUTH_RE.exec(auth) : null;
  if (!m) return fail('AuthFailure.InvalidAuthorization', 'Authorization in the request header is invalid.');
  const [, secretId, date, service, signedHeaders, signature] = m;
  const secretKey = keyFor(secretId);
  if (secretKey === undefined) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');

  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) {
    return fail('AuthFailure.InvalidAuthorization', 'SignedHeaders must include content-type and host.');
  }
  const ts = Number(header(req.headers, 'x-tc-timestamp'));
  if (!Number.isInteger(ts)) return fail('MissingParameter', 'The request is missing a required parameter `Timestamp`.');

  const fullHost = header(req.headers, 'host') ?? '';
  const hostCandidates = [...new Set([fullHost.replace(/:\d+$/, ''), fullHost])];
  const bodyHash = sha256Hex(req.body);
  const expected = hostCandidates.map((host) => {
    const pairs = names.map((n): [string, string] => [n, n === 'host' ? host : header(req.headers, n) ?? '']);
    const creq = canonicalRequest({ method: req.method, path: req.path, query: req.query, canonicalHeaders: canonicalHeaders(pairs), signedHeaders, bodyHash });
    return tc3Signature(secretKey, date, service, stringToSign(ts, date, service, sha256Hex(creq)));
  });

  if (date !== utcDate(ts) || Math.abs(nowSec - ts) > MAX_SKEW_SEC) {
    return fail('AuthFailure.SignatureExpire', `Signature expired. Timestamp: ${ts}, server time: ${nowSec}; they may differ by at most ${MAX_SKEW_SEC} s.`);
  }
  const given = Buffer.from(signature, 'utf8');
  const match = expected.some((e) => timingSafeEqual(Buffer.from(e, 'utf8'), given));
  if (!match) return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  return { ok: true, secretId, service, timestampSec: ts };
}
