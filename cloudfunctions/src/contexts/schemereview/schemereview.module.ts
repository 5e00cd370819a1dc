import type { ContextModule } from '../../platform/context-module';
import { DW_REVIEWS, DW_SCHEMES, SCHEMEREVIEW_INDEXES, SCHEMEREVIEW_OUTBOX_SOURCES } from './schemereview.collections';
import { projectsRoutes } from './projects.routes';
import { reviewsRoutes } from './reviews.routes';
import { expertsRoutes } from './experts.routes';
import { reviewPdfRoutes } from './review-pdf.routes';
import { resolveReviewCode } from './archive-review';
import { invitationSweep, reportFollowUpSweep, settleExpertImports } from './schemereview.jobs';
import { reviewCheckinSite } from './review-checkin-site';

/** 危大工程: sub-items and their classification, schemes, the expert library, the drawn review, its archive and QR trail. */
export const schemereviewModule: ContextModule = {
  name: 'schemereview',
  routes: [projectsRoutes, reviewsRoutes, reviewPdfRoutes, expertsRoutes],
  indexes: SCHEMEREVIEW_INDEXES,
  outboxSources: SCHEMEREVIEW_OUTBOX_SOURCES,
  codeResolvers: { rv: resolveReviewCode },
  // scheme files: whoever may read the scheme (its parties, the regulators); the report and sign-in photos likewise
  evidenceReferrers: [
    { collection: DW_SCHEMES, fields: ['versions.scheme', 'versions.calculations', 'versions.drawings'], action: 'dw.read', kind: 'scheme' },
    { collection: DW_REVIEWS, fields: ['report.document', 'signIns.photo'], action: 'dw.read', kind: 'review' },
  ],
  // the experts' face + GPS check-ins at the meeting venue (contexts/checkin); sign-in and opinions read them
  checkinSites: { review_meeting: reviewCheckinSite },
  jobs: [
    { name: 'review-invitations', schedule: { everyMinutes: 10 }, run: invitationSweep },
    { name: 'expert-imports', schedule: { everyMinutes: 10 }, run: settleExpertImports },
    { name: 'review-report-follow-up', schedule: { everyMinutes: 10 }, run: reportFollowUpSweep },
  ],
};
