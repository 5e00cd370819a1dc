import { createHash, randomBytes } from 'node:crypto';
import type { HarnessContext } from './context';

/** Uploads a small JPEG-looking photo as `token`'s user (staging → PUT → complete); returns its SHA-256. */
export async function uploadPhoto(ctx: HarnessContext, token: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const s = await ctx.api('POST', '/api/uploads', { token, body: { sha256: sha, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
  const uploadUrl = s.json?.data?.uploadUrl;
  if (typeof uploadUrl !== 'string') throw new Error(`POST /api/uploads: ${s.status} ${JSON.stringify(s.json).slice(0, 200)}`);
  const put = await fetch(uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  if (!put.ok) throw new Error(`PUT upload: ${put.status}`);
  const done = await ctx.api('POST', '/api/uploads/complete', { token, body: { sha256: sha, purpose: 'photo' } });
  if (done.status >= 300) throw new Error(`POST /api/uploads/complete: ${done.status} ${JSON.stringify(done.json).slice(0, 200)}`);
  return sha;
}

export const NANCHENG_LAMP = { id: 'fc_demo0nc01lamp1', classCode: '0105', lng: 113.745, lat: 23.004 };
export const DONGCHENG_BIN = { id: 'fc_demo0dc01bin01', classCode: '0302', lng: 113.775, lat: 23.025 };

/** A citizen's report at a facility, as the mini-program files it after a scan. */
export const caseBody = (f: { id: string; classCode: string; lng: number; lat: number }, photo: string, extra: Record<string, unknown> = {}) => ({
  facilityId: f.id,
  kind: 'component',
  classCode: f.classCode,
  description: '路灯不亮，晚上很黑（测试）',
  photos: [photo],
  location: { lng: f.lng, lat: f.lat },
  ...extra,
});

/**
 * Records every scope should have before the sections run: cases filed by two citizens in two towns (the demo
 * seed has none), so the matrix has someone else's case to try. Idempotent per run (done once).
 */
export async function ensureCases(ctx: HarnessContext): Promise<string[]> {
  const db = await ctx.db();
  const have = await db.collection('cases').countDocuments({});
  if (have >= 2) return (await db.collection<{ _id: string }>('cases').find({}, { projection: { _id: 1 } }).toArray()).map((c) => c._id);
  const ids: string[] = [];
  for (const [persona, f] of [['citizen', NANCHENG_LAMP], ['citizen2', DONGCHENG_BIN]] as const) {
    const token = await ctx.token(persona);
    const photo = await uploadPhoto(ctx, token);
    const r = await ctx.api('POST', '/api/cases', { token, body: caseBody(f, photo) });
    if (r.status !== 201 && r.status !== 200) throw new Error(`POST /api/cases as ${persona}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    ids.push(r.json.data.id ?? r.json.data.case?.id);
  }
  return ids;
}
