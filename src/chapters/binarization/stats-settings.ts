import { MAX_SEED } from "../../lib/random.ts";
import { intIn, oneOf, type FieldTable } from "../../lib/settings.ts";
import {
  ANY_INK,
  HALF_INTENSITY,
  MAX_THRESHOLD,
  STOCHASTIC,
  thresholdBinarization,
  type Binarization,
} from "../../lib/stats/binarization.ts";

/**
 * Settings shared by the build and the browser for chapters 1-2, so the two compute the same numbers.
 * The default is ">= 128" (threshold 127): the half-intensity cut keeps the stroke cores and drops the anti-aliased
 * rim, which is the usual reading of "black and white" and the one most code uses (value / 255 >= 0.5).
 */
export const DEFAULT_THRESHOLD = HALF_INTENSITY.threshold;
export const DEFAULT_BINARIZATION: Binarization = HALF_INTENSITY;
/** Seeds the stochastic binarization, the EM start and its training subset. */
export const STATS_SEED = 20180405;
export const EM_DEFAULTS = { components: 10, maxIterations: 30 } as const;
export const EM_COMPONENT_CHOICES = [1, 2, 5, 10, 20, 50] as const;
/** Sample digits shown grey and binarized: the first images of the training set. */
export const SAMPLE_COUNT = 12;

export const CONVENTIONS = ["any-ink", "half", "custom", "stochastic"] as const;
export type Convention = (typeof CONVENTIONS)[number];

export function binarizationFor(convention: Convention, threshold: number): Binarization {
  switch (convention) {
    case "any-ink":
      return ANY_INK;
    case "half":
      return HALF_INTENSITY;
    case "custom":
      return thresholdBinarization(threshold);
    case "stochastic":
      return STOCHASTIC;
  }
}

/** The threshold a convention fixes (the slider shows it), or undefined where the reader chooses it or none applies. */
export function conventionThreshold(convention: Convention): number | undefined {
  if (convention === "any-ink") return ANY_INK.threshold;
  if (convention === "half") return HALF_INTENSITY.threshold;
  return undefined;
}

/** The binarization picker's setting: a convention, and the threshold the slider shows. */
export interface BinarizationSetting {
  convention: Convention;
  threshold: number;
}

export const BINARIZATION_DEFAULTS: BinarizationSetting = { convention: "half", threshold: DEFAULT_THRESHOLD };
/** Both chapters' pickers read and write `?bin.convention=…&bin.threshold=…`, so one link sets either page. */
export const BINARIZATION_PREFIX = "bin.";
export const BINARIZATION_FIELDS: FieldTable<BinarizationSetting> = {
  convention: { key: "convention", parse: oneOf(CONVENTIONS) },
  threshold: { key: "threshold", parse: intIn(0, MAX_THRESHOLD) },
};

/** A setting whose slider agrees with its convention (a link may say `convention=half&threshold=3`). */
export function normalizeSetting(s: BinarizationSetting): BinarizationSetting {
  return { convention: s.convention, threshold: conventionThreshold(s.convention) ?? s.threshold };
}

/** Chapter 2's EM fit: the number of components and the seed of its start and training subset. */
export interface EmSetting {
  components: (typeof EM_COMPONENT_CHOICES)[number];
  seed: number;
}

export const EM_SETTING_DEFAULTS: EmSetting = { components: EM_DEFAULTS.components, seed: STATS_SEED };
export const EM_PREFIX = "em.";
export const EM_FIELDS: FieldTable<EmSetting> = {
  components: {
    key: "components",
    parse: (raw) => {
      const k = Number(oneOf(EM_COMPONENT_CHOICES.map(String))(raw));
      return EM_COMPONENT_CHOICES.find((c) => c === k) ?? EM_DEFAULTS.components;
    },
  },
  seed: { key: "seed", parse: intIn(0, MAX_SEED) },
};
