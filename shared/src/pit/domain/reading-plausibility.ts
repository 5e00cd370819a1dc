import { invalid } from '../../errors';

/**
 * Readings an instrument cannot produce are typing or transfer errors (9000.5 Hz for 900.5): refused with the
 * line, before they become a "red alarm" pushed to every party. Only physical impossibility is refused here;
 * a real, sudden movement of the pit must still raise its alarm at once.
 */

/** Vibrating-wire sensors work within about half to twice their zero-load frequency, and 100–6000 Hz overall. */
export const WIRE_FREQUENCY_SPAN = { belowF0: 0.5, aboveF0: 2, minHz: 100, maxHz: 6000 } as const;
/** Depth to water below the pipe top, m: a little above the top (artesian) down to the deepest wells. */
export const WELL_DEPTH_M = { min: -2, max: 100 } as const;

const fmt = (x: number) => String(Math.round(x * 10) / 10);

export function checkWireFrequency(line: number, sensor: string, fHz: number, f0Hz: number): void {
  const lo = Math.max(WIRE_FREQUENCY_SPAN.minHz, WIRE_FREQUENCY_SPAN.belowF0 * f0Hz);
  const hi = Math.min(WIRE_FREQUENCY_SPAN.maxHz, WIRE_FREQUENCY_SPAN.aboveF0 * f0Hz);
  if (fHz >= lo && fHz <= hi) return;
  throw invalid(
    `第 ${line} 行：传感器 ${sensor} 的频率 ${fHz} Hz 超出其可能范围 ${fmt(lo)}–${fmt(hi)} Hz（初始频率 ${f0Hz} Hz），请检查是否录入或传输错误`,
    'implausible_reading',
    { line, point: sensor, value: fHz, range: [lo, hi] },
  );
}

export function checkWellDepth(line: number, well: string, depthM: number): void {
  if (depthM >= WELL_DEPTH_M.min && depthM <= WELL_DEPTH_M.max) return;
  throw invalid(
    `第 ${line} 行：水位孔 ${well} 的水位埋深 ${depthM} m 不可能（应在 ${WELL_DEPTH_M.min}–${WELL_DEPTH_M.max} m 之间，自管口向下为正），请检查是否录入错误`,
    'implausible_reading',
    { line, point: well, value: depthM, range: [WELL_DEPTH_M.min, WELL_DEPTH_M.max] },
  );
}

/** A wall point 10 m from where it was registered is a wrong point, coordinate system or typo, not a movement. */
export const COORDINATE_JUMP_M = 10;
/** Tilt meters read within about ±26.6° (±500 ‰, the tangent); crack widths are 0 to 1 m. */
export const TILT_PERMILLE_MAX = 500;
export const CRACK_WIDTH_MM = { min: 0, max: 1000 } as const;

export function checkCoordinateJump(line: number, point: string, distanceM: number): void {
  if (distanceM <= COORDINATE_JUMP_M) return;
  throw invalid(
    `第 ${line} 行：测点 ${point} 的坐标距初始坐标 ${fmt(distanceM)} m，不可能是位移（超过 ${COORDINATE_JUMP_M} m），请检查点号、坐标系或录入错误`,
    'implausible_reading',
    { line, point, value: distanceM, range: [0, COORDINATE_JUMP_M] },
  );
}

export function checkTilt(line: number, point: string, permille: number): void {
  if (Math.abs(permille) <= TILT_PERMILLE_MAX) return;
  throw invalid(
    `第 ${line} 行：测点 ${point} 的倾斜 ${fmt(permille)}‰ 超出倾斜计可能的量程（±${TILT_PERMILLE_MAX}‰，约 ±26.6°），请检查单位（tilt_permille 为 ‰，tilt_deg 为度）或录入错误`,
    'implausible_reading',
    { line, point, value: permille, range: [-TILT_PERMILLE_MAX, TILT_PERMILLE_MAX] },
  );
}

export function checkCrackWidth(line: number, point: string, mm: number): void {
  if (mm >= CRACK_WIDTH_MM.min && mm <= CRACK_WIDTH_MM.max) return;
  throw invalid(
    `第 ${line} 行：裂缝 ${point} 的宽度 ${mm} mm 不可能（应在 ${CRACK_WIDTH_MM.min}–${CRACK_WIDTH_MM.max} mm 之间），请检查是否录入错误`,
    'implausible_reading',
    { line, point, value: mm, range: [CRACK_WIDTH_MM.min, CRACK_WIDTH_MM.max] },
  );
}
