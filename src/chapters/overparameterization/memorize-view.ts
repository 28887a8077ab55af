/** What the memorisation island shows: the reference sweep's searches at build time, the reader's live, one format. */
import type { MemorizeChartRow } from "../../charts/train-memorize.ts";
import type { TableRow, View } from "../../client/view.ts";
import { MACKAY_BITS_PER_WEIGHT } from "../../lib/capacity/mnist-arithmetic.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import type { MemorizeAttempt, MemorizeResult, MemorizeSettings } from "../../lib/train/sweep.ts";
import { archShort, percent } from "./train-format.ts";

/** A network's search, finished or still running. */
export interface MemorizeRow {
  arch: string;
  params: number;
  attempts: readonly MemorizeAttempt[];
  result?: MemorizeResult;
}

function rows(searches: readonly MemorizeRow[], source: string): TableRow[] {
  return searches.map((s) => [
    archShort(s.arch),
    formatInt(s.params),
    s.result === undefined ? `${source} (searching)` : source,
    s.attempts.map((a) => `${formatInt(a.n)}: ${percent(a.trainAccuracy)}`).join("; "),
    s.result === undefined ? "…" : formatInt(s.result.largestFitted),
    s.result === undefined ? "…" : formatFixed(s.result.bitsPerParameter, 3),
  ]);
}

const finished = (r: MemorizeResult): MemorizeRow => ({ arch: r.arch, params: r.params, attempts: r.attempts, result: r });

export interface MemorizeReference {
  settings: MemorizeSettings;
  sizes: readonly number[];
  results: readonly MemorizeResult[];
}

export function memorizeReferenceView(ref: MemorizeReference): View<"sweep-summary", "reference"> {
  const s = ref.settings;
  return {
    values: {
      "sweep-summary":
        `Reference sweep: each network trained for ${s.epochs} epochs (batch ${s.batchSize}, Adam, one-cycle peak ` +
        `${s.maxLr}) on the first n training images with labels drawn uniformly at random, for n = ` +
        `${ref.sizes.map(formatInt).join(", ")}, stopping at the first n it could not fit perfectly. MacKay's capacity is ` +
        `${MACKAY_BITS_PER_WEIGHT} bits per weight.`,
    },
    tables: { reference: rows(ref.results.map(finished), "reference") },
  };
}

/** The reader's searches: the finished ones, then those still running. */
export function memorizeLiveView(results: readonly MemorizeResult[], searching: readonly MemorizeRow[]): View<never, "live"> {
  return { values: {}, tables: { live: rows([...results.map(finished), ...searching], "your run") } };
}

/** The chart's points: the reference sweep's, then the reader's (the chart colours them by `source`). */
export function memorizeChartRows(results: readonly MemorizeResult[], source: "reference sweep" | "your runs"): MemorizeChartRow[] {
  return results.map((r) => ({ arch: r.arch, params: r.params, bitsPerParameter: r.bitsPerParameter, source }));
}
