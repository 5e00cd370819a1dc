import { notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import type { CodeResolver } from '../../platform/codes/code-resolvers';
import { findReview, reviewRepository } from './review.repository';
import { findScheme } from './scheme.repository';
import { reviewStep } from './apply-review';
import { archiveDocuments, publicPart, trailHash } from './review-trail';
import { projectPeople, reviewMessages } from './review-messages';

/**
 * 归档 (37号令 art. 24): every document of the trail with its hash, and the hash of the whole trail. A
 * 修改后通过 review waits until the contractor has informed the experts of the revision.
 */
export async function archiveReview(deps: Deps, actor: NonNullable<Actor>, id: string, version: number, ctx: { requestId?: string; ip?: string }) {
  return runCommand(deps, {
    repo: reviewRepository, id, eventAction: 'review.archive', action: 'archive', actor, version, ctx, notFoundMessage: '论证不存在', staleMessage: '论证已更新，请刷新后再操作',
    authorize: (r) => {
      if (!can(actor, 'review.archive', { kind: 'review', scope: r.scope }).allow) throw notFound('论证不存在');
      return 'regulator';
    },
    step: { ...reviewStep(), context: (r, by) => ({ by, informPending: r.report?.conclusion === '修改后通过' && !r.informed }) },
    apply: async ({ agg: r, at, eventId }) => {
      const s = await findScheme(deps.db, r.schemeId);
      if (!s) throw notFound('方案不存在');
      const documents = archiveDocuments(r, s);
      const hash = trailHash(r, documents);
      const parties = await projectPeople(deps.db, r.projectId, ['contractor', 'supervisor', 'owner']);
      return {
        set: { archive: { at, documents, trailHash: hash }, updatedAt: at },
        messages: reviewMessages(eventId, parties, at, { title: '专家论证资料已归档', body: `${r.projectName}${r.itemName}，共 ${documents.length} 份文件`, page: `packages/review/pages/review/index?id=${r._id}` }),
        event: { data: { documents: documents.length, trailHash: hash } },
      };
    },
  });
}

/** What a scanned review code (`rv_…`, on the report and the site board) shows anyone: project, item, status. */
export const resolveReviewCode: CodeResolver = async (db, id) => {
  const r = await findReview(db, id);
  if (!r) return null;
  const p = publicPart(r);
  return { kind: 'review', id: r._id, title: `${p.projectName} · ${p.itemName}`, subtitle: `危大工程专家论证 · ${p.stateLabel}`, page: '/packages/review/pages/review/index', data: p };
};
