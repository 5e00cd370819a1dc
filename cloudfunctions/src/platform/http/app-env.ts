import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../deps';
import type { Logger } from '../log';
import type { User } from '../auth/users';
import type { TrustedRequestFacts } from './scf-adapter';
import type { WithPending } from '../outbox/collect';

/** Typed Hono context variables. */
export type AppEnv = {
  /** set by the SCF adapter; absent when a test calls `app.fetch` directly */
  Bindings: { trusted?: TrustedRequestFacts };
  Variables: {
    deps: Deps;
    requestId: string;
    log: Logger;
    actor: Actor;
    user: User | null;
    ip: string;
    /** aggregates written by this request whose outbox should be drained before responding */
    touched: { collection: string; id: string; written?: WithPending; sweepClears?: boolean }[];
  };
};
