/** Angle helpers in decimal degrees, exact at multiples of 90° so that e.g. cos 90° is 0, not 6e-17. */

const DEG = Math.PI / 180;

/**
 * Normalises an angle to [0, 360).
 *
 * @example
 *   normalizeDeg(-90) // 270
 */
export const normalizeDeg = (deg: number): number => {
  const r = deg % 360;
  const n = r < 0 ? r + 360 : r;
  return n === 360 ? 0 : n;
};

/**
 * Wraps an angle difference to (-180, 180].
 *
 * @example
 *   wrapDeg(350) // -10
 */
export const wrapDeg = (deg: number): number => {
  const n = normalizeDeg(deg);
  return n > 180 ? n - 360 : n;
};

const QUARTER_SIN = [0, 1, 0, -1];

/**
 * Sine of an angle in degrees.
 *
 * @example
 *   sinDeg(180) // 0
 */
export const sinDeg = (deg: number): number => {
  const n = normalizeDeg(deg);
  return n % 90 === 0 ? QUARTER_SIN[n / 90] : Math.sin(n * DEG);
};

/**
 * Cosine of an angle in degrees.
 *
 * @example
 *   cosDeg(90) // 0
 */
export const cosDeg = (deg: number): number => sinDeg(deg + 90);

/**
 * Azimuth (clockwise from North, [0, 360)) of the vector (dE, dN).
 *
 * @example
 *   azimuthDeg(1, 0) // 90
 */
export const azimuthDeg = (dE: number, dN: number): number => {
  if (dN === 0 && dE === 0) return 0;
  if (dE === 0) return dN > 0 ? 0 : 180;
  if (dN === 0) return dE > 0 ? 90 : 270;
  return normalizeDeg(Math.atan2(dE, dN) / DEG);
};
