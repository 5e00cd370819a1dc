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

export type TpsStationSetup = { id: string; E: number; N: number; H: number; instrumentHeightM: number };
export type TpsTarget = { point: string; E: number; N: number; H?: number };

const DEG = 180 / Math.PI;
const A = 100_000; // unit 3: decimal degrees, last digit 0.00001°

/**
 * Writes a total-station set-up as Leica GSI-16 (docs/domain/pit.md §3.1): the station block (11 id, 84/85/86
 * coordinates, 88 instrument height), an angle-only sighting (21 Hz, 22 V) of each backsight, then Hz, zenith
 * V, slope distance and reflector height (87) of each target — the readings an instrument oriented
 * `orientationDeg` off north would take of points at these coordinates. For tests, benchmarks and the demo.
 *
 * @example writeGsiTps({ id: 'S1', E: 1000, N: 5000, H: 10, instrumentHeightM: 1.5 }, [{ id: 'B1', E: 1000, N: 5100 }], [{ point: 'P1', E: 1020, N: 5000 }])
 */
export function writeGsiTps(station: TpsStationSetup, backsights: { id: string; E: number; N: number }[], targets: TpsTarget[], orientationDeg = 37.5, targetHeightM = 1.5): string {
  const hz = (E: number, N: number) => {
    const az = Math.atan2(E - station.E, N - station.N) * DEG;
    return (((az - orientationDeg) % 360) + 360) % 360;
  };
  let block = 1;
  const lines = [`${id(block++, station.id)} ${word('84', '...8', station.E * U)} ${word('85', '...8', station.N * U)} ${word('86', '...8', station.H * U)} ${word('88', '...8', station.instrumentHeightM * U)} `];
  for (const b of backsights) lines.push(`${id(block++, b.id)} ${word('21', '.103', hz(b.E, b.N) * A)} ${word('22', '.103', 90 * A)} `);
  for (const t of targets) {
    const hd = Math.hypot(t.E - station.E, t.N - station.N);
    const dh = (t.H ?? station.H) - (station.H + station.instrumentHeightM - targetHeightM);
    const v = Math.atan2(hd, dh) * DEG;
    lines.push(`${id(block++, t.point)} ${word('21', '.103', hz(t.E, t.N) * A)} ${word('22', '.103', v * A)} ${word('31', '...8', Math.hypot(hd, dh) * U)} ${word('87', '...8', targetHeightM * U)} `);
  }
  return lines.join('\n') + '\n';
}
