/**
 * The exact text of every cell in the chapter's tables, used by the build-time HTML and by the live islands alike, so
 * that a number confirmed in the browser reads character for character like the one baked into the page.
 */
import { formatFixed, formatInt } from "../format.ts";
import type { ExperimentRow } from "./experiment.ts";
import type { CapacityArithmetic } from "./mnist-arithmetic.ts";
import { formatBigInt, type ExactCountRow } from "./tables.ts";

/**
 * A share in [0, 1] to four decimals; values that would round to 0 or 1 without being exactly 0 or 1 say so, because
 * Cover's fraction is never exactly 0 and is exactly 1 only for N <= K.
 */
export function formatShare(x: number): string {
  if (x === 0 || x === 1) return String(x);
  if (x < 0.00005) return "< 0.0001";
  if (x >= 0.99995) return "> 0.9999";
  return formatFixed(x, 4);
}

/**
 * Cover's fraction for N points and K weights. It is exactly 1 only when N <= K; above that a double can still round it
 * to 1 (at K = 1000, N = 1600 it is 1 minus about 10^-30), which must not be printed as if every labelling were realisable.
 */
export function formatCoverShare(fraction: number, n: number, k: number): string {
  if (n <= k) return "1";
  return fraction >= 0.99995 ? "> 0.9999" : formatShare(fraction);
}

export function formatPercent(x: number, digits = 1): string {
  return `${formatFixed(100 * x, digits)}%`;
}

/** N, N/K, separable/trials, measured share, 95% interval, Cover's share. */
export function experimentRowCells(row: ExperimentRow): string[] {
  return [
    formatInt(row.n),
    formatFixed(row.ratio, 2),
    `${formatInt(row.separable)} / ${formatInt(row.trials)}`,
    formatFixed(row.fraction, 3),
    `${formatFixed(row.low, 3)} – ${formatFixed(row.high, 3)}`,
    formatCoverShare(row.cover, row.n, Math.round(row.n / row.ratio)),
  ];
}

export function experimentCaption(k: number, trials: number, seed: number): string {
  return `Measured against Cover at K = ${k}, ${formatInt(trials)} trials per N, seed ${seed}`;
}

export const EXPERIMENT_HEADERS: readonly string[] = ["N", "N / K", "Separable", "Measured share", "95% interval", "Cover's T(N, K) / 2^N"];

export function exactCaption(k: number): string {
  return `Exact counts at K = ${k}: labellings realisable, T(N, K), out of all 2^N`;
}

/** N, T(N, K), 2^N, share. */
export function exactRowCells(row: ExactCountRow): string[] {
  const share = row.count === row.total ? "1" : row.fraction >= 0.99995 ? "> 0.9999" : formatShare(row.fraction);
  return [formatInt(row.n), formatBigInt(row.count), formatBigInt(row.total), share];
}

/** Cells of the MNIST arithmetic, keyed by the `data-cell` names the component and the live island share. */
export function arithmeticCells(a: CapacityArithmetic): Record<string, string> {
  const cells: Record<string, string> = {
    "seed-bits": formatInt(a.seed.bits),
    "seed-per": formatInt(a.seed.bitsPerNeuron),
    "seed-quotient": formatFixed(a.seed.quotient, 1),
    "seed-neurons": formatInt(a.seed.neurons),
    count: formatInt(a.labelling.count),
    classes: formatInt(a.labelling.classes),
    "uniform-per-label": formatFixed(a.labelling.uniformBitsPerLabel, 4),
    "uniform-bits": formatInt(Math.round(a.labelling.uniformBits)),
    "entropy-per-label": formatFixed(a.labelling.entropyBitsPerLabel, 4),
    "entropy-bits": formatInt(Math.round(a.labelling.entropyBits)),
    "weights-uniform": formatInt(Math.round(a.weightsForArbitraryLabels)),
    "weights-entropy": formatInt(Math.round(a.weightsForEntropyLabels)),
  };
  // Whole table cells, so that markup never has to stitch a number and its words together.
  cells["seed-bits-text"] = `${cells["seed-bits"]} bits`;
  cells["seed-per-text"] = `${cells["seed-per"]} bits per neuron`;
  cells["seed-result"] = `${cells["seed-bits"]} / ${cells["seed-per"]} = ${cells["seed-quotient"]}, so ${cells["seed-neurons"]} neurons`;
  cells["uniform-text"] = `${cells["count"]} × log₂ ${cells["classes"]} = ${cells["uniform-bits"]} bits`;
  cells["uniform-result"] = `${cells["uniform-bits"]} / 2 = ${cells["weights-uniform"]} weights`;
  cells["entropy-result"] =
    `${cells["count"]} × ${cells["entropy-per-label"]} = ${cells["entropy-bits"]} bits, so ${cells["weights-entropy"]} weights`;
  a.models.forEach((m, i) => {
    cells[`model-${i}-params`] = formatInt(m.parameters);
    cells[`model-${i}-bits`] = formatInt(m.capacityBits);
    cells[`model-${i}-share`] = formatPercent(m.shareOfLabelling);
  });
  return cells;
}

/** How many rows' 95% intervals contain Cover's exact value, said in one sentence (about 1 in 20 should miss). */
export function coverageSentence(rows: readonly ExperimentRow[]): string {
  const inside = rows.filter((r) => r.cover >= r.low && r.cover <= r.high).length;
  return (
    `${formatInt(inside)} of ${formatInt(rows.length)} intervals contain Cover's exact value; ` +
    "with 95% intervals about one in twenty is expected to miss even when the theory is exact."
  );
}
