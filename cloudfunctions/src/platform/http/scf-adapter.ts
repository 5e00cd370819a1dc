import { lightRequest } from './light-request';
import { LightResponse } from './light-response';

/**
 * The one adapter between Tencent SCF and standard Request/Response (Hono's pattern: one file per runtime).
 * Accepts the Function URL event and the legacy API Gateway shape (docs/ARCHITECTURE.md §3, docs/domain/platform.md §5).
 */
export type ScfHttpEvent = {
  httpMethod: string;
  path: string;
  headers?: Record<string, string | undefined>;
  queryString?: Record<string, string | string[] | undefined>;
  queryStringParameters?: Record<string, string | string[] | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { sourceIp?: string; requestId?: string; path?: string; stage?: string };
};
export type ScfTimerEvent = { Type: 'Timer'; TriggerName: string; Time: string; Message?: string };
export type ScfContext = { request_id?: string; function_name?: string; memory_limit_in_mb?: number; time_limit_in_ms?: number };
export type ScfHttpResult = { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean };

export const isTimerEvent = (e: unknown): e is ScfTimerEvent => !!e && (e as ScfTimerEvent).Type === 'Timer';
export const isHttpEvent = (e: unknown): e is ScfHttpEvent => !!e && typeof (e as ScfHttpEvent).httpMethod === 'string';

/**
 * What the platform, not the client, says about a request: the peer address API Gateway saw and the
 * platform's request id. Passed to the app beside the Request (never as headers a client could also send).
 */
export type TrustedRequestFacts = { sourceIp?: string; platformRequestId?: string };

export function trustedFactsOf(event: ScfHttpEvent, context?: ScfContext): TrustedRequestFacts {
  return { sourceIp: event.requestContext?.sourceIp, platformRequestId: context?.request_id ?? event.requestContext?.requestId };
}

export function eventToRequest(event: ScfHttpEvent): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers.set(k.toLowerCase(), v);

  const host = headers.get('host') ?? 'scf.local';
  const url = new URL(event.path || '/', `https://${host}`);
  const query = event.queryString ?? event.queryStringParameters ?? {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
  }
  const method = event.httpMethod.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD' && event.body != null && event.body !== '';
  const body = hasBody ? (event.isBase64Encoded ? Buffer.from(event.body!, 'base64') : event.body!) : undefined;
  // The event carries the whole body: say how long it is (Hono's body limit otherwise re-reads and re-wraps the Request).
  if (body !== undefined) {
    headers.set('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.length));
    headers.delete('transfer-encoding');
  }
  return lightRequest({ method, url: url.href, headers, body });
}

const TEXTUAL = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

export async function responseToResult(res: Response): Promise<ScfHttpResult> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  const type = res.headers.get('content-type') ?? '';
  const light = LightResponse.parts(res);
  if (light && (type === '' || TEXTUAL.test(type))) return { statusCode: light.status, headers, body: light.body ?? '', isBase64Encoded: false };
  const buf = Buffer.from(await res.arrayBuffer());
  const textual = type === '' || TEXTUAL.test(type);
  return { statusCode: res.status, headers, body: textual ? buf.toString('utf8') : buf.toString('base64'), isBase64Encoded: !textual };
}
