/**
 * Writes a digital-level BFFB line as Leica GSI-16 (unit code 8: m, last digit 0.01 mm), with the
 * instrument's own result block (571–574, 83) consistent with the readings — as a DNA03 would record it.
 * Used for demo data, tests and benchmarks; the platform never trusts these derived words (it recomputes).
 */
export type LevelLeg = { from: string; to: string; dh_m: number; dist_m?: number };

const U = 100_000; // unit 8: readings in 0.01 mm
const word = (wi: string, info: string, value: number | string) => {
  const v = typeof value === 'number' ? Math.round(value) : value;
  const sign = typeof v === 'number' && v < 0 ? '-' : '+';
  const data = typeof v === 'number' ? String(Math.abs(v)).padStart(16, '0') : v.padStart(16, '0');
  return `${(wi + info).padEnd(6, '.').slice(0, 6)}${sign}${data}`;
};
const id = (block: number, point: string) => `*11${String(block).padStart(4, '0')}+${point.padStart(16, '0')}`;

/** A small deterministic noise source so files look like real readings but tests stay reproducible. */
function noise(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296 - 0.5) * 2; // −1..1
  };
}

/**
 * @example writeGsiBffb(100, [{ from: 'BM1', to: 'P1', dh_m: -0.0123 }, { from: 'P1', to: 'BM1', dh_m: 0.0123 }])
 */
export function writeGsiBffb(startElevationM: number, legs: LevelLeg[], seed = 1, stationNoiseMm = 0.03): string {
  const rnd = noise(seed);
  const lines = ['*410001+00000000?......2 '];
  let block = 2;
  lines.push(`${id(block++, legs[0].from)} ${word('83', '..58', startElevationM * U)} `);
  let height = Math.round(startElevationM * U); // instrument running height, 0.01 mm
  let cumDiff = 0;
  let balance = 0;
  let length = 0;
  for (const leg of legs) {
    const d = leg.dist_m ?? 20 + Math.round(rnd() * 5 * 100) / 100;
    const b1 = Math.round((1.4 + rnd() * 0.2) * U);
    const f1 = Math.round(b1 - leg.dh_m * U);
    const e = Math.round(rnd() * stationNoiseMm * 100); // 0.01 mm units
    const b2 = b1 + 2 + e;
    const f2 = f1 + 2;
    const dist = Math.round(d * U);
    lines.push(`${id(block++, leg.from)} ${word('32', '...8', dist)} ${word('331', '.08', b1)} `);
    lines.push(`${id(block++, leg.to)} ${word('32', '...8', dist)} ${word('332', '.08', f1)} `);
    lines.push(`${id(block++, leg.to)} ${word('32', '...8', dist)} ${word('336', '.08', f2)} `);
    lines.push(`${id(block++, leg.from)} ${word('32', '...8', dist)} ${word('335', '.08', b2)} `);
    const diff = b1 - f1 - (b2 - f2);
    cumDiff += diff;
    length += 2 * dist;
    const dh = (b1 - f1 + (b2 - f2)) / 2;
    height = Math.round(height + dh);
    lines.push(`${id(block++, leg.to)} ${word('571', '.08', diff)} ${word('572', '.08', cumDiff)} ${word('573', '..8', balance)} ${word('574', '..8', length)} ${word('83', '..08', height)} `);
  }
  return lines.join('\n') + '\n';
}
