import type { View } from "../../client/view.ts";
import { formatFixed } from "../../lib/format.ts";
import { describeBinarization } from "../../lib/stats/binarization.ts";
import { bitsLadder, type LadderInputs, type LadderRung } from "../../lib/stats/bits-ladder.ts";

/** The cells of one bits-ladder table row, in column order: rung, bits per image, source, binarization, images, note. */
export function ladderCells(r: LadderRung): string[] {
  const approx = r.approximate === true;
  return [
    approx ? `${r.label} (approximate)` : r.label,
    `${approx ? "≈ " : ""}${formatFixed(r.bitsPerImage, 2)}`,
    r.kind === "computed" ? "computed on this page" : (r.source ?? ""),
    r.binarization ?? "",
    r.images ?? "",
    r.note ?? "",
  ];
}

/** The ladder's table and the caption's note of where its blue bars come from (the build, or the reader's browser). */
export function bitsLadderView(rungs: readonly LadderRung[], live?: LadderInputs): View<"ladder-label", "ladder"> {
  return {
    values: { "ladder-label": live ? `live, ${describeBinarization(live.binarization)}` : "built for the default binarization" },
    tables: { ladder: rungs.map(ladderCells) },
  };
}

/** The rungs and the view of live inputs, for the element (which also redraws the chart from the same rungs). */
export function liveLadderView(inputs: LadderInputs): { rungs: LadderRung[]; view: View<"ladder-label", "ladder"> } {
  const rungs = bitsLadder(inputs);
  return { rungs, view: bitsLadderView(rungs, inputs) };
}
