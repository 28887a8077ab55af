/** Text shared by the build-time markup and the live islands of chapter 4, so both read the same. */
import { formatFixed, formatInt } from "../../lib/format.ts";
import {
  archKey,
  describeArch,
  LOGISTIC,
  mlp,
  paramCount,
  parseArchKey,
  PYTORCH_2017_CNN,
  PYTORCH_CURRENT_CNN,
  smallCnn,
} from "../../lib/train/arch.ts";

export function percent(accuracy: number): string {
  return `${formatFixed(100 * accuracy, 2)}%`;
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

export function seconds(s: number): string {
  return `${formatFixed(s, 1)} s`;
}

export { formatFixed, formatInt };

export function wrongAlt(index: number, truth: number, predicted: number): string {
  return `Test image ${index}: a ${truth} the network read as ${predicted}`;
}
