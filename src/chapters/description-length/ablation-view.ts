/**
 * What each ingredient of the search's recipe bought, on the medium network at 3 bits: the full recipe, then one
 * ingredient taken away at a time, and the same network at 2 and 4 bits. Build-time only; read from the results file,
 * one row per model file of each ablation cell, "not run" for a cell the search has not reached.
 */
import type { TableRow, View } from "../../client/view.ts";
import { ABLATION } from "../../lib/frontier/grid.ts";
import { cellKey, type FrontierFile } from "../../lib/frontier/results.ts";
import { bitsText, percent } from "./mdl-format.ts";

export type AblationView = View<never, "ablation"> & { readonly columns: readonly string[] };

const ROWS: ReadonlyArray<readonly [keyof typeof ABLATION, string]> = [
  ["full", "Full recipe: batch norm, augmentation, quantization-aware training at 3 bits"],
  ["noBatchNorm", "Without batch norm"],
  ["noAugmentation", "Without augmentation"],
  ["floatThenRounded", "Trained in float, rounded after (no quantization-aware training)"],
  ["twoBits", "Quantization-aware at 2 bits instead of 3"],
  ["fourBits", "Quantization-aware at 4 bits instead of 3"],
];

const DASH = "–";

function points(delta: number): string {
  const p = 100 * delta;
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p).toFixed(2)}`;
}

export function ablationView(file: FrontierFile): AblationView {
  const byKey = new Map(file.cells.map((c) => [c.key, c]));
  const base = byKey.get(cellKey(ABLATION.full))?.files[0];
  const rows: TableRow[] = ROWS.flatMap(([id, label]) => {
    const cell = byKey.get(cellKey(ABLATION[id]));
    if (cell === undefined) return [[label, DASH, "not run", DASH, DASH, DASH]];
    return cell.files.map((f) => [
      cell.files.length > 1 ? `${label}, ${f.weightBits}-bit weights` : label,
      bitsText(f.fileBits),
      percent(f.validationAccuracy),
      base === undefined ? DASH : points(f.validationAccuracy - base.validationAccuracy),
      percent(f.testAccuracy),
      `${(f.fileBits / f.params).toFixed(2)}`,
    ]);
  });
  return {
    values: {},
    tables: { ablation: rows },
    columns: ["Recipe", "Bits", "Validation accuracy", "Change, points", "Test accuracy", "Bits per parameter"],
  };
}
