import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Facts about the request being served that deep code needs without every route passing them on: today the
 * idempotency key (hashed with the caller), which the command runner records on the event it writes so a retried
 * command that was applied answers its result instead of `stale_version`.
 */
export type RequestScope = { idempotencyKey?: string };
const storage = new AsyncLocalStorage<RequestScope>();

export const runInRequestScope = <T>(scope: RequestScope, fn: () => Promise<T>): Promise<T> => storage.run(scope, fn);
export const requestScope = (): RequestScope | undefined => storage.getStore();
