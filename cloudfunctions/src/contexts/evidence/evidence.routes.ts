import type { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { invalid, notFound, tooLarge } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { appendAudit } from '../../platform/audit/audit-log';
import { BLOBS, blobKey, type BlobMeta } from './blob.collection';
import { PURPOSES, sniffType, type Purpose } from './content-sniff';

const sha = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制 SHA-256');
const startBody = z.object({ sha256: sha, size: z.number().int().positive(), contentType: z.string().min(3).max(100), purpose: z.enum(['photo', 'document', 'raw']) });
const completeBody = z.object({ sha256: sha, purpose: z.enum(['photo', 'document', 'raw']) });

function checkDeclared(purpose: Purpose, size: number, contentType: string) {
  const rule = PURPOSES[purpose];
  if (size > rule.maxBytes) throw tooLarge(`文件超过 ${rule.maxBytes / 1024 / 1024} MB 上限`, 'file_too_large');
  if (rule.types && !(rule.types as readonly string[]).includes(contentType)) throw invalid('文件类型不支持，请上传 JPG/PNG 图片', 'unsupported_type');
}

/**
 * Evidence uploads in two steps, because SCF sync requests cap at 6 MB: (1) ask for a short-lived signed
 * URL and PUT the bytes straight to storage, (2) `complete`: the server re-reads the bytes, checks the
 * SHA-256 and the real file type, then records it. Content-addressed: the same file twice is one blob.
 */
export function evidenceRoutes(app: Hono<AppEnv>) {
  app.post('/api/uploads', async (c) => {
    requireActor(c);
    const b = await jsonBody(c, startBody);
    checkDeclared(b.purpose, b.size, b.contentType);
    const { blobs, db } = c.get('deps');
    const known = await db.collection<BlobMeta>(BLOBS).findOne({ _id: b.sha256 });
    if (known) return ok(c, { sha256: b.sha256, uploadUrl: null, alreadyStored: true });
    const uploadUrl = await blobs.presignPut(blobKey(b.sha256), b.contentType, 600);
    return ok(c, { sha256: b.sha256, uploadUrl, alreadyStored: false, expiresInSec: 600 });
  });

  /**
   * Evidence bytes for the people working a case or alarm: staff (any role binding) and the uploader.
   * Citizens see their own photos; other people's evidence is not public.
   */
  app.get('/api/blobs/:sha', async (c) => {
    const actor = requireActor(c);
    const { db, blobs } = c.get('deps');
    const meta = await db.collection<BlobMeta>(BLOBS).findOne({ _id: c.req.param('sha') });
    if (!meta || (meta.uploadedBy !== actor.userId && actor.roles.length === 0)) throw notFound('文件不存在', 'blob_not_found');
    const data = await blobs.get(blobKey(meta._id));
    if (!data) throw notFound('文件不存在', 'blob_not_found');
    return c.body(new Uint8Array(data), 200, { 'content-type': meta.contentType, 'cache-control': 'private, max-age=86400, immutable' });
  });

  app.post('/api/uploads/complete', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, completeBody);
    const { blobs, db, now } = c.get('deps');
    const existing = await db.collection<BlobMeta>(BLOBS).findOne({ _id: b.sha256 });
    if (existing) return ok(c, { sha256: b.sha256, size: existing.size, contentType: existing.contentType });
    const data = await blobs.get(blobKey(b.sha256));
    if (!data) throw invalid('文件尚未上传完成', 'upload_missing');
    if (createHash('sha256').update(data).digest('hex') !== b.sha256) throw invalid('文件内容与校验值不符，请重新上传', 'hash_mismatch');
    const type = sniffType(data) ?? 'application/octet-stream';
    checkDeclared(b.purpose, data.length, type);
    const meta: BlobMeta = { _id: b.sha256, size: data.length, contentType: type, uploadedBy: actor.userId, at: now(), purpose: b.purpose };
    await db.collection<BlobMeta>(BLOBS).updateOne({ _id: meta._id }, { $setOnInsert: meta }, { upsert: true });
    await appendAudit(db, { _id: `blob:${meta._id}`, at: meta.at, actorId: actor.userId, action: 'evidence.upload', target: { collection: BLOBS, id: meta._id }, requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, { sha256: meta._id, size: meta.size, contentType: meta.contentType }, { status: 201 });
  });
}
