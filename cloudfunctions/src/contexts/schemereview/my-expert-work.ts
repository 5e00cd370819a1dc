import type { Actor } from '@cityloop/shared/identity/roles';
import type { MyExpertWork } from '@cityloop/shared/dangerous-works/review.contract';
import { CATEGORY_LABELS, EXPERT_STATE_LABELS, INVITATION_STATUS_LABELS } from '@cityloop/shared/dangerous-works/review.limits';
import type { Deps } from '../../platform/deps';
import type { Review } from './schemereview.collections';
import { findExpertByUser } from './expert.repository';
import { listReviews } from './review.repository';

type Item = MyExpertWork['items'][number];
const ORDER: Record<Item['next'], number> = { reply: 0, sign_in: 1, opinion: 2, report: 3, none: 4 };

/** What the expert does next on a review: answer, check in and sign in, write their opinion, wait for the report. */
function nextStep(r: Review, userId: string): Pick<Item, 'next' | 'signedIn' | 'opinionGiven'> & { inv: Review['invitations'][number] } | null {
  const inv = [...r.invitations].reverse().find((i) => i.userId === userId);
  if (!inv) return null;
  const signedIn = r.signIns.some((s) => s.expertId === inv.expertId);
  const opinionGiven = r.opinions.some((o) => o.expertId === inv.expertId);
  let next: Item['next'] = 'none';
  if (inv.status === 'invited' && r.state === 'inviting') next = 'reply';
  else if (inv.status === 'accepted' && !r.report) next = !signedIn ? 'sign_in' : !opinionGiven ? 'opinion' : 'report';
  return { inv, next, signedIn, opinionGiven };
}

/**
 * An expert's way in: experts hold no role binding — the library says who they are — so their invitations,
 * meetings and opinions are found through the reviews that name them (`scope.expertUserIds`, the same
 * filter the `review.expert` rule gives). Anyone else gets `expert: null` and nothing.
 */
export async function myExpertWork(deps: Deps, actor: NonNullable<Actor>): Promise<MyExpertWork> {
  const e = await findExpertByUser(deps.db, actor.userId);
  const reviews = await listReviews(deps.db, { 'scope.expertUserIds': actor.userId }, 100);
  if ((!e || e.active === false) && !reviews.length) return { expert: null, items: [], consultations: [] };
  const items: Item[] = [];
  for (const r of reviews) {
    const s = nextStep(r, actor.userId);
    if (!s) continue;
    items.push({
      reviewId: r._id, projectName: r.projectName, itemName: r.itemName, category: CATEGORY_LABELS[r.category] ?? r.category, meetingAt: r.meetingAt.toISOString(), venue: r.venue, reviewState: r.state,
      invitation: { status: s.inv.status, statusLabel: INVITATION_STATUS_LABELS[s.inv.status] ?? s.inv.status, deadline: s.inv.deadline.toISOString() },
      next: s.next, signedIn: s.signedIn, opinionGiven: s.opinionGiven,
    });
  }
  items.sort((a, b) => ORDER[a.next] - ORDER[b.next] || a.meetingAt.localeCompare(b.meetingAt));
  const consultations = reviews.flatMap((r) =>
    r.consultations.filter((x) => !x.opinion && x.experts.some((p) => p.userId === actor.userId)).map((x) => ({ reviewId: r._id, consultationId: x.id, projectName: r.projectName, itemName: r.itemName, alarmLevel: x.alarmLevel })),
  );
  return { expert: e && e.active !== false ? { id: e._id, name: e.name, state: e.state, stateLabel: EXPERT_STATE_LABELS[e.state] } : null, items, consultations };
}
