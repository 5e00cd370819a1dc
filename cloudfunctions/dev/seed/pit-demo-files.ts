import { writeGsiBffb } from '@cityloop/shared/pit/domain/gsi-writer';

/**
 * Synthetic raw instrument files for the demo pits: what a monitoring unit would upload, day by day.
 * Values follow a chosen trend so the week crosses each alarm level.
 */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Closed leveling loop BM → points… → BM through the given elevations, as a DNA03 GSI-16 file. */
export function levelingFile(benchmark: { id: string; elevation: number }, points: { code: string; elevation: number }[], seed: number): string {
  const route = [benchmark.id, ...points.map((p) => p.code), benchmark.id];
  const elev = (id: string) => (id === benchmark.id ? benchmark.elevation : points.find((p) => p.code === id)!.elevation);
  const legs = route.slice(1).map((to, i) => ({ from: route[i], to, dh_m: elev(to) - elev(route[i]) }));
  return writeGsiBffb(benchmark.elevation, legs, seed);
}

export function waterFile(wells: { code: string; depthM: number }[], atMs: number): string {
  return ['well_id,time,depth_m', ...wells.map((w) => `${w.code},${iso(atMs)},${w.depthM.toFixed(3)}`)].join('\n') + '\n';
}

export function vwFile(sensors: { code: string; freqHz: number; tempC: number }[], atMs: number): string {
  return ['sensor_id,time,freq_Hz,temp_C', ...sensors.map((s) => `${s.code},${iso(atMs)},${s.freqHz.toFixed(2)},${s.tempC.toFixed(1)}`)].join('\n') + '\n';
}

/** Depths 0.5…10 m; the initial survey has realistic faces (checksums ≈ 0.2 mm, never an exact mirror). */
export function inclinometerInitial(seed: number) {
  const depths = Array.from({ length: 20 }, (_, i) => 0.5 * (i + 1));
  let s = seed;
  const r = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
  const A0 = depths.map(() => +(r() * 4).toFixed(2));
  const cs = depths.map(() => +(0.2 + r() * 0.2).toFixed(2));
  const A180 = A0.map((a, i) => +(-a + cs[i]).toFixed(2));
  return { depths_m: depths, A0, A180 };
}

/** A survey where the wall has moved `topMm` toward the pit at the top, tapering to 0 at the toe. */
export function inclinometerFile(hole: string, init: ReturnType<typeof inclinometerInitial>, topMm: number, atMs: number, seed: number): string {
  const n = init.depths_m.length;
  let s = seed;
  const r = () => ((s = (s * 48271) % 2147483647) / 2147483647 - 0.5);
  // deviation per interval d_i such that the cumulative from the bottom reaches topMm at the top
  const weights = init.depths_m.map((_, i) => n - i);
  const total = weights.reduce((a, b) => a + b, 0);
  const rows = init.depths_m.map((d, i) => {
    const delta = (topMm * weights[i]) / total;
    const noise = r() * 0.06;
    return `${d.toFixed(1)},${(init.A0[i] + delta + noise).toFixed(2)},${(init.A180[i] - delta + noise).toFixed(2)},0.00,0.10`;
  });
  return [`# hole=${hole}; probe=SN2024-017; L=0.5; unit=mm_per_interval; time=${iso(atMs)}; bottom_fixed=true`, 'depth_m,A0,A180,B0,B180', ...rows].join('\n') + '\n';
}

/** The hole's initial survey as an inclinometer file (测斜孔初始测值), exactly the given faces. */
export function inclinometerInitialFile(hole: string, init: ReturnType<typeof inclinometerInitial>, atMs: number): string {
  const rows = init.depths_m.map((d, i) => `${d.toFixed(1)},${init.A0[i].toFixed(2)},${init.A180[i].toFixed(2)},0.00,0.10`);
  return [`# hole=${hole}; probe=SN2024-017; L=0.5; unit=mm_per_interval; time=${iso(atMs)}; bottom_fixed=true`, 'depth_m,A0,A180,B0,B180', ...rows].join('\n') + '\n';
}

/** A point spreadsheet as a monitoring unit would export it to CSV (the import's columns, docs/domain/pit.md §7.2). */
export function pointsCsv(rows: Record<string, string | number>[]): string {
  const cols = ['code', 'item', 'name', 'initial_m', 'pipe_top_m', 'initial_e', 'initial_n', 'azimuth_deg', 'K', 'f0', 'T0', 'B', 'initial_reading', 'capacity_kN'];
  return [cols.join(','), ...rows.map((r) => cols.map((c) => r[c] ?? '').join(','))].join('\r\n') + '\r\n';
}
