/** Photo evidence: sniffed, hashed and stored by content, then cited by its SHA-256 (cases, alarms, plaques). */
import { MAX_PHOTO_BYTES, type UploadStart } from '@cityloop/shared/platform/evidence.limits';
import { ApiError } from './api';
import { sha256Hex } from './sha256';

/** The real image type from the first bytes (the server sniffs too and refuses a mismatch). */
export function sniffImageType(b: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...Array.from(b.subarray(from, to)));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface EvidenceDeps {
  api: {
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => Promise<UploadStart>;
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => Promise<unknown>;
  };
  /** PUT the bytes to a presigned URL; resolves with the HTTP status. */
  put: (url: string, bytes: Uint8Array, contentType: string) => Promise<number>;
  /** Hex SHA-256 (H5 passes `crypto.subtle`); defaults to the pure-JS one. */
  hash?: (bytes: Uint8Array) => Promise<string>;
}

/**
 * One photo as evidence: hash → ask for an upload URL → PUT (unless already stored) → complete.
 * Returns the SHA-256 to cite in `evidence`. Content-addressed, so a retry is harmless.
 */
export async function uploadEvidence(bytes: Uint8Array, deps: EvidenceDeps): Promise<string> {
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new ApiError('unsupported_type', 400, '仅支持 JPG、PNG、WEBP 格式的照片');
  if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError('file_too_large', 413, `照片超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB，请压缩后再传`);
  const sha256 = deps.hash ? await deps.hash(bytes) : sha256Hex(bytes);
  const start = await deps.api.startUpload({ sha256, size: bytes.length, contentType, purpose: 'photo' });
  if (start.alreadyStored) return sha256;
  if (!start.uploadUrl) throw new ApiError('bad_response', 500, '未获得上传地址，请重试');
  let status: number;
  try {
    status = await deps.put(start.uploadUrl, bytes, contentType);
  } catch {
    throw new ApiError('network_error', 0, '照片上传失败，请检查网络后重试');
  }
  if (status < 200 || status >= 300) throw new ApiError('upload_failed', status, `照片上传失败（HTTP ${status}），请重试`);
  await deps.api.completeUpload({ sha256, purpose: 'photo' });
  return sha256;
}
