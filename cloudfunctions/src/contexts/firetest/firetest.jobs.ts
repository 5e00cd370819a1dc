// The context's scheduled jobs: only the scheduler bundle carries this file (scripts/build-functions.ts).
import type { Job } from '../../platform/context-module';
import { escalateOverdueNotices } from './event-actions';
import { settleAgencyImports, settleInstrumentImports } from './import-staging';

export { escalateOverdueNotices };

/** Every 15 minutes: overdue handling notices escalate; agency and instrument imports a crash left committed or staging are settled. */
export const fireQuarterHour: Job = async (deps, opts) => ({
  ...(await escalateOverdueNotices(deps, { ...opts, budgetMs: opts.budgetMs / 2 })),
  agencyImports: await settleAgencyImports(deps, Math.min(15_000, opts.budgetMs / 4)),
  instrumentImports: await settleInstrumentImports(deps, Math.min(15_000, opts.budgetMs / 4)),
});
