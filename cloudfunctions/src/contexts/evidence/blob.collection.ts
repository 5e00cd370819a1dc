import type { CollectionIndexes } from '../../platform/context-module';

/** Evidence metadata: the blob itself lives in the store under `sha256/<hex>`, content-addressed. */
export type BlobMeta = { _id: string; size: number; contentType: string; uploadedBy: string; at: Date; purpose: string };
export const BLOBS = 'blobs';
export const BLOB_INDEXES: CollectionIndexes[] = [
  { collection: BLOBS, indexes: [{ key: { uploadedBy: 1, at: -1 } }] },
];
export const blobKey = (sha256: string) => `sha256/${sha256}`;
/** Where a user's upload lands before `complete` checks it (COS: expire this prefix after a day by lifecycle rule). */
export const stagingKey = (userId: string, sha256: string) => `staging/${userId}/${sha256}`;
