/**
 * How far a demo that trains several networks in a row has got, as one fraction of the whole run (so the bar and the
 * time left cover every training, not only the current one), and the words of its progress line. Pure.
 */
import { formatInt } from "../../lib/format.ts";

/** The size ladder: every training has the same budget (images × epochs), so each counts the same. */
export function ladderFraction(run: number, runs: number, batchesDone: number, totalBatches: number): number {
  if (runs <= 0) return 0;
  const current = totalBatches > 0 ? Math.min(1, batchesDone / totalBatches) : 0;
  return Math.min(1, (run + current) / runs);
}

/** Where the memorisation search stands: networks searched, the sizes tried on the current one, the attempt under way. */
export interface MemorizeState {
  archsDone: number;
  /** The n already trained for the network being searched. */
  triedInArch: readonly number[];
  current?: { n: number; fraction: number };
}

/**
 * The memorisation search: an attempt on n images costs about n (same epochs, n / batch steps), so the work is the sum
 * of the grid's n over every network. A search that stops at its first failure counts its untried sizes as done,
 * so the fraction jumps ahead then; it never goes back.
 */
export function memorizeFraction(sizes: readonly number[], archs: number, state: MemorizeState): number {
  const perArch = sizes.reduce((s, n) => s + n, 0);
  if (archs <= 0 || perArch <= 0) return 0;
  const inArch = state.triedInArch.reduce((s, n) => s + n, 0) + (state.current ? state.current.n * Math.min(1, state.current.fraction) : 0);
  return Math.min(1, (state.archsDone * perArch + Math.min(perArch, inArch)) / (archs * perArch));
}

/** The progress line's lead for the ladder: "6 trainings, 2 done". */
export function ladderProgressText(runsDone: number, runs: number): string {
  return `${formatInt(runs)} training${runs === 1 ? "" : "s"}, ${formatInt(runsDone)} done`;
}

/** The progress line's lead for the memorisation search: "3 networks, 1 searched". */
export function memorizeProgressText(archsDone: number, archs: number): string {
  return `${formatInt(archs)} network${archs === 1 ? "" : "s"}, ${formatInt(archsDone)} searched`;
}
