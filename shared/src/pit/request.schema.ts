import * as z from 'zod';

/**
 * zod schemas of the §6 solver requests (docs/domain/pit.md). Large numeric arrays (series epochs, judge
 * values, inclinometer faces) are only checked to be arrays here; the solvers validate their
 * elements in one allocation-free loop, because zod per element is too slow for a million readings.
 */

const id = z.string().min(1);
const num = z.number();
const pos = z.number().positive();
const nonNeg = z.number().nonnegative();
/** A solver request: the `kind` that picks the solver, then its own fields. */
const solverRequest = <K extends string, S extends z.ZodRawShape>(kind: K, fields: S) => z.object({ kind: z.literal(kind), ...fields });
/** An array whose elements the solver checks itself. */
export const bigArray = z.custom<unknown[]>((v) => Array.isArray(v), { message: 'expected array' });

export const levelsSchema = z.object({ yellow: pos, orange: pos, red: pos });
export type Levels = z.infer<typeof levelsSchema>;

export const levelingStationSchema = z.object({
  back: id,
  fore: id,
  back_m: num,
  fore_m: num,
  back2_m: num.optional(),
  fore2_m: num.optional(),
  back_dist_m: nonNeg.optional(),
  fore_dist_m: nonNeg.optional(),
});

export const levelingSectionSchema = z.object({
  from: id,
  to: id,
  stations: z.number().int().positive(),
  dh_m: num,
  /** Extra: section length, needed when distribute is "distance". */
  length_m: pos.optional(),
});

export const levelingRequestSchema = solverRequest('leveling', {
  benchmarks: z.record(z.string().min(1), num),
  start: id,
  end: id.optional(),
  k_mm: pos,
  distribute: z.enum(['stations', 'distance']).optional(),
  stations: z.array(levelingStationSchema).min(1).optional(),
  sections: z.array(levelingSectionSchema).min(1).optional(),
  raw: z.object({ format: z.enum(['gsi', 'dini']), text: z.string().min(1) }).optional(),
  /** Extra: flag BFFB stations whose station difference exceeds this (mm). */
  station_diff_limit_mm: pos.optional(),
  /** Extra: the project's registered points; any other point (benchmarks aside) is refused. */
  known_points: z.array(id).optional(),
});
export type LevelingRequest = z.infer<typeof levelingRequestSchema>;

export const seriesRequestSchema = solverRequest('series', {
  unit: z.enum(['m', 'mm']),
  initial: bigArray,
  epochs: bigArray,
  /** Extra: the caller's clock; epochs after it are refused as future timestamps. */
  now: z.string().optional(),
});
export type SeriesRequest = z.infer<typeof seriesRequestSchema>;

export const waterLevelRequestSchema = solverRequest('water_level', {
  pipe_top_m: num,
  readings: bigArray,
  now: z.string().optional(),
});
export type WaterLevelRequest = z.infer<typeof waterLevelRequestSchema>;

export const inclinometerSurveySchema = z.object({ time: z.string(), A0: bigArray, A180: bigArray });
export type InclinometerSurvey = { time: string; A0: number[]; A180: number[] };

export const inclinometerRequestSchema = solverRequest('inclinometer', {
  interval_m: pos,
  depths_m: bigArray,
  /** One baseline survey, or (extra) several whose mean profile is the initial. */
  initial: z.union([inclinometerSurveySchema, z.array(inclinometerSurveySchema).min(1)]).optional(),
  previous: inclinometerSurveySchema.optional(),
  current: inclinometerSurveySchema,
  checksum_tolerance_mm: pos.optional(),
  now: z.string().optional(),
});
export type InclinometerRequest = z.infer<typeof inclinometerRequestSchema>;

const hz = z.union([pos, z.array(pos).min(1)]);
export const vibratingWireRequestSchema = solverRequest('vibrating_wire', {
  K: num,
  /** A number, or (extra) one per string of a multi-string cell: the mean f² is used. */
  f0_Hz: hz,
  f_Hz: hz,
  B: num.optional(),
  T0_C: num.optional(),
  T_C: num.optional(),
});
export type VibratingWireRequest = z.infer<typeof vibratingWireRequestSchema>;

export const rebarMetersRequestSchema = solverRequest('rebar_meters', {
  /** One K for all meters, or (extra) one per meter. */
  K: z.union([num, z.array(num).min(1)]),
  f0_Hz: z.array(pos).min(1),
  f_Hz: z.array(pos).min(1),
  meter_bar_diameter_mm: pos,
  section_mm: z.tuple([pos, pos]),
  bars_area_mm2: pos,
  Ec_MPa: pos,
  Es_MPa: pos,
});
export type RebarMetersRequest = z.infer<typeof rebarMetersRequestSchema>;

export const totalStationObservationSchema = z.object({ point: id, hz_deg: num, v_deg: num, slope_m: nonNeg, target_height_m: num });
export type TotalStationObservation = z.infer<typeof totalStationObservationSchema>;

export const totalStationRequestSchema = solverRequest('total_station', {
  station: z.object({ id, E: num, N: num, H: num, instrument_height_m: num }),
  /** `hz_deg` may be omitted (extra) when the raw file holds the observation to that backsight. */
  backsights: z.array(z.object({ id, E: num, N: num, hz_deg: num.optional() })).min(1),
  observations: z.array(totalStationObservationSchema).min(1).optional(),
  raw: z.object({ format: z.literal('gsi'), text: z.string().min(1) }).optional(),
  /** Extra: the project's registered points; observations of any other point are refused. */
  known_points: z.array(id).optional(),
});
export type TotalStationRequest = z.infer<typeof totalStationRequestSchema>;

const en = z.object({ E: num, N: num });
export const displacementRequestSchema = solverRequest('displacement', {
  initial: en,
  current: en,
  normal_azimuth_deg: num,
});
export type DisplacementRequest = z.infer<typeof displacementRequestSchema>;

export const tiltRequestSchema = solverRequest('tilt', {
  settlements_mm: z.record(z.string().min(1), num),
  distance_m: pos,
  control: pos,
  levels: levelsSchema,
});
export type TiltRequest = z.infer<typeof tiltRequestSchema>;

export const judgeRequestSchema = solverRequest('judge', {
  levels: levelsSchema,
  control_value: pos.optional(),
  control: z.object({ absolute: pos.optional(), percent_H: pos.optional(), H_m: pos.optional() }).optional(),
  values: bigArray.optional(),
  rates: bigArray.optional(),
  rate_control: pos.optional(),
  consecutive: z
    .object({
      n: z.number().int().positive(),
      fraction: pos,
      /** Extra: the level the rule raises (default red, the platform's interpretation). */
      level: z.enum(['yellow', 'orange', 'red']).optional(),
    })
    .optional(),
});
export type JudgeRequest = z.infer<typeof judgeRequestSchema>;

export const PIT_KINDS = [
  'leveling',
  'series',
  'water_level',
  'inclinometer',
  'vibrating_wire',
  'rebar_meters',
  'total_station',
  'displacement',
  'tilt',
  'judge',
] as const;
export type PitKind = (typeof PIT_KINDS)[number];
