import { MAX_PHOTO_BYTES, PHOTO_TYPES, type UploadPurpose } from '@cityloop/shared/platform/evidence.limits';

/** Decides the real type from the first bytes; a photo claimed as JPEG must really be one. */
export function sniffType(buf: Buffer): string | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (buf.length >= 5 && buf.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** Upload purposes and what each accepts. Photos: ≤10 MB images. Raw instrument files: ≤20 MB of anything. */
export const PURPOSES = {
  photo: { maxBytes: MAX_PHOTO_BYTES, types: PHOTO_TYPES },
  document: { maxBytes: 20 * 1024 * 1024, types: ['application/pdf', 'image/jpeg', 'image/png'] },
  raw: { maxBytes: 20 * 1024 * 1024, types: null },
} as const satisfies Record<UploadPurpose, { maxBytes: number; types: readonly string[] | null }>;
export type Purpose = UploadPurpose;
