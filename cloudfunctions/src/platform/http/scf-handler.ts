import type { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { installLightResponse } from './light-response';
import { eventToRequest, isHttpEvent, responseToResult, trustedFactsOf, type ScfContext, type ScfHttpResult } from './scf-adapter';

installLightResponse();

/** Runs one SCF HTTP event through a Hono app. */
export async function handleHttpEvent(app: Hono<AppEnv>, event: unknown, context?: ScfContext): Promise<ScfHttpResult> {
  if (!isHttpEvent(event)) {
    return { statusCode: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: false, error: 'unsupported_event', message: '不支持的调用方式', requestId: context?.request_id ?? 'unknown' }), isBase64Encoded: false };
  }
  const res = await app.fetch(eventToRequest(event), { trusted: trustedFactsOf(event, context) });
  return responseToResult(res);
}
