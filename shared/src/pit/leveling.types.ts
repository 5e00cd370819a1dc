/** Shapes shared by the leveling solver and the raw-file readers (GSI, DiNi). */

export type LevelMethod = 'BF' | 'BFFB' | 'aBF' | 'aBFFB' | 'BBFF' | 'BFBF';

/** A forensic or QA finding; `code` is stable snake_case, other fields depend on the code. */
export type PitFlag = { code: string; [key: string]: unknown };

/** One instrument setup: back and fore staff readings in m; BFFB when the 2-readings are present. */
export type LevelStation = {
  back: string;
  fore: string;
  back_m: number;
  fore_m: number;
  back2_m?: number;
  fore2_m?: number;
  back_dist_m?: number;
  fore_dist_m?: number;
  /** Raw-file line of the first reading of this station. */
  line?: number;
};

/** A side shot from a station: elevation = back point + first back reading − this reading. */
export type LevelIntermediate = { point: string; station: number; reading_m: number; dist_m?: number; line: number };

/** A leveling line as read from a raw instrument file. */
export type ParsedLevelFile = {
  format: 'gsi' | 'dini';
  method: LevelMethod | null;
  stations: LevelStation[];
  intermediates: LevelIntermediate[];
  flags: PitFlag[];
};

export const TWO_READING_METHODS: ReadonlySet<LevelMethod> = new Set(['BFFB', 'aBFFB', 'BBFF', 'BFBF']);
