/** Text and defaults shared by the build-time markup and the live islands of chapter 4, so both read the same. */
import { formatFixed, formatInt } from "../../lib/format.ts";
import { LIVE_RECIPE, peakLr } from "../../lib/train/recipe.ts";
import { LADDER_DEFAULTS } from "../../lib/train/sweep.ts";
import type { LadderConfig, MemorizeConfig, NetworkConfig } from "../../lib/train/url-config.ts";
import {
  archKey,
  describeArch,
  LOGISTIC,
  mlp,
  paramCount,
  parseArchKey,
  PYTORCH_2017_CNN,
  PYTORCH_CURRENT_CNN,
  shortArchName,
  smallCnn,
} from "../../lib/train/arch.ts";

export function percent(accuracy: number): string {
  return `${formatFixed(100 * accuracy, 2)}%`;
}

/** The short name of an architecture key, for table rows, chart labels and prose. */
export function archShort(key: string): string {
  return shortArchName(parseArchKey(key));
}

export function archLabel(key: string): string {
  const arch = parseArchKey(key);
  return `${describeArch(arch)} (${formatInt(paramCount(arch))} parameters)`;
}

/** The networks the single-network demo offers, default first. */
export const NETWORK_CHOICES: readonly string[] = [PYTORCH_2017_CNN, LOGISTIC, mlp(95), mlp(512), smallCnn(4), PYTORCH_CURRENT_CNN].map(
  archKey,
);

/** The reader's default ladder: a spread of sizes that trains in a few minutes on a laptop CPU. */
export const LADDER_DEFAULT_ARCHS: readonly string[] = [LOGISTIC, mlp(16), mlp(95), smallCnn(2), smallCnn(4), smallCnn(10)].map(archKey);
export const LADDER_DEFAULT_SEEDS: readonly number[] = [1, 2];
/** Percent. */
export const LADDER_DEFAULT_TARGET = 97;

export const MEMORIZE_DEFAULT_ARCHS: readonly string[] = [LOGISTIC, mlp(8), mlp(16)].map(archKey);
export const MEMORIZE_DEFAULT_SIZES: readonly number[] = [250, 500, 1000, 2000];

/** The network demo's settings before the reader changes any: the live recipe on every training image. */
export const NETWORK_DEFAULTS: NetworkConfig = {
  arch: archKey(PYTORCH_2017_CNN),
  seed: LIVE_RECIPE.seed,
  epochs: LIVE_RECIPE.epochs,
  batchSize: LIVE_RECIPE.batchSize,
  maxLr: peakLr(LIVE_RECIPE) ?? 0.01,
  trainSubset: 60_000,
  backend: "auto",
};

/** The ladder's: the reference sweep's budget (LADDER_DEFAULTS) over a spread of sizes. */
export const LADDER_CONFIG_DEFAULTS: LadderConfig = {
  archs: [...LADDER_DEFAULT_ARCHS],
  seeds: [...LADDER_DEFAULT_SEEDS],
  trainSubset: LADDER_DEFAULTS.trainSubset,
  epochs: LADDER_DEFAULTS.epochs,
  target: LADDER_DEFAULT_TARGET,
  backend: "auto",
};

export const MEMORIZE_CONFIG_DEFAULTS: MemorizeConfig = {
  archs: [...MEMORIZE_DEFAULT_ARCHS],
  sizes: [...MEMORIZE_DEFAULT_SIZES],
  seed: 1,
  backend: "auto",
};

export function seconds(s: number): string {
  return `${formatFixed(s, 1)} s`;
}

export { formatFixed, formatInt };

export function wrongAlt(index: number, truth: number, predicted: number): string {
  return `Test image ${index}: a ${truth} the network read as ${predicted}`;
}
