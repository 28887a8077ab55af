import { entropyOfWeights } from "./entropy.ts";

/** H(Y) in bits from class counts: the information in one label if labels were drawn at the class frequencies. */
export function labelEntropy(classCounts: readonly number[]): number {
  return entropyOfWeights(classCounts);
}

/**
 * N * H(Y): the bits an ideal code needs, on average, to transmit the labels of N images drawn at these class
 * frequencies, with no look at the images (the frequencies themselves are taken as known).
 */
export function labellingBits(classCounts: readonly number[]): number {
  const n = classCounts.reduce((s, c) => s + c, 0);
  return n * labelEntropy(classCounts);
}

/** log2 N: the bits needed to point at one of N items (e.g. which training image you mean). */
export function indexBits(n: number): number {
  if (!(n >= 1)) throw new RangeError(`indexBits: ${n} items`);
  return Math.log2(n);
}
