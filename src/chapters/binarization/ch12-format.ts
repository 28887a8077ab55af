import { formatBytes, formatFixed } from "../../lib/format.ts";
import { entropyOfWeights } from "../../lib/stats/entropy.ts";

/** Number formats of chapters 1-2, shared by the build and the islands so static and live text match exactly. */
export const formatBits = (bits: number): string => `${formatFixed(bits, 2)} bits`;
export const formatPixels = (n: number): string => formatFixed(n, 2);
export const formatPercent = (share: number): string => `${formatFixed(100 * share, 2)}%`;
export const bitsFromIntensity = (histogram: ArrayLike<number>): string => formatBits(entropyOfWeights(histogram));

/**
 * What a load moved, for a status line: the bytes that came over the network (`verb`: "downloaded", "received") and,
 * when another island of the page had loaded some files already, the bytes read from that copy instead.
 */
export function bytesText(received: number, reused: number, verb: string): string {
  if (reused === 0) return `${formatBytes(received)} ${verb}`;
  if (received === 0) return `nothing ${verb}: all ${formatBytes(reused)} already loaded on this page`;
  return `${formatBytes(received)} ${verb}, ${formatBytes(reused)} already loaded on this page`;
}
