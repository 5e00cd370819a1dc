import type { Db } from 'mongodb';
import { rateVerdict, type RateVerdict } from '@cityloop/shared/pit/domain/point-judge';
import { recentUsableResults } from './upload.repository';

/** Each point's latest judged value, from the newest accepted epochs (points are not rewritten per epoch). */
export async function latestResults(db: Db, projectId: string) {
  const last = new Map<string, { value: number; rate: number | null; level: string; at: string } & RateVerdict>();
  const recent = await recentUsableResults(db, projectId, 60);
  for (const u of recent) for (const r of u.results) if (!last.has(r.point)) last.set(r.point, { value: r.value, rate: r.rate, level: r.finalLevel, ...rateVerdict(r), at: u.observedAt.toISOString() });
  return last;
}
