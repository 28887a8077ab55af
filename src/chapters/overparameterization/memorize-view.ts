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

/** The reference searches the reader's are held against: the sizes the sweep tried and what each network fitted. */
export type MemorizeGridReference = Pick<MemorizeReference, "sizes" | "results">;

/**
 * Why a network's largest n differs from the reference's when the grids differ: the sizes both tried agree, and the
 * difference is a size only one grid has. Undefined when the result is the reference's, when there is no reference
 * for it (another network or seed), or when an attempt contradicts the reference's search (a size it fitted that the
 * reader's run did not, or the other way round): then the grid is not why.
 */
export function memorizeGridNote(
  result: MemorizeResult,
  sizes: readonly number[],
  reference: MemorizeGridReference | undefined,
): string | undefined {
  const ref = reference?.results.find((r) => r.arch === result.arch && r.seed === result.seed);
  if (reference === undefined || ref === undefined || ref.largestFitted === result.largestFitted) return undefined;
  // Fitting is monotone in n (sweep.ts): the reference fitted every n up to its largest and none from its first failure.
  const refFailed = ref.attempts.find((a) => !a.fitted)?.n ?? Infinity;
  if (result.attempts.some((a) => (a.n <= ref.largestFitted && !a.fitted) || (a.n >= refFailed && a.fitted))) return undefined;
  const refFitted = new Set(ref.attempts.map((a) => a.n));
  const name = archShort(result.arch);
  const grid = (ns: readonly number[]): string =>
    [...ns]
      .sort((a, b) => a - b)
      .map(formatInt)
      .join(", ");
  const mine = new Set(sizes);
  const theirs = new Set(reference.sizes);
  const agree = result.attempts.some((a) => refFitted.has(a.n)) ? "; at the sizes both tried, your run and the reference agree." : ".";
  if (ref.largestFitted > result.largestFitted && !mine.has(ref.largestFitted)) {
    const beyond = ref.largestFitted > Math.max(...sizes);
    return (
      `${capitalise(name)}: the reference fitted n = ${formatInt(ref.largestFitted)}, ` +
      (beyond ? `beyond your grid (${grid(sizes)})` : `a size your grid (${grid(sizes)}) does not try`) +
      agree
    );
  }
  if (result.largestFitted > ref.largestFitted && !theirs.has(result.largestFitted)) {
    return `${capitalise(name)}: your grid tries n = ${formatInt(result.largestFitted)}, which the reference's (${grid(reference.sizes)}) does not${agree}`;
  }
  return undefined;
}

/** The status line once the reader's search has finished: what it found, then why any result differs by grid alone. */
export function memorizeDoneText(
  results: readonly MemorizeResult[],
  sizes: readonly number[],
  reference: MemorizeGridReference | undefined,
): string {
  if (results.length === 0) return "No network was searched.";
  const found = results.map((r) => `${archShort(r.arch)}, n = ${formatInt(r.largestFitted)}`).join("; ");
  const notes = results.map((r) => memorizeGridNote(r, sizes, reference)).filter((n) => n !== undefined);
  return [`Largest n fitted: ${found}.`, ...notes].join(" ");
}

/** Said in the live region as each network's search ends. */
export function memorizeResultText(result: MemorizeResult): string {
  return `${capitalise(archShort(result.arch))}: largest n fitted ${formatInt(result.largestFitted)}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
