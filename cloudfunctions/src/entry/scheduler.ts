import { SYSTEM } from '../contexts';
import { jobs } from '../jobs/job-registry';
import { dueJobs } from '../platform/schedule';
import { isTimerEvent, type ScfContext } from '../platform/http/scf-adapter';
import { instanceDeps } from '../platform/runtime';

/** The argument of the one minute trigger: run the jobs the schedule table says are due now. */
export const TICK = 'tick';
const JOB_BUDGET_MS = 60_000;

/**
 * SCF `scheduler` function. One timer trigger fires every minute with `tick`: the jobs of every context
 * module whose schedule is due that minute run one after another, sharing the time left. A trigger (or a
 * manual call) naming one job runs that job; unknown names fail loudly so a mistyped trigger is noticed.
 */
export async function main_handler(event: unknown, context?: ScfContext) {
  if (!isTimerEvent(event)) throw new Error('scheduler accepts only timer events');
  const name = (event.Message || event.TriggerName).trim();
  if (name !== TICK && !jobs.has(name)) throw new Error(`unknown job "${name}"; known: ${TICK}, ${[...jobs.keys()].join(', ')}`);
  const deps = await instanceDeps(SYSTEM);
  const deadline = Date.now() + Math.max(1000, (context?.time_limit_in_ms ?? 60_000) - 5000);
  const run = async (job: string, cap = Infinity) => {
    const result = await jobs.get(job)!(deps, { budgetMs: Math.max(1000, Math.min(cap, deadline - Date.now())), trigger: event.TriggerName });
    deps.log.info('job done', { job, ...result });
    return result;
  };
  if (name !== TICK) return { job: name, ...(await run(name)) };
  // the trigger's own firing time (the minute it stands for), even when the run starts late
  const fired = Date.parse(event.Time);
  const at = Number.isNaN(fired) ? deps.now() : new Date(fired);
  const due = dueJobs(SYSTEM.jobs, at).map((j) => j.name);
  const results: Record<string, Record<string, unknown>> = {};
  const failed: string[] = [];
  for (const job of due) {
    // one job failing must not starve the others of their turn; the failure is logged and reported
    try {
      results[job] = await run(job, JOB_BUDGET_MS); // leaves time for the jobs after it in the same tick
    } catch (e) {
      failed.push(job);
      deps.log.error('job failed', { job, error: (e as Error).message });
    }
  }
  return { tick: at.toISOString(), due, failed, results };
}
