import { createSlicer, type ProgressOptions } from "./progress.ts";
import type { SparseBinaryImages } from "./sparse-images.ts";

/**
 * A mixture of K product-of-Bernoulli components over D binary pixels:
 * P(x) = sum_k weights[k] prod_i means[k*D+i]^{x_i} (1 - means[k*D+i])^{1-x_i}.
 * The class-conditional model is one (K = 10, weights = class priors); EM fits others.
 */
export interface BernoulliMixture {
  components: number;
  pixels: number;
  weights: Float64Array;
  /** means[k * pixels + i] = P(pixel i on | component k), strictly inside (0, 1). */
  means: Float64Array;
}

/**
 * The per-component terms of log2 P(x, k) that make a sum over the on pixels enough:
 * log2 P(x, k) = base[k] + sum_{i on} gain[i*K + k], with base[k] = log2 w_k + sum_i log2(1 - mu_ki) and
 * gain = log2 mu - log2(1 - mu). gain is pixel-major so the inner loop reads K consecutive numbers.
 */
export interface MixtureScoreTables {
  base: Float64Array;
  gain: Float64Array;
}

export function scoreTables(model: BernoulliMixture): MixtureScoreTables {
  const { components: K, pixels: D, weights, means } = model;
  const base = new Float64Array(K);
  const gain = new Float64Array(D * K);
  for (let k = 0; k < K; k++) {
    let s = Math.log2(weights[k] as number);
    for (let i = 0; i < D; i++) {
      const mu = means[k * D + i] as number;
      if (!(mu > 0 && mu < 1)) throw new RangeError(`component ${k} pixel ${i}: mean ${mu} is not strictly in (0, 1)`);
      const off = Math.log2(1 - mu);
      s += off;
      gain[i * K + k] = Math.log2(mu) - off;
    }
    base[k] = s;
  }
  return { base, gain };
}

/**
 * Writes log2 P(x_n, k) for each component into `scores` and returns log2 P(x_n) (log-sum over components).
 * Shared by the code-length evaluation and the E-step, so both see one formula.
 */
export function scoreImage(tables: MixtureScoreTables, images: SparseBinaryImages, n: number, scores: Float64Array): number {
  const { base, gain } = tables;
  const K = base.length;
  scores.set(base);
  const { on, offsets } = images;
  const end = offsets[n + 1] as number;
  for (let j = offsets[n] as number; j < end; j++) {
    const row = (on[j] as number) * K;
    for (let k = 0; k < K; k++) scores[k] = (scores[k] as number) + (gain[row + k] as number);
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) if ((scores[k] as number) > max) max = scores[k] as number;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < K; k++) s += 2 ** ((scores[k] as number) - max);
  return max + Math.log2(s);
}

export interface CodeLength {
  /** Mean ideal code length, bits per image. */
  bitsPerImage: number;
  totalBits: number;
  images: number;
}

/** -log2 P(x) summed over the images: the ideal (arithmetic-coding) length of the set under the mixture. */
export async function mixtureCodeLength(
  model: BernoulliMixture,
  images: SparseBinaryImages,
  options: ProgressOptions = {},
): Promise<CodeLength> {
  if (images.pixels !== model.pixels) throw new Error("images and model differ in pixel count");
  const tables = scoreTables(model);
  const scores = new Float64Array(model.components);
  const slicer = createSlicer(options);
  let totalBits = 0;
  for (let n = 0; n < images.count; n++) {
    totalBits -= scoreImage(tables, images, n, scores);
    if (slicer.due()) await slicer.pause((n + 1) / images.count);
  }
  slicer.finish();
  return { bitsPerImage: totalBits / images.count, totalBits, images: images.count };
}
