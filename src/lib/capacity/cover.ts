/**
 * Cover's function counting theorem (Cover 1965; MacKay 2003, ch. 40): T(N, K) is the number of labellings of N points
 * in general position in R^K that a linear threshold unit through the origin, with K weights, can realise.
 *
 * Counts are exact BigInts: at K = 1000, N = 4000 they have about 4000 bits, far beyond a double. Fractions
 * T(N, K) / 2^N are rounded to a double only at the very end, so the step at N = 2K keeps its exact value 1/2.
 */

function requireCountArgs(n: number, k: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Cover count: N = ${n} must be an integer >= 1`);
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`Cover count: K = ${k} must be an integer >= 1`);
}

/**
 * Every T(n, k) for 1 <= n <= maxN, 1 <= k <= maxK, by MacKay's recurrence (p. 488)
 * T(N, K) = T(N-1, K) + T(N-1, K-1), from T(1, K) = 2 (one point, either label) and T(N, 1) = 2 (one weight: only w > 0
 * or w < 0). Entry [n - 1][k - 1] holds T(n, k).
 */
export function coverCountsByRecurrence(maxN: number, maxK: number): bigint[][] {
  requireCountArgs(maxN, maxK);
  const rows: bigint[][] = [new Array<bigint>(maxK).fill(2n)];
  for (let n = 2; n <= maxN; n++) {
    const previous = rows[n - 2] as bigint[];
    const row = new Array<bigint>(maxK);
    row[0] = 2n;
    for (let k = 2; k <= maxK; k++) row[k - 1] = (previous[k - 1] as bigint) + (previous[k - 2] as bigint);
    rows.push(row);
  }
  return rows;
}

/** T(N, K) by the recurrence, keeping one row at a time (O(N K) additions). */
export function coverCountByRecurrence(n: number, k: number): bigint {
  requireCountArgs(n, k);
  let row = new Array<bigint>(k).fill(2n);
  for (let m = 2; m <= n; m++) {
    const next = new Array<bigint>(k);
    next[0] = 2n;
    for (let j = 2; j <= k; j++) next[j - 1] = (row[j - 1] as bigint) + (row[j - 2] as bigint);
    row = next;
  }
  return row[k - 1] as bigint;
}

/** sum_{j=0}^{K-1} C(N-1, j): half of T(N, K), the number of labellings with a given label on one fixed point. */
function halfCount(n: number, k: number): bigint {
  const top = BigInt(n - 1);
  let binomial = 1n;
  let sum = 0n;
  for (let j = 0; j < Math.min(k, n); j++) {
    sum += binomial;
    binomial = (binomial * (top - BigInt(j))) / BigInt(j + 1);
  }
  return sum;
}

/** T(N, K) by Cover's closed form 2 sum_{k=0}^{K-1} C(N-1, k) (O(K) BigInt operations). */
export function coverCount(n: number, k: number): bigint {
  requireCountArgs(n, k);
  return 2n * halfCount(n, k);
}

function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return 4 * (hex.length - 1) + Math.floor(Math.log2(parseInt(hex[0] as string, 16))) + 1;
}

/** x * 2^e without overflowing or underflowing the power itself (2 ** -1100 is already 0). */
function timesPowerOfTwo(x: number, e: number): number {
  let value = x;
  let rest = e;
  while (rest > 1000) {
    value *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    value *= 2 ** -1000;
    rest += 1000;
  }
  return value * 2 ** rest;
}

/**
 * numerator / 2^log2Denominator rounded to a double (relative error about 2^-53; values below 2^-1074 give 0).
 * Only the leading 64 bits of the numerator matter to a double, so the rest is shifted away before converting.
 */
export function dyadicToNumber(numerator: bigint, log2Denominator: number): number {
  if (numerator < 0n) return -dyadicToNumber(-numerator, log2Denominator);
  const shift = Math.max(0, bitLength(numerator) - 64);
  return timesPowerOfTwo(Number(numerator >> BigInt(shift)), shift - log2Denominator);
}

/**
 * T(N, K) / 2^N, the probability that uniformly random labels of N points in general position are linearly separable
 * through the origin; it equals P(Binomial(N-1, 1/2) <= K-1), exactly 1 for N <= K and exactly 1/2 at N = 2K.
 */
export function coverFraction(n: number, k: number): number {
  requireCountArgs(n, k);
  return dyadicToNumber(halfCount(n, k), n - 1);
}

export interface CoverPoint {
  /** Number of points N. */
  n: number;
  /** N / K, the horizontal axis on which curves for different K line up. */
  ratio: number;
  /** T(N, K) / 2^N. */
  fraction: number;
}

export interface CoverCurveOptions {
  /** Largest N / K on the curve (default 4). */
  maxRatio?: number;
  /**
   * Keep at most about this many points, evenly spaced in N, always including N = 2K (default: every N).
   * At K = 1000 every N means 4000 points, more than a chart needs when the curve is baked into a page.
   */
  maxPoints?: number;
}

/**
 * The exact curve T(N, K) / 2^N for N = 1 .. maxRatio K at one K. Walking up in N costs O(1) BigInt operations per step,
 * from T(N+1, K) / 2 = 2 S(N) - C(N-1, K-1) with S(N) = T(N, K) / 2, so K = 1000 up to N = 4000 takes milliseconds.
 */
export function coverCurve(k: number, options: CoverCurveOptions = {}): CoverPoint[] {
  const maxRatio = options.maxRatio ?? 4;
  const maxN = Math.floor(maxRatio * k);
  requireCountArgs(maxN, k);
  const stride = options.maxPoints === undefined ? 1 : Math.max(1, Math.ceil(maxN / options.maxPoints));
  const points: CoverPoint[] = [];
  let half = 1n; // S(1) = C(0, 0)
  let edge = k === 1 ? 1n : 0n; // C(N-1, K-1) at N = 1
  for (let n = 1; n <= maxN; n++) {
    if (n % stride === 0 || n === 1 || n === 2 * k || n === maxN) {
      points.push({ n, ratio: n / k, fraction: dyadicToNumber(half, n - 1) });
    }
    half = 2n * half - edge;
    // C(n, K-1) from C(n-1, K-1): zero until n reaches K-1, then the multiplicative step.
    if (n === k - 1) edge = 1n;
    else if (n > k - 1) edge = (edge * BigInt(n)) / BigInt(n - k + 1);
  }
  return points;
}
