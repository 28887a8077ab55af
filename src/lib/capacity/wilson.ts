/**
 * Wilson score interval for a binomial proportion (Wilson 1927). Unlike the textbook p ± z sqrt(p(1-p)/n) it stays
 * inside [0, 1] and does not collapse to a point when every trial succeeds or fails, which is exactly what happens far
 * from N = 2K, where nearly all or nearly no random labellings are separable.
 */

/** The 97.5% quantile of the standard normal: a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`wilsonInterval: ${trials} trials`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval: ${successes} successes out of ${trials}`);
  }
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  // The ends are exactly 0 and 1 when p is; rounding could otherwise leave them a hair outside [0, 1].
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}
