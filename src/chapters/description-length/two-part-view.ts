/**
 * What the two-part card shows: the smallest quantized network at or above the target accuracy, the chart's data and
 * every network in one table. Build-time only (the card has no live part), but kept a pure view like the others so
 * its numbers have one formula and one format.
 */
import type { TwoPartChartData } from "../../charts/mdl-two-part.ts";
import type { View } from "../../client/view.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { ACCURACY_TARGET, smallestAtLeast, type TwoPartCell } from "../../lib/mdl/results.ts";
import { accuracyInterval } from "./frontier-view.ts";
import { archLabel, archName, bitsText, percent, pruneText } from "./mdl-format.ts";

/** An accuracy with its 95% interval on n images, e.g. "99.12% (98.94–99.30%)". */
export function withInterval(accuracy: number, n: number): string {
  const { low, high } = accuracyInterval(accuracy, n);
  return `${percent(accuracy)} (95% interval ${formatFixed(100 * low, 2)}–${formatFixed(100 * high, 2)}%)`;
}

export interface TwoPartInputs {
  cells: readonly TwoPartCell[];
  seed: number;
  testImages: number;
}

export type TwoPartKey = "best" | "bits-list" | "prune-max" | "test-images" | "seed";

export type TwoPartView = View<TwoPartKey, "two-part"> & {
  /** Headers of the table's data columns after Network and b: bits and accuracy for each pruning level. */
  readonly columns: readonly string[];
  /** The best network's row and the indexes of its cells (0 is the row header), to highlight. */
  readonly best: { readonly row: number; readonly cells: readonly number[] } | undefined;
  readonly chart: TwoPartChartData;
};

export function twoPartView(i: TwoPartInputs): TwoPartView {
  const best = smallestAtLeast(i.cells, ACCURACY_TARGET);
  const archs = [...new Set(i.cells.map((c) => c.arch))];
  const prunes = [...new Set(i.cells.map((c) => c.pruneFraction))];
  const bitsList = [...new Set(i.cells.map((c) => c.bits))];
  const cell = (arch: string, bits: number, prune: number): TwoPartCell | undefined =>
    i.cells.find((c) => c.arch === arch && c.bits === bits && c.pruneFraction === prune);
  const rows = archs.flatMap((a) =>
    bitsList.map((b) => [
      archLabel(a),
      String(b),
      ...prunes.flatMap((p) => [bitsText(cell(a, b, p)?.modelBits ?? NaN), percent(cell(a, b, p)?.testAccuracy ?? NaN)]),
    ]),
  );
  let marked: TwoPartView["best"];
  if (best !== undefined) {
    const row = archs.indexOf(best.arch) * bitsList.length + bitsList.indexOf(best.bits);
    const p = prunes.indexOf(best.pruneFraction);
    marked = { row, cells: [2 + 2 * p, 3 + 2 * p] };
  }
  return {
    values: {
      best:
        best === undefined
          ? `No quantized network reached ${percent(ACCURACY_TARGET)} on the test set.`
          : `Smallest at or above ${percent(ACCURACY_TARGET)}: ${archLabel(best.arch)} at ${best.bits} bits per weight, pruning ${pruneText(best.pruneFraction)}: ${bitsText(best.modelBits)} for ${withInterval(best.testAccuracy, i.testImages)} test accuracy, picked on the test set itself, which flatters it.`,
      "bits-list": bitsList.join(", "),
      "prune-max": pruneText(prunes.at(-1) ?? 0),
      "test-images": formatInt(i.testImages),
      seed: String(i.seed),
    },
    tables: { "two-part": rows },
    columns: prunes.flatMap((p) => [`Bits, pruning ${pruneText(p)}`, `Accuracy, pruning ${pruneText(p)}`]),
    best: marked,
    chart: {
      cells: i.cells,
      names: Object.fromEntries(archs.map((a) => [a, archName(a)])),
      target: ACCURACY_TARGET,
      ...(best ? { smallest: best } : {}),
    },
  };
}
