import type { Deps } from '../platform/deps';

/** A scheduled job: idempotent (SCF retries async timer calls), bounded by the time it is given. */
export type Job = (deps: Deps, opts: { budgetMs: number; trigger: string }) => Promise<Record<string, unknown>>;

export const jobs = new Map<string, Job>();
export function registerJob(name: string, job: Job): void {
  jobs.set(name, job);
}
