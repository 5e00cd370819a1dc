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
