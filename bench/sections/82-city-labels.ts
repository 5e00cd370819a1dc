import path from 'node:path';
import { benchDir, repoRoot, type BenchContext } from '../lib/context';
import { spawnNode } from '../lib/child';
import { round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'city_labels';
export const timeoutMs = 180_000;

/** The budget, absolute: a whole city's print run (10,254 labels) within a minute. */
const MAX_SECONDS = 60;
const LABELS = 10_254;

type ChildResult = { labels: number; pages: number; bytes: number; wall_ms: number; cpu_ms: number; peak_rss_bytes: number; peak_heap_bytes: number; qr_create_only_ms: number };

/**
 * `renderLabels` at print-run scale: 10,254 city service code labels (A4, 21 per page, QR level Q drawn as
 * vector runs, subsetted CJK font) streamed to a file in its own process. Reports seconds, MB, labels/s and
 * ms per label (wall and CPU), peak memory, and how much of the time the QR encoder alone takes.
 */
export async function run(ctx: BenchContext) {
  const out = path.join(ctx.tmp, 'city-labels.pdf');
  const child = spawnNode({ label: 'label renderer', args: ['--import', 'tsx', path.join(benchDir, 'children', 'city-labels.ts'), String(LABELS), out], cwd: repoRoot });
  ctx.onCleanup(() => child.stop(2000));
  const { value: r } = await child.waitFor<ChildResult>('RESULT', timeoutMs - 10_000);
  await child.stop(2000);
  const seconds = round(r.wall_ms / 1000, 2);
  ctx.budget('city_labels_seconds', { unit: 's', limit: MAX_SECONDS, actual: seconds });
  return {
    method: {
      labels: `${LABELS} synthetic facilities (fc_ ids, 16-digit component ids, Chinese names of 8–20 characters)`,
      output: 'streamed to a file in the bench scratch folder (pipeline to fs.createWriteStream)',
      process: 'one child process; wall and CPU (user + system) of the render; peak RSS and heap sampled after every page',
      qr_share: 'QRCode.create for the same URLs, level Q, afterwards in the same process',
      budget: `wall ≤ ${MAX_SECONDS} s (absolute)`,
    },
    labels: r.labels,
    pages: r.pages,
    seconds,
    cpu_seconds: round(r.cpu_ms / 1000, 2),
    bytes: r.bytes,
    mb: round(r.bytes / 1e6, 2),
    bytes_per_label: Math.round(r.bytes / r.labels),
    labels_per_s: Math.round(r.labels / (r.wall_ms / 1000)),
    ms_per_label: round(r.wall_ms / r.labels, 3),
    cpu_ms_per_label: round(r.cpu_ms / r.labels, 3),
    qr_create_only_seconds: round(r.qr_create_only_ms / 1000, 2),
    qr_create_share: round(r.qr_create_only_ms / r.wall_ms, 2),
    peak_rss_mb: round(r.peak_rss_bytes / 1e6, 1),
    peak_heap_mb: round(r.peak_heap_bytes / 1e6, 1),
  };
}

export function summary(r: any): SummaryRow[] {
  return [
    { metric: `${r.labels} labels → PDF`, value: `${r.seconds} s`, baseline: `≤ ${MAX_SECONDS} s` },
    { metric: 'labels/s (ms per label)', value: `${r.labels_per_s}/s (${r.ms_per_label} ms)` },
    { metric: 'PDF size (peak RSS)', value: `${r.mb} MB (${r.peak_rss_mb} MB)` },
  ];
}
