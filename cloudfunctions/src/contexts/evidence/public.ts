// What other contexts may use of the evidence store: the attach check and the stored blobs' metadata.
export { requireOwnEvidence, requireOwnEvidenceSets, holdsBlob } from './own-evidence';
export { blobKey, type BlobMeta } from './blob.collection';
export { findBlobMeta } from './blob.repository';
