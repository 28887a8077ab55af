/**
 * What the prequential island shows. `prequentialView` is the build-time part (the three families' reference runs, in
 * a table, a chart and a table of every block); `liveView` is the part a live run rewrites (the setting, its
 * reference total, the browser's total and the block table), rendered by MdlPrequential.astro for the default setting
 * and patched by the element (mdl-prequential.ts) for the reader's. Pure: the build and the browser both import it.
 */
import type { PrequentialChartData } from "../../charts/mdl-prequential.ts";
import type { View } from "../../client/view.ts";
import { formatInt, formatSeconds } from "../../lib/format.ts";
import type { PrequentialBlock } from "../../lib/mdl/prequential.ts";
import type { PrequentialRun } from "../../lib/mdl/results.ts";
import { archLabel, archName, bitsText, blockRange, percent, perLabel } from "./mdl-format.ts";
import type { PrequentialSettings } from "./prequential-settings.ts";

export interface PrequentialInputs {
  labels: { n: number; uniformBits: number; entropyBits: number };
  prequential: readonly PrequentialRun[];
  /** The reference run's backend, e.g. "wasm". */
  backend: string;
  /** The per-block recipe of the live runs, as the reference script describes it. */
  recipe: string;
}

export type PrequentialKey = "n" | "block-ends" | "recipe" | "ref-label";
export type PrequentialTable = "families" | "family-blocks";

export type PrequentialView = View<PrequentialKey, PrequentialTable> & {
  /** Column headers of the family-blocks table, one per family. */
  readonly families: readonly string[];
  readonly chart: PrequentialChartData;
};

export function prequentialView(i: PrequentialInputs): PrequentialView {
  const { n, uniformBits, entropyBits } = i.labels;
  const uniformPer = uniformBits / n;
  const entropyPer = entropyBits / n;
  const first = i.prequential[0];
  return {
    values: {
      n: formatInt(n),
      "block-ends": (first?.blocks ?? []).map((b) => formatInt(b.end)).join(", "),
      recipe: `Each block's model is trained from scratch: ${i.recipe}.`,
      "ref-label": `Reference run (Node, ${i.backend})`,
    },
    tables: {
      families: [
        [`Uniform, ${formatInt(n)} × log₂ 10`, "0", bitsText(uniformBits), perLabel(uniformPer)],
        ["Class frequencies only, N·H(Y)", "0", bitsText(entropyBits), perLabel(entropyPer)],
        ...i.prequential.map((r) => [
          `Prequential, ${archName(r.arch)}`,
          formatInt(r.params),
          bitsText(r.totalBits),
          perLabel(r.bitsPerLabel),
        ]),
      ],
      "family-blocks": (first?.blocks ?? []).map((b, k) => [
        blockRange(b.start, b.end),
        ...i.prequential.map((r) => perLabel(r.blocks[k]?.bitsPerLabel ?? NaN)),
      ]),
    },
    families: i.prequential.map((r) => archName(r.arch)),
    chart: {
      series: i.prequential.map((r) => ({ label: archName(r.arch), blocks: r.blocks })),
      uniform: uniformPer,
      entropy: entropyPer,
    },
  };
}

/** A reference run of one live setting, as the page carries it to the element. */
export interface Reference {
  totalBits: number;
  blocks: readonly PrequentialBlock[];
}

/** How the page keys its reference runs by setting. */
export function referenceKey(s: PrequentialSettings): string {
  return `${s.arch}@${s.n}`;
}

/** The browser's run so far: the blocks coded, and once it has finished, its totals. */
export interface LiveRun {
  blocks: readonly PrequentialBlock[];
  result?: { totalBits: number; bitsPerLabel: number };
}

export interface LiveInputs {
  settings: PrequentialSettings;
  reference: Reference | undefined;
  /** Absent: the reference run is shown (before a run, after a cancel or a failure). */
  run?: LiveRun;
}

export type LiveKey = "ref-setting" | "ref-total" | "live-total" | "live-per-label" | "live-caption";

export function liveView(i: LiveInputs): View<LiveKey, "live"> {
  const result = i.run?.result;
  const blocks = i.run?.blocks ?? i.reference?.blocks ?? [];
  return {
    values: {
      "ref-setting": `${archLabel(i.settings.arch)} on the first ${formatInt(i.settings.n)} labels`,
      "ref-total": i.reference === undefined ? "not computed" : bitsText(i.reference.totalBits),
      "live-total": result === undefined ? "" : bitsText(result.totalBits),
      "live-per-label": result === undefined ? "" : perLabel(result.bitsPerLabel),
      "live-caption":
        i.run === undefined
          ? "Reference run, block by block"
          : result === undefined
            ? "Your browser's run, block by block (filling in)"
            : "Your browser's run, block by block",
    },
    tables: { live: blocks.map(blockRow) },
  };
}

function blockRow(b: PrequentialBlock): readonly string[] {
  return [
    blockRange(b.start, b.end),
    formatInt(b.trainedOn),
    bitsText(b.bits),
    perLabel(b.bitsPerLabel),
    b.trainedOn === 0 ? "uniform" : percent(b.accuracy),
  ];
}

/** A finished run against the reference run of its setting: whether they agree as shown (to the bit), and the status line. */
export function liveOutcome(reference: Reference | undefined, totalBits: number, seconds: number): { match: boolean; text: string } {
  const match = reference !== undefined && bitsText(totalBits) === bitsText(reference.totalBits);
  const head = `Computed ${bitsText(totalBits)} in ${formatSeconds(seconds * 1000)} in your browser. `;
  if (reference === undefined) return { match, text: `${head}There is no reference run for this setting.` };
  if (match) return { match, text: `${head}It matches the reference run to the bit.` };
  const diff = totalBits - reference.totalBits;
  return {
    match,
    text:
      `${head}The reference run gave ${bitsText(reference.totalBits)} (${diff > 0 ? "+" : ""}${formatInt(Math.round(diff))} bits here): ` +
      "a different float32 summation order (another wasm build, or the JavaScript fallback) changes the trained weights slightly.",
  };
}
