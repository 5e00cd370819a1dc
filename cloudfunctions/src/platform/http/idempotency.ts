import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { MiddlewareHandler } from 'hono';
import { DomainError, conflict, invalid } from '@cityloop/shared/errors';
import type { AppEnv } from './app-env';
import type { CollectionIndexes } from '../context-module';
import { runInRequestScope } from './request-scope';

/**
 * `Idempotency-Key` on a state-changing request (the mini-program sends one per user action and reuses it when it
 * retries): the first request runs and its answer is kept for a day; a retry with the same key and the same
 * request gets that answer again (header `idempotent-replay: true`) instead of doing the work twice. A retry
 * while the first is still running → 409; the same key on a different request → 422. Answers that say "try
 * again" (429, 5xx) are not kept, and a request that died before answering can be retried: the command runner
 * recognises its own event by the key (run-command.ts), so an applied command answers its result.
 */
type IdempotentRequest = { _id: string; state: 'running' | 'done'; fingerprint: string; at: Date; status?: number; body?: string; contentType?: string };
export const IDEMPOTENCY = 'idempotency_keys';
export const IDEMPOTENCY_INDEXES: CollectionIndexes[] = [{ collection: IDEMPOTENCY, indexes: [{ key: { at: 1 } }] }];
const KEY = /^[\w-]{8,64}$/;
/** A running first attempt older than this is presumed dead (its function timed out or crashed). */
const RUNNING_FOR_MS = 30_000;
const KEEP_MS = 86_400_000;
const MAX_KEPT_BODY = 256 * 1024;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const store = (db: Db) => db.collection<IdempotentRequest>(IDEMPOTENCY);

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (!key || !WRITES.has(c.req.method)) return next();
  if (!KEY.test(key)) throw invalid('请求标识（Idempotency-Key）格式不正确：8–64 位字母、数字、下划线或连字符', 'invalid_idempotency_key');
  const { db, now } = c.get('deps');
  const who = c.get('actor')?.userId ?? `anon:${c.get('ip')}`;
  const id = sha(`${who}\n${key}`);
  const fingerprint = sha(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const t = now();
  try {
    await store(db).insertOne({ _id: id, state: 'running', fingerprint, at: t });
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
    const seen = await store(db).findOne({ _id: id });
    if (seen && seen.fingerprint !== fingerprint) throw new DomainError('idempotency_key_reused', 422, '同一请求标识已用于另一个请求，请刷新页面后重试');
    if (seen?.state === 'done') {
      return new Response(seen.body ?? '', { status: seen.status, headers: { 'content-type': seen.contentType ?? 'application/json; charset=utf-8', 'idempotent-replay': 'true', 'x-request-id': c.get('requestId') } });
    }
    // Still running, unless the first attempt died: then this retry takes it over (atomically: one retry wins).
    const takenOver = await store(db).updateOne({ _id: id, state: 'running', at: { $lt: new Date(t.getTime() - RUNNING_FOR_MS) } }, { $set: { at: t } });
    if (!seen || takenOver.modifiedCount === 0) throw conflict('该请求正在处理中，请稍候查看结果', 'request_in_progress');
  }
  await runInRequestScope({ idempotencyKey: id }, () => next());
  const res = c.res;
  const retryable = res.status >= 500 || res.status === 429;
  const body = retryable ? null : await res.clone().text();
  if (body === null || body.length > MAX_KEPT_BODY) await store(db).deleteOne({ _id: id });
  else await store(db).updateOne({ _id: id }, { $set: { state: 'done', status: res.status, body, contentType: res.headers.get('content-type') ?? undefined } });
};

/** Kept answers older than a day are forgotten (a retry that late is a new request). */
export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<number> {
  return (await store(db).deleteMany({ at: { $lt: new Date(now.getTime() - KEEP_MS) } })).deletedCount;
}
