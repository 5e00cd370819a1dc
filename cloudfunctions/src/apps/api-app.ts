import type { Deps } from '../platform/deps';
import { createApp, type Mount } from '../platform/http/app';
import { healthRoutes } from '../contexts/health/health.routes';
import { identityRoutes } from '../contexts/identity/identity.routes';
import { devLoginRoutes } from '../contexts/identity/dev-login.routes';
import { inboxRoutes } from '../contexts/inbox/inbox.routes';
import { noticesRoutes } from '../contexts/notices/notices.routes';
import { codesRoutes } from '../contexts/codes/codes.routes';
import { evidenceRoutes } from '../contexts/evidence/evidence.routes';
import { pitRoutes } from '../contexts/pit/pit.routes';
import { casesRoutes } from '../contexts/cases/cases.routes';
import { open311Routes } from '../contexts/open311/open311.routes';
import { patrolRoutes } from '../contexts/patrol/patrol.routes';
import { plaquesRoutes } from '../contexts/plaques/plaques.routes';
import { facilitiesRoutes } from '../contexts/facilities/facilities.routes';
import { directoryRoutes } from '../contexts/cases/directory.routes';

/** Every user-facing route, in one app (the `api` function). */
export const apiMounts: Mount[] = [healthRoutes, identityRoutes, inboxRoutes, noticesRoutes, codesRoutes, evidenceRoutes, pitRoutes, casesRoutes, open311Routes, patrolRoutes, plaquesRoutes, facilitiesRoutes, directoryRoutes];

export function createApiApp(deps: Deps) {
  // Compile-time constant in bundles: production drops the persona login code entirely.
  const mounts = process.env.CITYLOOP_BUILD !== 'production' ? [...apiMounts, devLoginRoutes] : apiMounts;
  return createApp(deps, mounts, { bodyLimitBytes: deps.config.apiBodyLimitBytes });
}
