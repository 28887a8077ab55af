import { MAX_SEED } from "../../lib/random.ts";
import { intIn, type FieldTable } from "../../lib/settings.ts";

/** The reader's experiment: K weights, random labellings per N, and the seed of every draw. */
export interface ExperimentSettings {
  k: number;
  trials: number;
  seed: number;
}

/** The run computed at build time, and the form's defaults. */
export const REFERENCE_RUN: Readonly<ExperimentSettings> = { k: 20, trials: 300, seed: 1 };
/**
 * Largest K a reader may choose. One LP at K = 100 and N = 350 already takes tens of milliseconds; 13 values of N times
 * a few hundred trials is then about a minute, and the cost grows faster than K^2 beyond that.
 */
export const MAX_K = 100;
export const MIN_TRIALS = 10;
export const MAX_TRIALS = 1000;
/** The curve and the chart's x axis run to N / K = 4 so both charts on the page share their horizontal scale. */
export const MAX_RATIO = 4;

export const EXPERIMENT_PREFIX = "experiment.";
export const EXPERIMENT_FIELDS: FieldTable<ExperimentSettings> = {
  k: { key: "k", parse: intIn(1, MAX_K) },
  trials: { key: "trials", parse: intIn(MIN_TRIALS, MAX_TRIALS) },
  seed: { key: "seed", parse: intIn(0, MAX_SEED) },
};

export function sameSettings(a: ExperimentSettings, b: ExperimentSettings): boolean {
  return a.k === b.k && a.trials === b.trials && a.seed === b.seed;
}
