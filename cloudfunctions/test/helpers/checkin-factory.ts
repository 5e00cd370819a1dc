import { createHash, randomBytes } from 'node:crypto';
import type { TestSystem } from './test-system';
import { standinFaceImage } from '../../dev/standins/tencent/iai-face.handler';

/** Uploads bytes as the person's own evidence (start → PUT → complete); returns the SHA-256. */
export async function uploadPhoto(sys: TestSystem, token: string, bytes: Buffer): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const s = await sys.call('POST', '/api/uploads', { token, body: { sha256: sha, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
  if (s.status >= 300) throw new Error(`upload start: ${JSON.stringify(s.json)}`);
  if (s.json.data.uploadUrl) await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  const done = await sys.call('POST', '/api/uploads/complete', { token, body: { sha256: sha, purpose: 'photo' } });
  if (done.status >= 300) throw new Error(`upload complete: ${JSON.stringify(done.json)}`);
  return sha;
}

/** A valid 18-character ID number (GB 11643 check digit) of Zhongshan (4420) with the sequence `n`. */
export function idNumber(n: number): string {
  const body = `442000199001${String(10 + (n % 19)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * W[i];
  return body + '10X98765432'[sum % 11];
}

/** A face photo of `label` as the IAI stand-in reads it (unique bytes each time). */
export const facePhoto = (label: string, opts: { spoof?: boolean } = {}) => standinFaceImage(label, { ...opts, salt: randomBytes(6).toString('hex') });
/** A site photo without a face. */
export const scenePhoto = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`scene ${randomBytes(6).toString('hex')}`)]);

/** Enrols the person with a face photo of `label`; returns the enrolment answer. */
export async function enrol(sys: TestSystem, token: string, name: string, label: string, n: number) {
  const photoHash = await uploadPhoto(sys, token, facePhoto(label));
  const r = await sys.call('POST', '/api/checkins/enrolment', { token, body: { name, idNumber: idNumber(n), photoHash } });
  if (r.status !== 201) throw new Error(`enrolment: ${JSON.stringify(r.json)}`);
  return { ...r.json.data, idNumber: idNumber(n) };
}

/** metres north of a point, as GCJ-02 degrees */
export const northOf = (p: { lng: number; lat: number }, m: number) => ({ lng: p.lng, lat: p.lat + m / 111_195.08 });
