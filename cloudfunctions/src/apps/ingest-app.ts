import type { Deps } from '../platform/deps';
import { createApp } from '../platform/http/app';
import { SYSTEM } from '../contexts';
import { PIT_UPLOAD_TOO_LARGE } from '@cityloop/shared/pit/domain/upload-limits';

export const INGEST_BODY_LIMIT = 6 * 1024 * 1024 - 64 * 1024;

/** Instrument and monitoring-unit uploads (the `ingest` function): larger bodies, up to SCF's 6 MB. */
export function createIngestApp(deps: Deps) {
  // Only pit files come here, and pit files have no direct-upload path: say how to split instead.
  return createApp(deps, SYSTEM.ingestRoutes, { bodyLimitBytes: INGEST_BODY_LIMIT, tooLargeMessage: PIT_UPLOAD_TOO_LARGE });
}
