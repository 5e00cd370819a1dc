import type { Deps } from '../platform/deps';
import { createApp } from '../platform/http/app';
import { SYSTEM } from '../contexts';
import { devLoginRoutes } from '../contexts/identity/dev-login.routes';

/** Every user-facing route of every context module, in one app (the `api` function). */
export function createApiApp(deps: Deps) {
  // Compile-time constant in bundles: production drops the persona login code entirely.
  const mounts = process.env.CITYLOOP_BUILD !== 'production' ? [...SYSTEM.routes, devLoginRoutes] : SYSTEM.routes;
  return createApp(deps, mounts, { bodyLimitBytes: deps.config.apiBodyLimitBytes });
}
