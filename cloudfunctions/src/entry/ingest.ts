import type { Hono } from 'hono';
import { createIngestApp } from '../apps/ingest-app';
import { SYSTEM } from '../contexts';
import type { AppEnv } from '../platform/http/app-env';
import { handleHttpEvent } from '../platform/http/scf-handler';
import type { ScfContext } from '../platform/http/scf-adapter';
import { instanceDeps } from '../platform/runtime';

let app: Hono<AppEnv> | undefined;

/** SCF `ingest` function: raw instrument data in, behind its own Function URL. */
export async function main_handler(event: unknown, context?: ScfContext) {
  app ??= createIngestApp(await instanceDeps(SYSTEM));
  return handleHttpEvent(app, event, context);
}
