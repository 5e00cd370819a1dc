import type { Deps } from '../../platform/deps';
import type { Job } from '../../platform/context-module';
import type { Review } from './schemereview.collections';
import { findScheme } from './scheme.repository';
import { findExpert } from './expert.repository';
import { markReportFollowedUp, reviewsAwaitingFollowUp } from './review.repository';
import { systemSchemeAction } from './scheme-commands';
import { recordIntegrity } from './expert-library';

/**
 * What follows a report outside the review — the scheme takes the conclusion, each accepted expert's attendance goes
 * into the integrity record (accepted but absent: a bad record, which suspends) — then the review is marked. These
 * are other aggregates' commands, written after the review's own; each step first checks whether it is already done,
 * so the sweep below can finish what a crash between them left half done, and nothing is written twice.
 */
export async function followUpReport(deps: Deps, r: Review): Promise<void> {
  const c = r.report!.conclusion;
  const scheme = await findScheme(deps.db, r.schemeId);
  if (scheme && scheme.state === 'review_pending' && scheme.reviewIds.at(-1) === r._id) {
    const action = c === '通过' ? 'review_pass' : c === '修改后通过' ? 'review_revise' : 'review_fail';
    await systemSchemeAction(deps, r.schemeId, action, { reviewedVersion: r.schemeVersion, lastConclusion: c, revisionToInform: c === '修改后通过' }, `专家论证结论：${c}`);
  }
  const present = new Set(r.signIns.map((s) => s.expertId));
  for (const inv of r.invitations.filter((i) => i.status === 'accepted')) {
    const expert = await findExpert(deps.db, inv.expertId);
    if (!expert || expert.integrity.some((e) => e.reviewId === r._id)) continue;
    const attended = present.has(inv.expertId);
    await recordIntegrity(deps, null, inv.expertId, { kind: attended ? 'good' : 'bad', note: attended ? `出席${r.projectName}${r.itemName}专家论证` : `接受${r.projectName}${r.itemName}论证邀请后未出席`, reviewId: r._id, version: 'none' }, {});
  }
  await markReportFollowedUp(deps.db, r._id, deps.now());
}

/** Reports older than this whose follow-up is unmarked were left half done (a request takes seconds). */
export const FOLLOW_UP_GRACE_MS = 5 * 60_000;

/** The repair sweep: finishes the follow-up of reports a crash interrupted. */
export const reportFollowUpSweep: Job = async (deps, { budgetMs }) => {
  const started = Date.now();
  let repaired = 0;
  for (const r of await reviewsAwaitingFollowUp(deps.db, new Date(deps.now().getTime() - FOLLOW_UP_GRACE_MS))) {
    if (Date.now() - started > budgetMs) break;
    await followUpReport(deps, r).then(() => repaired++, (e) => deps.log.warn('report follow-up failed', { id: r._id, error: (e as Error).message }));
  }
  return { repaired };
};
