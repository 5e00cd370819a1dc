import '../jobs/housekeeping.job';
import '../jobs/pit.jobs';
import '../jobs/city.jobs';
import '../contexts/plaques/plaque.jobs';
import '../contexts/facilities/facility-imports.job';
import { jobs } from '../jobs/job-registry';
import { isTimerEvent, type ScfContext } from '../platform/http/scf-adapter';
import { instanceDeps } from '../platform/runtime';

/**
 * SCF `scheduler` function: timer triggers name the job in their argument (`Message`), or by trigger name.
 * Unknown jobs fail loudly so a mistyped trigger is noticed, not silently idle.
 */
export async function main_handler(event: unknown, context?: ScfContext) {
  if (!isTimerEvent(event)) throw new Error('scheduler accepts only timer events');
  const name = (event.Message || event.TriggerName).trim();
  const job = jobs.get(name);
  if (!job) throw new Error(`unknown job "${name}"; known: ${[...jobs.keys()].join(', ')}`);
  const deps = await instanceDeps();
  const budgetMs = Math.max(1000, (context?.time_limit_in_ms ?? 60_000) - 5000);
  const result = await job(deps, { budgetMs, trigger: event.TriggerName });
  deps.log.info('job done', { job: name, ...result });
  return { job: name, ...result };
}
