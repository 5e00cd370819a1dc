import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { DomainError } from '@cityloop/shared/errors';
import type { AppEnv } from './app-env';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/unavailable';

type ErrBody = { ok: false; error: string; message: string; data?: unknown; requestId: string };

function fromZod(e: ZodError): { code: string; message: string; data: unknown } {
  const issues = e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  return { code: 'invalid_input', message: `输入有误：${issues.join('；')}`, data: { issues } };
}

/** One place that turns any thrown thing into the error envelope with the right status. */
export function errorBoundary(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  const send = (status: number, body: Omit<ErrBody, 'ok' | 'requestId'>) =>
    c.json({ ok: false, requestId, ...body } satisfies ErrBody, status as 400);
  if (err instanceof DomainError) return send(err.status, { error: err.code, message: err.message, data: err.data });
  if (err instanceof ZodError) {
    const z = fromZod(err);
    return send(400, { error: z.code, message: z.message, data: z.data });
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return send(413, { error: 'payload_too_large', message: '提交的内容过大' });
    if (err.status === 400 && /json/i.test(err.message)) return send(400, { error: 'invalid_json', message: '请求内容不是有效的 JSON' });
    return send(err.status, { error: 'http_error', message: err.message });
  }
  if (isDatabaseUnavailable(err)) {
    c.get('log')?.warn('database unavailable', { error: err.message });
    c.header('retry-after', '5');
    return send(503, { error: 'database_unavailable', message: DATABASE_UNAVAILABLE_MESSAGE });
  }
  const code = (err as { code?: unknown }).code;
  if (code === 11000) return send(409, { error: 'conflict', message: '记录已存在' });
  c.get('log')?.error('unhandled error', { error: err.message, stack: err.stack });
  return send(500, { error: 'internal_error', message: '服务器开小差了，请稍后再试' });
}
