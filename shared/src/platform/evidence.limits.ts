/**
 * Photo evidence limits, the same for the server's checks and the pages' (no zod here: the mini-program
 * imports this file and must not bundle zod).
 */
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** What an upload is for; each purpose has its own size and type rule on the server. */
export const UPLOAD_PURPOSES = ['photo', 'document', 'raw'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
/** Evidence is cited by the SHA-256 of its bytes, lower-case hex. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What `POST /api/uploads` answers: where to PUT the bytes, unless they are stored already. */
export interface UploadStart {
  sha256: string;
  uploadUrl: string | null;
  alreadyStored: boolean;
  /** How long `uploadUrl` stays valid (absent when the bytes are stored already). */
  expiresInSec?: number;
}
