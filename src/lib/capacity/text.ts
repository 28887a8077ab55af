/**
 * How the chapter's table cells format their numbers, used by the build-time HTML and by the live islands alike, so
 * that a number confirmed in the browser reads character for character like the one baked into the page. The words
 * around them (captions, sentences) are the chapter's own: src/chapters/capacity/*-view.ts.
 */
import { formatFixed, formatInt } from "../format.ts";
import type { ExperimentRow } from "./experiment.ts";
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

/** N, T(N, K), 2^N, share. */
export function exactRowCells(row: ExactCountRow): string[] {
  const share = row.count === row.total ? "1" : row.fraction >= 0.99995 ? "> 0.9999" : formatShare(row.fraction);
  return [formatInt(row.n), formatBigInt(row.count), formatBigInt(row.total), share];
}
