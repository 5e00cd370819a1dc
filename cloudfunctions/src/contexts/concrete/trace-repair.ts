import type { Job } from '../../platform/context-module';
import { TRACE_STALE, type TraceStaleMark } from './concrete.collections';
import { deleteIfUnchanged, findDocs } from './concrete-docs.repository';
import { rebuildTraces } from './trace-rebuild';

/**
 * Rebuilds the traces of projects a command could not amend (trace-projection.ts marks them). A mark set again while
 * the rebuild ran stays for the next run: it is removed only if unchanged.
 */
export const repairStaleTraces: Job = async (deps, { budgetMs }) => {
  const started = Date.now();
  let projects = 0;
  let changed = 0;
  for (const mark of await findDocs<TraceStaleMark>(deps.db, TRACE_STALE, {}, { sort: { at: 1 }, limit: 50 })) {
    if (Date.now() - started > budgetMs) break;
    const r = await rebuildTraces(deps, { projectId: mark._id });
    await deleteIfUnchanged(deps.db, TRACE_STALE, mark._id, 'at', mark.at);
    projects++;
    changed += r.changed;
  }
  return { projects, changed };
};
