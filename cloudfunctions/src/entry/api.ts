import type { Hono } from 'hono';
import { createApiApp } from '../apps/api-app';
import { SYSTEM } from '../contexts';
import type { AppEnv } from '../platform/http/app-env';
import { handleHttpEvent } from '../platform/http/scf-handler';
import type { ScfContext } from '../platform/http/scf-adapter';
import { instanceDeps } from '../platform/runtime';

let app: Hono<AppEnv> | undefined;

/** SCF `api` function: every user-facing route, behind a Function URL. */
export async function main_handler(event: unknown, context?: ScfContext) {
  app ??= createApiApp(await instanceDeps(SYSTEM));
  return handleHttpEvent(app, event, context);
}
