/**
 * Deep-foundation-pit facts the journeys need: raw leveling files for the demo route, observation times
 * as a monitoring unit writes them, and a real JPEG to attach as evidence.
 */
import type { Page } from 'playwright-core';
import { writeGsiBffb, type LevelLeg } from '../../shared/src/pit/domain/gsi-writer';

/** The demo route (cloudfunctions/dev/seed/pit-demo.ts): benchmark BM1 = 100.0 m, a closed loop back to BM1. */
export const DEMO_BENCHMARK = { id: 'BM1', elevation: 100 };
export const DEMO_ROUTE = ['ZQS1', 'ZQS2', 'ZQS3', 'DB1', 'JZ1'] as const;

/**
 * A DNA03 GSI-16 file for the closed loop BM1 → points… → BM1 through the given elevations (m). With
 * `closingErrorMm` the last leg is read that much too high, so the loop misses BM1 by that amount.
 */
export function levelingLoop(elevations: Record<string, number>, opts: { closingErrorMm?: number; seed?: number } = {}): string {
  const route = [DEMO_BENCHMARK.id, ...DEMO_ROUTE, DEMO_BENCHMARK.id];
  const h = (id: string) => (id === DEMO_BENCHMARK.id ? DEMO_BENCHMARK.elevation : elevations[id]);
  for (const code of DEMO_ROUTE) if (typeof elevations[code] !== 'number') throw new Error(`no elevation for ${code}`);
  const legs: LevelLeg[] = route.slice(1).map((to, i) => ({ from: route[i], to, dh_m: h(to) - h(route[i]) }));
  legs[legs.length - 1].dh_m += (opts.closingErrorMm ?? 0) / 1000;
  return writeGsiBffb(DEMO_BENCHMARK.elevation, legs, opts.seed ?? 1);
}

/** `2026-05-01T09:30:00+08:00`: an observation time as the monitoring unit's field book has it (Beijing time). */
export function beijingIso(ms: number): string {
  const t = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000).toISOString();
  return `${t.slice(0, 19)}+08:00`;
}

/**
 * A small real JPEG (a "site photo" drawn on a canvas and encoded by the browser), as bytes. The server
 * sniffs the magic bytes, so it has to be a genuine JPEG, not a renamed file.
 */
export async function sitePhotoJpeg(page: Page): Promise<Buffer> {
  // (no named helper functions inside: tsx would wrap them in a `__name` call the browser does not have)
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 96;
    c.height = 72;
    const g = c.getContext('2d')!;
    g.fillStyle = '#9c8464';
    g.fillRect(0, 0, 96, 72);
    g.fillStyle = '#5d6d7e';
    g.fillRect(10, 30, 76, 30);
    g.fillStyle = '#ff8a00';
    g.fillRect(14, 8, 20, 14);
    return c.toDataURL('image/jpeg', 0.85);
  });
  const bytes = Buffer.from(dataUrl.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) throw new Error('the browser did not produce a JPEG');
  return bytes;
}
