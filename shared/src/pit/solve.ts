import { solveDisplacement, type DisplacementResult } from './displacement.solve';
import { solveInclinometer, type InclinometerResult } from './inclinometer.solve';
import { solveJudge, type JudgeResult } from './judge';
import { solveLeveling, type LevelingResult } from './leveling.solve';
import { fieldError } from './pit.errors';
import { solveRebarMeters, type RebarMetersResult } from './rebar-meters.solve';
import { PIT_KINDS, type PitKind } from './request.schema';
import { typeName } from './request.validate';
import { solveSeries, type SeriesResult } from './series.solve';
import { solveTilt, type TiltResult } from './tilt.solve';
import { solveTotalStation, type TotalStationResult } from './total-station.solve';
import { solveVibratingWire, type VibratingWireResult } from './vibrating-wire.solve';
import { solveWaterLevel, type WaterLevelResult } from './water-level.solve';

export type PitResult =
  | LevelingResult
  | SeriesResult
  | WaterLevelResult
  | InclinometerResult
  | VibratingWireResult
  | RebarMetersResult
  | TotalStationResult
  | DisplacementResult
  | TiltResult
  | JudgeResult;

const SOLVERS: Record<PitKind, (input: unknown) => PitResult> = {
  leveling: solveLeveling,
  series: solveSeries,
  water_level: solveWaterLevel,
  inclinometer: solveInclinometer,
  vibrating_wire: solveVibratingWire,
  rebar_meters: solveRebarMeters,
  total_station: solveTotalStation,
  displacement: solveDisplacement,
  tilt: solveTilt,
  judge: solveJudge,
};

/**
 * The pit solver contract (docs/domain/pit.md §6): one request in, one result out, dispatched by `kind`.
 * Pure: no I/O, no clock. Invalid input throws a `DomainError` whose `code` is stable
 * (`invalid_request`, `unknown_kind`, `gsi_parse_error`, ...) and whose message names the field.
 * A rejected leveling epoch is a result (`accepted: false`), not an error.
 *
 * @example
 *   solve({ kind: 'displacement', initial: { E: 0, N: 0 }, current: { E: 0.003, N: 0 }, normal_azimuth_deg: 90 })
 *   // { kind: 'displacement', toward_pit_mm: 3, along_wall_mm: 0, total_mm: 3, ... }
 */
export const solve = (request: unknown): PitResult => {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw fieldError('request', `expected a JSON object, received ${typeName(request)}`);
  }
  const kind = (request as { kind?: unknown }).kind;
  if (kind === undefined) throw fieldError('kind', `required (one of ${PIT_KINDS.join(', ')})`);
  if (typeof kind !== 'string' || !(PIT_KINDS as readonly string[]).includes(kind)) {
    throw fieldError('kind', `unknown kind ${JSON.stringify(kind)} (one of ${PIT_KINDS.join(', ')})`, 'unknown_kind');
  }
  return SOLVERS[kind as PitKind](request);
};
