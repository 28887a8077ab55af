/**
 * Cover's experiment as the card prints it: one row per N (pending rows read "…" while a live run fills them in), the
 * caption naming the settings, and how many intervals contain Cover's exact value.
 */
import type { ExperimentRow } from "../../lib/capacity/experiment.ts";
import { experimentRowCells } from "../../lib/capacity/text.ts";
import { formatInt, formatSeconds } from "../../lib/format.ts";
import type { View } from "../../client/view.ts";
import type { ExperimentSettings } from "./capacity-experiment-settings.ts";

export type ExperimentKey = "caption" | "coverage";
export type ExperimentTable = "results";

export const EXPERIMENT_HEADERS: readonly string[] = ["N", "N / K", "Separable", "Measured share", "95% interval", "Cover's T(N, K) / 2ᴺ"];

export interface ExperimentInputs {
  settings: ExperimentSettings;
  /** Every N of the run, in table order. */
  pointCounts: readonly number[];
  /** The rows finished so far. */
  rows: readonly ExperimentRow[];
  /** A run in the reader's browser (said in the caption). */
  live?: boolean;
}

export function experimentView({
  settings,
  pointCounts,
  rows,
  live = false,
}: ExperimentInputs): Required<View<ExperimentKey, ExperimentTable>> {
  const byN = new Map(rows.map((r) => [r.n, r]));
  const finished = rows.length === pointCounts.length;
  return {
    values: {
      caption: `Measured against Cover at K = ${settings.k}, ${formatInt(settings.trials)} trials per N, seed ${settings.seed}${live ? " (in your browser)" : ""}`,
      coverage: finished ? coverageSentence(rows) : "",
    },
    tables: {
      results: pointCounts.map((n) => {
        const row = byN.get(n);
        return row === undefined ? [formatInt(n), ...EXPERIMENT_HEADERS.slice(1).map(() => "…")] : experimentRowCells(row);
      }),
    },
  };
}

/** How many rows' 95% intervals contain Cover's exact value, said in one sentence (about 1 in 20 should miss). */
export function coverageSentence(rows: readonly ExperimentRow[]): string {
  const inside = rows.filter((r) => r.cover >= r.low && r.cover <= r.high).length;
  return (
    `${formatInt(inside)} of ${formatInt(rows.length)} intervals contain Cover's exact value; ` +
    "with 95% intervals about one in twenty is expected to miss even when the theory is exact."
  );
}

export function referenceStatus(settings: ExperimentSettings, pointCounts: readonly number[]): string {
  return (
    `Reference run, computed when this page was built: K = ${settings.k} weights, ${formatInt(settings.trials)} random labellings at each of ` +
    `${pointCounts.length} values of N (${formatInt(pointCounts.length * settings.trials)} linear programs), seed ${settings.seed}.`
  );
}

export const REFERENCE_NOTE = "The table and chart show the reference run computed when the page was built.";

/** The status when a run ends; `mismatches` only when the run had the reference settings. */
export function doneStatus(lps: number, runMs: number, mismatches: number | undefined): string {
  const check =
    mismatches === undefined
      ? ""
      : mismatches === 0
        ? " Every count matches the reference run computed when the page was built."
        : ` ${mismatches} counts differ from the reference run computed when the page was built.`;
  return `Done in your browser: ${formatInt(lps)} linear programs in ${formatSeconds(runMs)}.${check}`;
}

export function solvingDetail(done: number, total: number): string {
  return `Solving linear programs in a background worker (${formatInt(done)} of ${formatInt(total)})`;
}
