/** Settings shared by the build-time reference run and the live experiment island. */
export const REFERENCE_RUN = { dimension: 20, trials: 300, seed: 1 } as const;
/**
 * Largest K a reader may choose. One LP at K = 100 and N = 350 already takes tens of milliseconds; 13 values of N times
 * a few hundred trials is then about a minute, and the cost grows faster than K^2 beyond that.
 */
export const MAX_K = 100;
export const MIN_TRIALS = 10;
export const MAX_TRIALS = 1000;
/** The curve and the chart's x axis run to N / K = 4 so both charts on the page share their horizontal scale. */
export const MAX_RATIO = 4;
