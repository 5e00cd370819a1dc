import type { ContextModule } from './context-module';
import { USER_INDEXES } from './auth/users';
import { AUDIT_INDEXES } from './audit/audit-log';
import { OUTBOX_INDEXES } from './outbox/outbox.collections';
import { INBOX_INDEXES } from './outbox/inbox.collection';
import { housekeeping } from './outbox/housekeeping.job';
import { LIMIT_SLOT_INDEXES } from './limits/limit-slots';
import { IDEMPOTENCY_INDEXES } from './http/idempotency';
import { DEVICE_NONCE_INDEXES } from './device/device-nonces.repository';

/** What the platform itself keeps: users, the audit log, the outbox and inbox, and the outbox's housekeeping. */
export const platformModule: ContextModule = {
  name: 'platform',
  indexes: [...USER_INDEXES, ...AUDIT_INDEXES, ...OUTBOX_INDEXES, ...INBOX_INDEXES, ...LIMIT_SLOT_INDEXES, ...IDEMPOTENCY_INDEXES, ...DEVICE_NONCE_INDEXES],
  jobs: [{ name: 'housekeeping', schedule: { everyMinutes: 10 }, run: (deps) => housekeeping(deps) }],
};
