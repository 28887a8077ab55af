import { loadedText, type DataSizes } from "../../client/data-sizes.ts";
import type { TableRow, View } from "../../client/view.ts";
import { formatFixed, formatInt, formatSeconds } from "../../lib/format.ts";
import { describeBinarization, type Binarization } from "../../lib/stats/binarization.ts";
import type { BinarizationSummary } from "../../lib/stats/binarization-summary.ts";
import type { ContextModelResult } from "../../lib/stats/context-model.ts";
import type { EmIteration } from "../../lib/stats/em.ts";
import type { PixelCounts } from "../../lib/stats/pixel-counts.ts";
import { formatBits } from "../binarization/ch12-format.ts";
import { labelQuantities, thresholdQuantities, type LabelQuantityKey, type ThresholdQuantityKey } from "./quantities.ts";

export type SummaryKey = "binarization" | ThresholdQuantityKey;
export type ContextKey = "context-binarization" | `context-${number}` | `context-seen-${number}`;
export type EmKey = "em-components" | "em-train-images" | "em-passes" | "em-train" | "em-test";
export type EntropyKey = SummaryKey | LabelQuantityKey | ContextKey | EmKey;

/** What each threshold move recomputes (about 5 ms from the counts): the table of quantities and its label. */
export function summaryView(s: BinarizationSummary): View<SummaryKey> {
  return { values: { binarization: describeBinarization(s.binarization), ...thresholdQuantities(s).values } };
}

/** The heatmap's text alternative: p_i by pixel row and column, two decimals. */
export function heatmapView(onProbabilities: ArrayLike<number>, rows: number, cols: number): Required<View<never, "heatmap">> {
  const table: TableRow[] = Array.from({ length: rows }, (_, r) => [
    String(r),
    ...Array.from({ length: cols }, (_, c) => formatFixed(onProbabilities[r * cols + c] ?? 0, 2)),
  ]);
  return { values: {}, tables: { heatmap: table } };
}

export function heatmapLabel(b: Binarization): string {
  return `Probability that each pixel is on (${describeBinarization(b)}), over the training set`;
}

/** The context model's table, for the binarization it was run at. */
export function contextView(results: readonly ContextModelResult[], b: Binarization): View<ContextKey> {
  const values: Record<string, string> = { "context-binarization": describeBinarization(b) };
  for (const r of results) {
    values[`context-${r.templateSize}`] = formatBits(r.bitsPerImage);
    values[`context-seen-${r.templateSize}`] = formatInt(r.contextsSeen);
  }
  return { values: values as Record<ContextKey, string> };
}

export interface EmFit {
  components: number;
  trainImages: number;
  history: readonly EmIteration[];
  converged: boolean;
  testBitsPerImage: number;
}

export function emView(fit: EmFit): View<EmKey> {
  return {
    values: {
      "em-components": String(fit.components),
      "em-train-images": formatInt(fit.trainImages),
      "em-passes": `${fit.history.length}${fit.converged ? " (converged)" : ""}`,
      "em-train": formatBits(fit.history.at(-1)?.trainBitsPerImage ?? NaN),
      "em-test": formatBits(fit.testBitsPerImage),
    },
  };
}

/** Which fit the EM readouts show: "> 127, K = 10, seed 20180405". */
export function emLabel(b: Binarization, components: number, seed: number): string {
  return `${describeBinarization(b)}, K = ${components}, seed ${seed}`;
}

export interface EntropyInputs {
  summary: BinarizationSummary;
  rows: number;
  cols: number;
  classCounts: readonly number[];
  context: readonly ContextModelResult[];
  contextBinarization: Binarization;
  mixture: EmFit;
}

/** The whole island: what the build renders (the element patches its parts as they change). */
export function entropyView(inputs: EntropyInputs): View<EntropyKey, "heatmap"> {
  const { rows, cols } = inputs;
  return {
    values: {
      ...summaryView(inputs.summary).values,
      ...labelQuantities(inputs.classCounts).values,
      ...contextView(inputs.context, inputs.contextBinarization).values,
      ...emView(inputs.mixture).values,
    },
    tables: heatmapView(inputs.summary.onProbabilities, rows, cols).tables,
  };
}

export function loadedStatus(
  load: { train: PixelCounts; test: PixelCounts; received: number; reused: number; loadMs: number },
  sizes: DataSizes,
): string {
  return (
    `Loaded ${formatInt(load.train.images + load.test.images)} images (${loadedText(sizes, load.received, load.reused)}) and counted them in ` +
    `${formatSeconds(load.loadMs)}. Move the threshold: the table is recomputed from the counts in your browser.`
  );
}
