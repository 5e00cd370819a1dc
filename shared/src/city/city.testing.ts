export { assertThrowsCode } from '../errors.testing';

/** A `Date` from a local Asia/Shanghai wall time 'YYYY-MM-DD HH:MM'. */
export const sh = (wall: string): Date => new Date(`${wall.replace(' ', 'T')}:00+08:00`);

/** Formats a Date as Asia/Shanghai wall time 'YYYY-MM-DD HH:MM' (independent of the machine TZ). */
export const wall = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Deterministic PRNG (mulberry32) for generated test data. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
