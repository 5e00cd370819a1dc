/**
 * The evidence upload API (`POST /api/uploads`, `POST /api/uploads/complete`): request schemas the routes
 * parse with and the `data` they answer. The mini-program imports the types only (never zod).
 */
import * as z from 'zod';
import { sha256Schema } from './request.contract';
import { UPLOAD_PURPOSES } from './evidence.limits';

const sha = sha256Schema('应为 64 位十六进制 SHA-256');
const purpose = z.enum(UPLOAD_PURPOSES);

/** POST /api/uploads: ask for a signed URL to PUT the bytes to. */
export const uploadStartRequest = z.object({ sha256: sha, size: z.number().int().positive(), contentType: z.string().min(3).max(100), purpose });
export type UploadStartBody = z.input<typeof uploadStartRequest>;

/** POST /api/uploads/complete: the bytes are there; check and store them. */
export const uploadCompleteRequest = z.object({ sha256: sha, purpose });
export type UploadCompleteBody = z.input<typeof uploadCompleteRequest>;

export type { UploadStart } from './evidence.limits';

/** What `POST /api/uploads/complete` answers: the stored blob. */
export interface StoredBlob {
  sha256: string;
  size: number;
  contentType: string;
}
