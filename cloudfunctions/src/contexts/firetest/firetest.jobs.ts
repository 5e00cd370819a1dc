// The context's scheduled jobs: only the scheduler bundle carries this file (scripts/build-functions.ts).
import type { Job } from '../../platform/context-module';
import { escalateOverdueNotices } from './event-actions';
import { settleAgencyImports } from './import-agencies';

export { escalateOverdueNotices };

/** Every 15 minutes: overdue handling notices escalate; agency imports a crash left committed or staging are settled. */
export const fireQuarterHour: Job = async (deps, opts) => ({
  ...(await escalateOverdueNotices(deps, { ...opts, budgetMs: opts.budgetMs / 2 })),
  ...(await settleAgencyImports(deps, Math.min(30_000, opts.budgetMs / 2))),
});
