import { formatFixed } from "../../lib/format.ts";
import type { LadderRung } from "../../lib/stats/bits-ladder.ts";
import { entropyOfWeights } from "../../lib/stats/entropy.ts";

/** Number formats of chapters 1-2, shared by the build and the islands so static and live text match exactly. */
export const formatBits = (bits: number): string => `${formatFixed(bits, 2)} bits`;
export const formatPixels = (n: number): string => formatFixed(n, 2);
export const formatPercent = (share: number): string => `${formatFixed(100 * share, 2)}%`;
export const bitsFromIntensity = (histogram: ArrayLike<number>): string => formatBits(entropyOfWeights(histogram));

/** The cells of one bits-ladder table row, in column order: rung, bits per image, source, binarization, note. */
export function ladderCells(r: LadderRung): string[] {
  const approx = r.approximate === true;
  return [
    approx ? `${r.label} (approximate)` : r.label,
    `${approx ? "≈ " : ""}${formatFixed(r.bitsPerImage, 2)}`,
    r.kind === "computed" ? "computed on this page" : (r.source ?? ""),
    r.binarization ?? "",
    r.note ?? "",
  ];
}
