import { createRng, type Rng } from "../random.ts";

/**
 * How a grey-level pixel (0..255) becomes a bit.
 * - threshold t: "on" iff value > t, t in 0..254 ("any ink" is t = 0; ">= 128", i.e. >= 0.5 after scaling, is t = 127).
 * - stochastic: "on" with probability value / 255, the binarization of the density-modelling literature.
 */
export type Binarization = { kind: "threshold"; threshold: number } | { kind: "stochastic" };

export type ThresholdBinarization = Extract<Binarization, { kind: "threshold" }>;

export const MAX_THRESHOLD = 254;
export const ANY_INK: ThresholdBinarization = { kind: "threshold", threshold: 0 };
export const HALF_INTENSITY: ThresholdBinarization = { kind: "threshold", threshold: 127 };
export const STOCHASTIC: Binarization = { kind: "stochastic" };

/** Whether two binarizations turn every image into the same bits (a result computed for one holds for the other). */
export function sameBinarization(a: Binarization, b: Binarization): boolean {
  return a.kind === "stochastic" ? b.kind === "stochastic" : b.kind === "threshold" && a.threshold === b.threshold;
}

export function thresholdBinarization(threshold: number): Binarization {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > MAX_THRESHOLD) {
    throw new RangeError(`threshold must be an integer in 0..${MAX_THRESHOLD}, got ${threshold}`);
  }
  return { kind: "threshold", threshold };
}

/** Short human label, the same one the tables and charts print. */
export function describeBinarization(b: Binarization): string {
  if (b.kind === "stochastic") return "stochastic (p = value/255)";
  return `> ${b.threshold}`;
}

/**
 * P(on | value) for each of the 256 grey levels. Every count-derived quantity is a sum of intensity counts weighted
 * by this table, which is why one table of counts serves every threshold and the stochastic binarization alike:
 * for the stochastic one the result is the exact expectation over the random binarization.
 */
export function onProbabilityByValue(b: Binarization): Float64Array {
  const w = new Float64Array(256);
  if (b.kind === "stochastic") {
    for (let v = 0; v < 256; v++) w[v] = v / 255;
  } else {
    thresholdBinarization(b.threshold);
    for (let v = b.threshold + 1; v < 256; v++) w[v] = 1;
  }
  return w;
}

/**
 * The generator that samples image `index` under a stochastic binarization with `seed`. One stream per image, so an
 * image's sampled bits do not depend on which other images a computation looks at (a subset, a slice, a test).
 */
export function imageRng(seed: number, index: number): Rng {
  return createRng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

/**
 * Writes the 0/1 version of `image` into `out` (same length). Stochastic binarization needs `rng`, and draws exactly
 * one number per pixel in pixel order (so a pixel of value 0 is never on and 255 always on, but both consume a draw).
 */
export function binarizeInto(image: Uint8Array, b: Binarization, out: Uint8Array, rng?: Rng): void {
  const n = image.length;
  if (b.kind === "threshold") {
    const t = b.threshold;
    for (let i = 0; i < n; i++) out[i] = (image[i] as number) > t ? 1 : 0;
    return;
  }
  if (!rng) throw new Error("stochastic binarization needs a seeded generator");
  for (let i = 0; i < n; i++) out[i] = rng.next() * 255 < (image[i] as number) ? 1 : 0;
}

/** Binarizes `count` images of `pixelsPerImage` starting at image `first`; `seed` is required for stochastic. */
export function binarizeImages(
  pixels: Uint8Array,
  pixelsPerImage: number,
  b: Binarization,
  options: { first?: number; count?: number; seed?: number } = {},
): Uint8Array {
  const first = options.first ?? 0;
  const count = options.count ?? pixels.length / pixelsPerImage - first;
  const out = new Uint8Array(count * pixelsPerImage);
  for (let n = 0; n < count; n++) {
    const src = pixels.subarray((first + n) * pixelsPerImage, (first + n + 1) * pixelsPerImage);
    const dst = out.subarray(n * pixelsPerImage, (n + 1) * pixelsPerImage);
    binarizeInto(src, b, dst, b.kind === "stochastic" ? imageRng(requireSeed(options.seed), first + n) : undefined);
  }
  return out;
}

export function requireSeed(seed: number | undefined): number {
  if (seed === undefined) throw new Error("a stochastic binarization needs a seed");
  return seed;
}
