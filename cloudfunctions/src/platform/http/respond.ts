import type { Context } from 'hono';
import type { ZodType } from 'zod';
import { invalid } from '@cityloop/shared/errors';
import type { AppEnv } from './app-env';
import type { WithPending } from '../outbox/collect';

/** `{ ok: true, data, policies?, requestId }` */
export function ok<T>(c: Context<AppEnv>, data: T, extra: { status?: number; policies?: Record<string, boolean> } = {}) {
  return c.json({ ok: true as const, data, ...(extra.policies ? { policies: extra.policies } : {}), requestId: c.get('requestId') }, (extra.status ?? 200) as 200);
}

/** Parses the JSON body and validates it; malformed JSON and schema errors become clear 400s. */
export async function jsonBody<T>(c: Context<AppEnv>, schema: ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = text === '' ? {} : JSON.parse(text);
  } catch {
    throw invalid('请求内容不是有效的 JSON', 'invalid_json');
  }
  return schema.parse(raw);
}

export function query<T>(c: Context<AppEnv>, schema: ZodType<T>): T {
  return schema.parse(c.req.query());
}

/**
 * Marks an aggregate whose outbox the request wrote, so it is drained before the response. `inserted`: the document
 * exactly as the request inserted it (spares reading it back), and whether it is an append-only record whose
 * pending marks the next sweep may empty (collectOutbox).
 */
export function touched(c: Context<AppEnv>, collection: string, id: string, inserted?: { written: WithPending; sweepClears?: boolean }) {
  c.get('touched').push({ collection, id, ...inserted });
}
