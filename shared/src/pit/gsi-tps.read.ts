import { cosDeg, sinDeg } from './angle';
import { exceeds } from './float-compare';
import { parseGsi, wordOf, type GsiWord } from './gsi.parse';
import type { PitFlag } from './leveling.types';
import { lineIssuesError, type LineIssue } from './pit.errors';

/** One total-station observation as read from a GSI file; angles in decimal degrees, lengths in m. */
export type TpsObservation = {
  point: string;
  hz_deg: number;
  v_deg: number | null;
  slope_m: number | null;
  hd_m: number | null;
  dh_m: number | null;
  target_height_m: number | null;
  line: number;
};

export type TpsStation = { id: string | null; E?: number; N?: number; H?: number; instrument_height_m?: number; line: number };

export type ParsedTpsFile = { station: TpsStation | null; observations: TpsObservation[]; flags: PitFlag[] };

// Earth radius and refraction coefficient for the curvature allowance of the 32/33 cross-check.
const EARTH_R_M = 6_378_000;
const REFRACTION_K = 0.13;

/**
 * Reads total-station observations from a GSI-8/16 file: 11 point id, 21 Hz, 22 V (zenith),
 * 31 slope distance, 32/33 horizontal distance and height difference (cross-checked against
 * SD·sin V and SD·cos V: `instrument_mismatch` flags), 87 reflector height and 88 instrument
 * height (both carried forward until changed), 84/85/86 station coordinates.
 * Throws `gsi_parse_error` with one message per bad line.
 *
 * @example
 *   readGsiTotalStation('110002+00130021 21.102+19723700 22.102+10000000 31..00+00045179 51....+0000+000').observations[0]
 *   // { point: '130021', hz_deg: 177.5133, v_deg: 90, slope_m: 45.179, ... }
 */
export const readGsiTotalStation = (text: string, field?: string): ParsedTpsFile => {
  const blocks = parseGsi(text, field);
  const issues: LineIssue[] = [];
  const flags: PitFlag[] = [];
  const observations: TpsObservation[] = [];
  let station: TpsStation | null = null;
  let target: number | null = null;
  for (const block of blocks) {
    const line = block.line;
    const point = wordOf(block, 11)?.text ?? null;
    const th = wordOf(block, 87);
    if (th) target = th.value;
    const ih = wordOf(block, 88);
    const e = wordOf(block, 84);
    const nn = wordOf(block, 85);
    const hh = wordOf(block, 86);
    if (e || nn || hh || (ih && !wordOf(block, 21))) {
      const s: TpsStation = station ?? { id: null, line };
      s.id = point ?? s.id;
      s.line = line;
      if (e) s.E = e.value!;
      if (nn) s.N = nn.value!;
      if (hh) s.H = hh.value!;
      station = s;
    }
    if (ih) {
      const s: TpsStation = station ?? { id: null, line };
      s.instrument_height_m = ih.value!;
      station = s;
    }
    const hz = wordOf(block, 21);
    if (!hz) continue;
    if (point === null) {
      issues.push({ line, word: hz.index, message: `line ${line}: horizontal angle (WI 21) without a point id (WI 11)` });
      continue;
    }
    const v = wordOf(block, 22);
    const sd = wordOf(block, 31);
    const hd = wordOf(block, 32);
    const dh = wordOf(block, 33);
    if ((sd || hd || dh) && !v && !(hd && dh)) {
      issues.push({ line, message: `line ${line}: distance without a vertical angle (WI 22) for point '${point}'` });
      continue;
    }
    const obs: TpsObservation = {
      point,
      hz_deg: hz.value!,
      v_deg: v?.value ?? null,
      slope_m: sd?.value ?? null,
      hd_m: hd?.value ?? null,
      dh_m: dh?.value ?? null,
      target_height_m: target,
      line,
    };
    if (sd && v) {
      const hdCalc = sd.value! * sinDeg(v.value!);
      const cr = ((1 - REFRACTION_K) * hdCalc * hdCalc) / (2 * EARTH_R_M);
      if (hd) crossCheck(flags, hd, hdCalc, 0, line, point);
      if (dh) crossCheck(flags, dh, sd.value! * cosDeg(v.value!), cr, line, point);
    }
    observations.push(obs);
  }
  if (observations.length === 0 && issues.length === 0) issues.push({ line: blocks.at(-1)?.line ?? 1, message: `line ${blocks.at(-1)?.line ?? 1}: no total-station observations (WI 21) found` });
  if (issues.length) throw lineIssuesError(field, 'gsi_parse_error', issues);
  return { station, observations, flags };
};

const crossCheck = (flags: PitFlag[], w: GsiWord, recomputed: number, allowance_m: number, line: number, point: string) => {
  const tol = (w.resolution_mm ?? 0) / 2 + 0.01 + allowance_m * 1000;
  const diff_mm = (w.value! - recomputed) * 1000;
  if (exceeds(Math.abs(diff_mm), tol)) {
    flags.push({ code: 'instrument_mismatch', line, word: w.index, item: String(w.wi), point, instrument: w.value, recomputed, diff_mm, tolerance_mm: tol });
  }
};
