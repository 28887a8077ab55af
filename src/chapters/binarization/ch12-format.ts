import { formatFixed } from "../../lib/format.ts";
import { entropyOfWeights } from "../../lib/stats/entropy.ts";

/** Number formats of chapters 1-2, shared by the build and the islands so static and live text match exactly. */
export const formatBits = (bits: number): string => `${formatFixed(bits, 2)} bits`;
export const formatPixels = (n: number): string => formatFixed(n, 2);
export const formatPercent = (share: number): string => `${formatFixed(100 * share, 2)}%`;
export const bitsFromIntensity = (histogram: ArrayLike<number>): string => formatBits(entropyOfWeights(histogram));
