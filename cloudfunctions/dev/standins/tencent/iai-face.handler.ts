/**
 * IAI face actions (2020-03-03) of the Tencent Cloud API stand-in. There is no face model here: a test image says
 * who it shows. An image whose bytes contain the ASCII marker `FACE:<label>;` shows the face `<label>`; two images
 * with the same label are the same person (CompareFace Score 92), different labels are not (Score 18); an image
 * without a marker has no face (`FailedOperation.ImageFacedetectFailed`). An image that also contains `SPOOF` is a
 * photo of a photo (DetectLiveFaceAccurate Score 12; otherwise 87). The thresholds the code applies (60 and 40)
 * sit between these scores (docs/domain/platform.md §4.3).
 * @example Buffer.concat([jpegHeader, Buffer.from('FACE:zhang-san;')]) // matches any other image of zhang-san
 */
import type { ApiError } from './sms-send.handler';

export const FACE_MARKER = /FACE:([A-Za-z0-9_.-]{1,64});/;
export const SAME_PERSON_SCORE = 92;
export const OTHER_PERSON_SCORE = 18;
export const LIVE_SCORE = 87;
export const SPOOF_SCORE = 12;
/** base64 of at most 5 MB, as the real service accepts */
const MAX_BASE64 = 5 * 1024 * 1024;

const apiError = (Code: string, Message: string): ApiError => ({ Error: { Code, Message } });

/** A test image carrying the marker (JPEG magic first, so it passes as image/jpeg). */
export function standinFaceImage(label: string, opts: { spoof?: boolean; salt?: string } = {}): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`FACE:${label};${opts.spoof ? 'SPOOF;' : ''}${opts.salt ?? ''}`)]);
}

function faceOf(image: unknown, name: string): { label: string; spoof: boolean } | ApiError {
  if (typeof image !== 'string' || !image) return apiError('InvalidParameterValue.ImageEmpty', `${name} is empty.`);
  if (image.length > MAX_BASE64) return apiError('FailedOperation.ImageSizeExceed', `${name} exceeds 5 MB after base64 encoding.`);
  const bytes = Buffer.from(image, 'base64').toString('latin1');
  const m = FACE_MARKER.exec(bytes);
  if (!m) return apiError('FailedOperation.ImageFacedetectFailed', `No face was detected in ${name}.`);
  return { label: m[1], spoof: bytes.includes('SPOOF') };
}

const badVersion = (v: unknown) => v !== undefined && v !== '3.0' && v !== '2.0';

export function compareFace(p: Record<string, unknown>): Record<string, unknown> | ApiError {
  if (p.UrlA !== undefined || p.UrlB !== undefined) return apiError('InvalidParameter', 'This stand-in takes ImageA and ImageB (base64), not URLs.');
  if (badVersion(p.FaceModelVersion)) return apiError('InvalidParameterValue.FaceModelVersionIllegal', 'FaceModelVersion must be "2.0" or "3.0".');
  const a = faceOf(p.ImageA, 'ImageA');
  if ('Error' in a) return a;
  const b = faceOf(p.ImageB, 'ImageB');
  if ('Error' in b) return b;
  return { Score: a.label === b.label ? SAME_PERSON_SCORE : OTHER_PERSON_SCORE, FaceModelVersion: String(p.FaceModelVersion ?? '3.0') };
}

export function detectLiveFaceAccurate(p: Record<string, unknown>): Record<string, unknown> | ApiError {
  if (p.Url !== undefined) return apiError('InvalidParameter', 'This stand-in takes Image (base64), not a URL.');
  if (p.FaceModelVersion !== undefined && p.FaceModelVersion !== '3.0') return apiError('InvalidParameterValue.FaceModelVersionIllegal', 'FaceModelVersion must be "3.0".');
  const f = faceOf(p.Image, 'Image');
  if ('Error' in f) return f;
  return { Score: f.spoof ? SPOOF_SCORE : LIVE_SCORE, FaceModelVersion: '3.0' };
}
