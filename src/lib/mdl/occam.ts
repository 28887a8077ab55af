/**
 * The compression (Occam's razor) bound on a classifier's true error, from Langford (2005), "Tutorial on practical
 * prediction theory for classification", JMLR 6: the Occam's razor bound (Theorem 4.6) in its relative-entropy form.
 * For any prior P over hypotheses fixed before the data, with probability at least 1 − δ over the draw of n i.i.d.
 * training examples, every hypothesis h satisfies
 *
 *   true error(h) ≤ KL⁻¹_upper( empirical error(h), (ln 1/P(h) + ln 1/δ) / n ),
 *
 * where KL⁻¹_upper(q, c) is the largest p with KL(q‖p) ≤ c. A model written in a prefix code of L bits gets the prior
 * P(h) = 2^−L (Kraft's inequality keeps the total at most 1), so ln 1/P(h) = L ln 2: the bound is paid for in bits of
 * model file. The error is a 0/1 loss, so the argument holds for a 10-class classifier as for a binary one. Pure, no
 * DOM; all logarithms natural (nats).
 */

/** The error of guessing among 10 classes: an error bound at or above it says nothing about a 10-class classifier. */
export const VACUOUS_ERROR = 0.9;

function checkProbability(name: string, x: number): void {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`${name} must be a probability in [0, 1], got ${x}`);
}

/** x ln(x / y) with 0 ln 0 = 0 (the limit), and +∞ when x > 0 and y = 0. */
function xLogXOverY(x: number, y: number): number {
  if (x === 0) return 0;
  if (y === 0) return Infinity;
  return x * Math.log(x / y);
}

/**
 * KL(q‖p) between Bernoulli(q) and Bernoulli(p), in nats: q ln(q/p) + (1−q) ln((1−q)/(1−p)). Zero when q = p; +∞
 * when p puts no mass where q does (p = 0 < q, or p = 1 > q). Both arguments must lie in [0, 1].
 */
export function binaryKl(q: number, p: number): number {
  checkProbability("q", q);
  checkProbability("p", p);
  if (q === p) return 0;
  // Never negative in exact arithmetic; rounding near q = p can dip a hair below zero.
  return Math.max(0, xLogXOverY(q, p) + xLogXOverY(1 - q, 1 - p));
}

/**
 * The largest p in [q, 1] with KL(q‖p) ≤ c: the upper end of the relative-entropy confidence interval around an
 * empirical error q. KL(q‖p) increases with p on [q, 1], so it is found by bisection, run until the bracket is two
 * adjacent doubles; the upper end of the bracket is returned, so the result is never below the exact inverse (a bound
 * rounded up, not down). Exact special cases: c = 0 gives q; q = 0 gives 1 − e^−c (KL(0‖p) = −ln(1 − p)); q = 1 and
 * c = +∞ give 1. For 0 < q < 1 the exact inverse is below 1 for every finite c, but it rounds to 1 once c is large.
 */
export function klInverseUpper(q: number, c: number): number {
  checkProbability("q", q);
  if (!(c >= 0)) throw new RangeError(`c must be a non-negative number of nats, got ${c}`);
  if (c === 0) return q;
  if (q === 1 || c === Infinity) return 1;
  if (q === 0) return -Math.expm1(-c);
  let lo = q;
  let hi = 1;
  // Each step halves the bracket; 2,000 steps reach adjacent doubles from any start, so the cap never binds.
  for (let step = 0; step < 2000; step++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (binaryKl(q, mid) <= c) lo = mid;
    else hi = mid;
  }
  return hi;
}

export interface OccamInputs {
  /** Length of the model in a prefix code, in bits (the real file's length qualifies: files are self-delimiting). */
  codeBits: number;
  /** Misclassified training examples, an integer in [0, n]. */
  trainErrors: number;
  /** Training examples the errors were counted on, drawn i.i.d. and not used to choose the code. */
  n: number;
  /** The bound's failure probability, in (0, 1): it holds with probability at least 1 − δ. */
  delta: number;
}

export interface OccamResult {
  /** The upper bound on the true error, in [empiricalError, 1]. */
  bound: number;
  /** trainErrors / n. */
  empiricalError: number;
  /** (codeBits ln 2 + ln 1/δ) / n, in nats per example: the KL budget the bound spends. */
  complexity: number;
  /**
   * bound ≥ VACUOUS_ERROR (0.9): the bound is no better than guessing among 10 classes. A field rather than a
   * separate predicate so the page reads one result; the threshold is the exported constant, for the prose to cite.
   */
  vacuous: boolean;
}

/**
 * The Occam bound for a classifier sent in `codeBits` bits that makes `trainErrors` errors on `n` training examples,
 * at confidence 1 − `delta`. Throws a RangeError on bits that are negative or not finite, a count of examples that is
 * not a positive integer, errors that are not an integer in [0, n], or δ outside (0, 1).
 */
export function occamBound({ codeBits, trainErrors, n, delta }: OccamInputs): OccamResult {
  if (!(Number.isFinite(codeBits) && codeBits >= 0))
    throw new RangeError(`occamBound: codeBits must be a finite number ≥ 0, got ${codeBits}`);
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`occamBound: n must be a positive integer, got ${n}`);
  if (!(Number.isInteger(trainErrors) && trainErrors >= 0 && trainErrors <= n)) {
    throw new RangeError(`occamBound: trainErrors must be an integer in [0, n = ${n}], got ${trainErrors}`);
  }
  if (!(delta > 0 && delta < 1)) throw new RangeError(`occamBound: delta must be in (0, 1), got ${delta}`);
  const empiricalError = trainErrors / n;
  const complexity = (codeBits * Math.LN2 + Math.log(1 / delta)) / n;
  const bound = klInverseUpper(empiricalError, complexity);
  return { bound, empiricalError, complexity, vacuous: bound >= VACUOUS_ERROR };
}
