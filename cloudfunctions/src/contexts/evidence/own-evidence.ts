import type { Db } from 'mongodb';
import { invalid } from '@cityloop/shared/errors';
import type { CollectionIndexes } from '../../platform/context-module';
import type { BlobMeta } from './blob.collection';
import { BLOB_HOLDERS, blobMetasOf, holderExists, insertHolder, type BlobHolder } from './blob.repository';

/**
 * Who has uploaded a blob. Blobs are content-addressed, so two people who photograph the same thing with the
 * same bytes share one blob; each of them holds it. The first uploader is `BlobMeta.uploadedBy`.
 */
export { BLOB_HOLDERS, type BlobHolder };
export const BLOB_HOLDER_INDEXES: CollectionIndexes[] = [
  { collection: BLOB_HOLDERS, indexes: [{ key: { userId: 1, at: -1 } }] },
];
const holderId = (sha: string, userId: string) => `${sha}|${userId}`;

export async function addHolder(db: Db, sha: string, userId: string, at: Date): Promise<void> {
  await insertHolder(db, { _id: holderId(sha, userId), sha, userId, at });
}

export async function holdsBlob(db: Db, userId: string, meta: Pick<BlobMeta, '_id' | 'uploadedBy'>): Promise<boolean> {
  return meta.uploadedBy === userId || (await holderExists(db, holderId(meta._id, userId)));
}

type Check = {
  /** only images (photos), not documents */
  images?: boolean;
  /** hashes that must not be reused here, e.g. the complaint's own photos as the shop's "after" photos */
  notAmong?: string[];
  missing?: { message: string; code: string };
};

/**
 * Evidence is what the person acting saw: every file they attach must be stored, of the right kind, and
 * uploaded by them — a hash seen elsewhere (another user's report photo) cannot be passed off as one's own.
 */
export async function requireOwnEvidence(db: Db, userId: string, hashes: string[], check: Check = {}): Promise<void> {
  await requireOwnEvidenceSets(db, userId, [{ hashes, check }]);
}

/**
 * Several attach checks (e.g. a site photo and a face photo, each with its own refusal) with one read of the
 * stored blobs; refused at the first set that fails, in order, as the separate checks would be.
 */
export async function requireOwnEvidenceSets(db: Db, userId: string, sets: { hashes: string[]; check?: Check }[]): Promise<void> {
  const all = [...new Set(sets.flatMap((s) => s.hashes))];
  if (!all.length) return;
  const byHash = new Map((await blobMetasOf(db, all)).map((m) => [m._id, m]));
  for (const { hashes, check = {} } of sets) {
    const wanted = [...new Set(hashes)];
    if (!wanted.length) continue;
    const reused = check.notAmong ? wanted.filter((h) => check.notAmong!.includes(h)) : [];
    if (reused.length) throw invalid('整改后的照片不能使用问题上报时的照片，请拍摄现场现状', 'photo_reused');
    const missing = check.missing ?? (check.images ? { message: '照片未上传完成或不是图片', code: 'photos_missing' } : { message: '证据文件未上传完成', code: 'evidence_missing' });
    const metas = wanted.map((h) => byHash.get(h));
    if (metas.some((m) => !m) || (check.images && metas.some((m) => !m!.contentType.startsWith('image/')))) throw invalid(missing.message, missing.code);
    for (const m of metas) {
      if (!(await holdsBlob(db, userId, m!))) throw invalid('只能使用您本人拍摄上传的照片或文件', 'evidence_not_yours');
    }
  }
}
