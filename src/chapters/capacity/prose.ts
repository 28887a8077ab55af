/**
 * The numbers in the chapter's prose (and the summary's), so that no figure in the text is typed in by hand: the
 * MNIST arithmetic from the real training labels, and a few exact Cover counts small enough to check by hand.
 */
import { coverCount } from "../../lib/capacity/cover.ts";
import { formatBigInt } from "../../lib/capacity/tables.ts";
import { loadMnistNode } from "../../lib/data/node.ts";
import type { View } from "../../client/view.ts";
import { arithmeticFigures, arithmeticFromLabels, type ArithmeticFigure } from "./arithmetic-view.ts";

export type ProseKey = ArithmeticFigure | "t-3-2" | "t-4-3" | "all-3" | "all-4";

let memo: Promise<View<ProseKey>> | undefined;

export function proseView(): Promise<View<ProseKey>> {
  memo ??= Promise.resolve().then(() => ({
    values: {
      ...arithmeticFigures(arithmeticFromLabels(loadMnistNode().train.labels)),
      "t-3-2": formatBigInt(coverCount(3, 2)),
      "t-4-3": formatBigInt(coverCount(4, 3)),
      "all-3": formatBigInt(2n ** 3n),
      "all-4": formatBigInt(2n ** 4n),
    },
  }));
  return memo;
}
