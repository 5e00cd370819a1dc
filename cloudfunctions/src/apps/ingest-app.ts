import type { Deps } from '../platform/deps';
import { createApp } from '../platform/http/app';
import { SYSTEM } from '../contexts';
import { PIT_UPLOAD_TOO_LARGE } from '@cityloop/shared/pit/domain/upload-limits';
import { POINT_FILE_TOO_LARGE, POINT_IMPORT_PATH } from '@cityloop/shared/pit/onboard.limits';

export const INGEST_BODY_LIMIT = 6 * 1024 * 1024 - 64 * 1024;

/** Instrument and monitoring-unit uploads (the `ingest` function): larger bodies, up to SCF's 6 MB. */
export function createIngestApp(deps: Deps) {
  // Only pit files come here (raw files, point spreadsheets), with no direct-upload path: say what to do instead.
  return createApp(deps, SYSTEM.ingestRoutes, { bodyLimitBytes: INGEST_BODY_LIMIT, tooLargeMessage: (path) => (POINT_IMPORT_PATH.test(path) ? POINT_FILE_TOO_LARGE : PIT_UPLOAD_TOO_LARGE) });
}
