import type { Hono } from 'hono';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { notFound } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { blobKey, findBlobMeta } from '../evidence/public';
import { findComplaintPhotos } from './complaint.repository';

/** How long a photo link works. Expiries are rounded up to 5 minutes so a reload gets the same (cacheable) URL. */
export const PHOTO_LINK_TTL_SEC = 15 * 60;
const ROUND_SEC = 5 * 60;

const sign = (secret: string, complaintId: string, sha: string, exp: number) =>
  createHmac('sha256', secret).update(`plaque-photo\n${complaintId}\n${sha}\n${exp}`).digest('hex').slice(0, 32);

/** Makes the short-lived URL of one photo of one complaint (a path under the api function). */
export type PhotoLinker = (complaintId: string, sha: string) => string;

/**
 * Signed, short-lived photo URLs for the people a complaint's photos are shown to (the complainant, the shop
 * owner, the area chief; the public sees only the shop's fix photos). An `<Image src>` cannot send the
 * bearer token `/api/blobs/:sha` needs — and citizens may only read their own uploads there — so the link
 * itself is the permission: HMAC over complaint, photo and expiry. It names no person.
 */
export function photoLinker(secret: string, now: Date, ttlSec = PHOTO_LINK_TTL_SEC): PhotoLinker {
  const exp = Math.ceil((now.getTime() / 1000 + ttlSec) / ROUND_SEC) * ROUND_SEC;
  return (complaintId, sha) =>
    `/api/plaque-photos/${encodeURIComponent(complaintId)}/${sha}?exp=${exp}&sig=${sign(secret, complaintId, sha, exp)}`;
}

function validLink(secret: string, complaintId: string, sha: string, exp: number, sig: string, now: Date): boolean {
  if (!Number.isInteger(exp) || exp * 1000 < now.getTime() || !/^[0-9a-f]{32}$/.test(sig)) return false;
  const want = Buffer.from(sign(secret, complaintId, sha, exp));
  return timingSafeEqual(want, Buffer.from(sig));
}

export function plaquePhotoRoutes(app: Hono<AppEnv>) {
  /** The bytes behind a signed photo link (no login: the signature is the permission). */
  app.get('/api/plaque-photos/:id/:sha', async (c) => {
    const { db, blobs, config, now } = c.get('deps');
    const id = c.req.param('id');
    const sha = c.req.param('sha');
    const exp = Number(c.req.query('exp'));
    const t = now();
    if (!/^[0-9a-f]{64}$/.test(sha) || !validLink(config.codeSecret, id, sha, exp, c.req.query('sig') ?? '', t)) throw notFound('照片链接无效或已过期，请刷新页面', 'photo_link_invalid');
    // still one of the complaint's photos (the link was made from it)
    const x = await findComplaintPhotos(db, id);
    if (!x || ![...x.photos, ...(x.fix?.photos ?? [])].includes(sha)) throw notFound('照片不存在', 'blob_not_found');
    const meta = await findBlobMeta(db, sha);
    const data = meta ? await blobs.get(blobKey(sha)) : null;
    if (!meta || !data) throw notFound('照片不存在', 'blob_not_found');
    const maxAge = Math.max(0, Math.floor(exp - t.getTime() / 1000));
    return c.body(new Uint8Array(data), 200, { 'content-type': meta.contentType, 'cache-control': `private, max-age=${maxAge}`, 'x-content-type-options': 'nosniff' });
  });
}
