import { thresholdBinarization, type Binarization } from "../../lib/stats/binarization.ts";

/**
 * Settings shared by the build and the browser for chapters 1-2, so the two compute the same numbers.
 * The default is ">= 128" (threshold 127): the half-intensity cut keeps the stroke cores and drops the anti-aliased
 * rim, which is the usual reading of "black and white" and the one most code uses (value / 255 >= 0.5).
 */
export const DEFAULT_THRESHOLD = 127;
export const DEFAULT_BINARIZATION: Binarization = thresholdBinarization(DEFAULT_THRESHOLD);
/** Seeds the stochastic binarization, the EM start and its training subset. */
export const STATS_SEED = 20180405;
export const EM_DEFAULTS = { components: 10, maxIterations: 30 } as const;
export const EM_COMPONENT_CHOICES = [1, 2, 5, 10, 20, 50] as const;
/** Sample digits shown grey and binarized: the first images of the training set. */
export const SAMPLE_COUNT = 12;

export type Convention = "any-ink" | "half" | "custom" | "stochastic";

export function binarizationFor(convention: Convention, threshold: number): Binarization {
  switch (convention) {
    case "any-ink":
      return thresholdBinarization(0);
    case "half":
      return thresholdBinarization(127);
    case "custom":
      return thresholdBinarization(threshold);
    case "stochastic":
      return { kind: "stochastic" };
  }
}
