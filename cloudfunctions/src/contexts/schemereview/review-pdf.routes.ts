import type { Hono } from 'hono';
import { conflict, notFound } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { requireActor } from '../../platform/auth/authenticate';
import { signCodeUrl } from '../../platform/codes/signed-code';
import { findReview } from './review.repository';
import { findDwProject } from './project.repository';
import { audienceOf } from './reviews.routes';

/** The review report PDF (its readers, once concluded) and the site board (parties and regulators), both with the signed `rv` QR. */
export function reviewPdfRoutes(app: Hono<AppEnv>) {
  app.get('/api/reviews/:id/report.pdf', async (c) => {
    const deps = c.get('deps');
    const r = await findReview(deps.db, c.req.param('id'));
    if (!r) throw notFound('论证不存在');
    audienceOf(requireActor(c), r);
    if (!r.report) throw conflict('论证报告尚未出具', 'report_pending');
    const { renderReviewReportPdf } = await import('./review.pdf');
    const pdf = await renderReviewReportPdf(r, { codeUrl: signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, r._id) });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="review-report-${r._id}.pdf"` });
  });

  app.get('/api/reviews/:id/board.pdf', async (c) => {
    const deps = c.get('deps');
    const r = await findReview(deps.db, c.req.param('id'));
    if (!r || audienceOf(requireActor(c), r) === 'expert') throw notFound('论证不存在');
    const { renderSiteBoardPdf } = await import('./review.pdf');
    const pdf = await renderSiteBoardPdf(r, await findDwProject(deps.db, r.projectId), { codeUrl: signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, r._id) });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="review-board-${r._id}.pdf"` });
  });
}
