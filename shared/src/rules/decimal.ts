/**
 * Exact decimal arithmetic for the rules checks (docs/domain/concrete.md §4): a JSON number is read as
 * the decimal it was written as (its shortest representation), never as the binary float it became, so
 * 四舍五入 of 1.005 to 0.01 gives 1.01 (the float 1.005 × 100 is 100.49999…). Values are then compared
 * as integers in tenths or hundredths.
 */

/** A rational number n / d with d > 0. */
export type Rational = { n: bigint; d: bigint };

const TEN = 10n;
const pow10 = (k: number): bigint => TEN ** BigInt(k);

/**
 * The decimal a finite JS number was written as, exactly.
 *
 * @example
 *   exact(1.005) // { n: 1005n, d: 1000n }
 */
export function exact(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`unexpected number format: ${String(x)}`);
  const [, sign, int, frac = '', e = '0'] = m;
  const exp = Number(e) - frac.length;
  const digits = BigInt(`${sign}${int}${frac}`);
  return exp >= 0 ? { n: digits * pow10(exp), d: 1n } : { n: digits, d: pow10(-exp) };
}

/**
 * 四舍五入 of n / d to an integer: an exact half goes away from zero.
 *
 * @example
 *   roundHalfUp({ n: 5n, d: 2n }) // 3n
 */
export function roundHalfUp(r: Rational): bigint {
  const neg = r.n < 0n;
  const a = neg ? -r.n : r.n;
  const q = (2n * a + r.d) / (2n * r.d);
  return neg ? -q : q;
}

/**
 * A JS number rounded half-up to `decimals` places, as an integer count of 10^-decimals.
 *
 * @example
 *   scaled(30.25, 1) // 303n (tenths)
 *   scaled(1.005, 2) // 101n (hundredths)
 */
export function scaled(x: number, decimals: number): bigint {
  const r = exact(x);
  return roundHalfUp({ n: r.n * pow10(decimals), d: r.d });
}

/** floor(√v) for v ≥ 0, exactly (Newton's method on bigints). */
export function isqrt(v: bigint): bigint {
  if (v < 0n) throw new RangeError('square root of a negative number');
  if (v < 2n) return v;
  let x = BigInt(Math.floor(Math.sqrt(Number(v))));
  // The float estimate is close; settle it exactly.
  while (x * x > v) x = (x + v / x) / 2n;
  while ((x + 1n) * (x + 1n) <= v) x += 1n;
  while (x * x > v) x -= 1n;
  return x;
}

/**
 * √(p / q) rounded half-up to an integer, exactly: the largest k ≥ 0 with √(p/q) ≥ k − ½, i.e.
 * 4p ≥ q(2k − 1)².
 *
 * @example
 *   sqrtRoundHalfUp(25n, 4n) // 3n  (√6.25 = 2.5 → 3)
 */
export function sqrtRoundHalfUp(p: bigint, q: bigint): bigint {
  if (p < 0n || q <= 0n) throw new RangeError('sqrtRoundHalfUp needs p ≥ 0 and q > 0');
  let k = isqrt(p / q) + 1n;
  while (k > 0n && 4n * p < q * (2n * k - 1n) ** 2n) k -= 1n;
  return k;
}

/**
 * An integer count of tenths (or hundredths) as the JS number it stands for.
 *
 * @example
 *   fromScaled(481n, 1) // 48.1
 */
export const fromScaled = (v: bigint, decimals: number): number => Number(v) / 10 ** decimals;
