import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../deps';
import type { Logger } from '../log';
import type { User } from '../auth/users';

/** Typed Hono context variables. */
export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    log: Logger;
    actor: Actor;
    user: User | null;
    ip: string;
    /** aggregates written by this request whose outbox should be drained before responding */
    touched: { collection: string; id: string }[];
  };
};
