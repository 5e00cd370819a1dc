import type { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { invalid, notFound, tooLarge } from '@cityloop/shared/errors';
import { uploadCompleteRequest, uploadStartRequest, type StoredBlob, type UploadStart } from '@cityloop/shared/platform/evidence.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { appendAudit } from '../../platform/audit/audit-log';
import { BLOBS, blobKey, stagingKey } from './blob.collection';
import { findBlobMeta, recordBlobMeta } from './blob.repository';
import { addHolder, holdsBlob } from './own-evidence';
import { mayReadViaRecords } from './evidence-readers';
import { PURPOSES, sniffType, type Purpose } from './content-sniff';


function checkDeclared(purpose: Purpose, size: number, contentType: string) {
  const rule = PURPOSES[purpose];
  if (size > rule.maxBytes) throw tooLarge(`文件超过 ${rule.maxBytes / 1024 / 1024} MB 上限`, 'file_too_large');
  if (rule.types && !(rule.types as readonly string[]).includes(contentType)) throw invalid('文件类型不支持，请上传 JPG/PNG 图片', 'unsupported_type');
}

/**
 * Evidence uploads in two steps, because SCF sync requests cap at 6 MB: (1) ask for a short-lived signed
 * URL and PUT the bytes straight to storage (under the uploader's own staging key), (2) `complete`: the server
 * re-reads them, checks the SHA-256 and the real file type, stores them content-addressed (the same file twice
 * is one blob) and records the uploader as holding it — only holders may attach it as their evidence.
 */
export function evidenceRoutes(app: Hono<AppEnv>) {
  app.post('/api/uploads', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, uploadStartRequest);
    checkDeclared(b.purpose, b.size, b.contentType);
    const { blobs, db } = c.get('deps');
    const known = await findBlobMeta(db, b.sha256);
    if (known && (await holdsBlob(db, actor.userId, known))) return ok(c, { sha256: b.sha256, uploadUrl: null, alreadyStored: true } satisfies UploadStart);
    // Knowing a hash is not having the file: even bytes already stored are uploaded again, to this
    // user's own staging key, before they count as this user's evidence.
    const uploadUrl = await blobs.presignPut(stagingKey(actor.userId, b.sha256), b.contentType, 600);
    return ok(c, { sha256: b.sha256, uploadUrl, alreadyStored: false, expiresInSec: 600 } satisfies UploadStart);
  });

  /**
   * Evidence bytes for those who uploaded them and for whoever may read a case, alarm or complaint they are
   * attached to (the reporter, the grid's staff, the unit, the project's parties, the regulator). Nobody
   * else, whatever their role elsewhere: not found.
   */
  app.get('/api/blobs/:sha', async (c) => {
    const actor = requireActor(c);
    const { db, blobs } = c.get('deps');
    const meta = await findBlobMeta(db, c.req.param('sha'));
    if (!meta || !((await holdsBlob(db, actor.userId, meta)) || (await mayReadViaRecords(db, actor, meta._id)))) throw notFound('文件不存在', 'blob_not_found');
    const data = await blobs.get(blobKey(meta._id));
    if (!data) throw notFound('文件不存在', 'blob_not_found');
    return c.body(new Uint8Array(data), 200, { 'content-type': meta.contentType, 'cache-control': 'private, max-age=86400, immutable' });
  });

  app.post('/api/uploads/complete', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, uploadCompleteRequest);
    const { blobs, db, now } = c.get('deps');
    const existing = await findBlobMeta(db, b.sha256);
    if (existing && (await holdsBlob(db, actor.userId, existing))) return ok(c, { sha256: b.sha256, size: existing.size, contentType: existing.contentType } satisfies StoredBlob);
    const data = await blobs.get(stagingKey(actor.userId, b.sha256));
    if (!data) throw invalid('文件尚未上传完成', 'upload_missing');
    if (createHash('sha256').update(data).digest('hex') !== b.sha256) throw invalid('文件内容与校验值不符，请重新上传', 'hash_mismatch');
    const type = sniffType(data) ?? 'application/octet-stream';
    checkDeclared(b.purpose, data.length, type);
    const at = now();
    if (!existing) {
      await blobs.put(blobKey(b.sha256), data, type);
      await recordBlobMeta(db, { _id: b.sha256, size: data.length, contentType: type, uploadedBy: actor.userId, at, purpose: b.purpose });
    }
    await addHolder(db, b.sha256, actor.userId, at);
    await appendAudit(db, { _id: `blob:${b.sha256}:${actor.userId}`, at, actorId: actor.userId, action: 'evidence.upload', target: { collection: BLOBS, id: b.sha256 }, requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, { sha256: b.sha256, size: data.length, contentType: existing?.contentType ?? type } satisfies StoredBlob, { status: 201 });
  });
}
