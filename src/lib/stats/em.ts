import type { ImageSet } from "../data/idx.ts";
import { createRng, permutation } from "../random.ts";
import { mixtureCodeLength, scoreImage, scoreTables, type BernoulliMixture, type CodeLength } from "./bernoulli-mixture.ts";
import type { Binarization } from "./binarization.ts";
import { createSlicer, phase, type ProgressOptions } from "./progress.ts";
import { sparseBinaryImages, type SparseBinaryImages } from "./sparse-images.ts";

/**
 * Fitting a mixture of Bernoullis by EM. The M-step is the maximum a posteriori one under a Beta(a+1, a+1) prior on
 * every pixel mean, mu = (expected on-count + a) / (expected images + 2a): with a > 0 no mean reaches 0 or 1, so the
 * fitted model can code any test image in finitely many bits (plain maximum likelihood would give a pixel that no
 * training image of a component inks probability 0). Component weights are maximum likelihood.
 * EM never decreases the objective log2 P(data) + log2 P(means) (the prior's log density up to a constant).
 */
export interface EmOptions extends ProgressOptions {
  components: number;
  /** Seeds the choice of the training images the components start from. */
  seed: number;
  /** M-steps at most (default 50). */
  maxIterations?: number;
  /** Stop once an iteration improves the objective by less than this many bits per image (default 0.01). */
  tolerance?: number;
  /** Prior pseudo-count a per outcome (default 1, i.e. Laplace's add-one on the expected counts). */
  pseudoCount?: number;
  /** Start from this model (copied) instead of the seeded start, e.g. to continue a fit. */
  initial?: BernoulliMixture;
}

export interface EmIteration {
  /** M-steps done before this evaluation. */
  iteration: number;
  /** -log2 P(training images) / N: the training code length, bits per image. */
  trainBitsPerImage: number;
  /** -(log2 P(images) + log2 prior(means)) / N: what EM decreases (never increases). */
  objectiveBitsPerImage: number;
}

export interface EmResult {
  model: BernoulliMixture;
  history: EmIteration[];
  converged: boolean;
}

export const DEFAULT_EM_PSEUDO_COUNT = 1;

/** A seeded random subset of 0..n-1 of the given size, in increasing order (so data access stays sequential). */
export function seededSubset(n: number, size: number, seed: number): Uint32Array {
  if (size > n) throw new RangeError(`subset of ${size} from ${n}`);
  return permutation(n, createRng(seed)).slice(0, size).sort();
}

/** Start: each component halfway between one distinct seeded-random training image and the smoothed mean image. */
function initialModel(images: SparseBinaryImages, components: number, seed: number): BernoulliMixture {
  const { count: N, pixels: D, on, offsets } = images;
  if (components < 1 || components > N) throw new RangeError(`${components} components for ${N} images`);
  const mean = new Float64Array(D);
  for (let j = 0; j < on.length; j++) mean[on[j] as number] = (mean[on[j] as number] as number) + 1;
  for (let i = 0; i < D; i++) mean[i] = ((mean[i] as number) + 1) / (N + 2);
  const picks = permutation(N, createRng(seed));
  const means = new Float64Array(components * D);
  for (let k = 0; k < components; k++) {
    for (let i = 0; i < D; i++) means[k * D + i] = 0.5 * (mean[i] as number);
    const n = picks[k] as number;
    for (let j = offsets[n] as number; j < (offsets[n + 1] as number); j++) {
      const i = on[j] as number;
      means[k * D + i] = (means[k * D + i] as number) + 0.5;
    }
  }
  return { components, pixels: D, weights: new Float64Array(components).fill(1 / components), means };
}

function copyMixture(m: BernoulliMixture): BernoulliMixture {
  return { components: m.components, pixels: m.pixels, weights: m.weights.slice(), means: m.means.slice() };
}

function logPriorBits(model: BernoulliMixture, pseudoCount: number): number {
  let s = 0;
  for (const mu of model.means) s += Math.log2(mu) + Math.log2(1 - mu);
  return pseudoCount * s;
}

export async function fitBernoulliMixture(images: SparseBinaryImages, options: EmOptions): Promise<EmResult> {
  const { components: K, seed } = options;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 0.01;
  const a = options.pseudoCount ?? DEFAULT_EM_PSEUDO_COUNT;
  if (!(a > 0)) throw new RangeError("the pseudo-count must be positive (it keeps every mean inside (0, 1))");
  const { count: N, pixels: D, on, offsets } = images;
  const model = options.initial ? copyMixture(options.initial) : initialModel(images, K, seed);
  if (model.components !== K || model.pixels !== D) throw new Error("the initial model does not match components/pixels");
  const history: EmIteration[] = [];
  const scores = new Float64Array(K);
  const expectedImages = new Float64Array(K);
  // Expected on-counts, pixel-major like the gain table.
  const expectedOn = new Float64Array(D * K);
  const slicer = createSlicer(options);
  const passes = maxIterations + 1;
  let converged = false;
  for (let iteration = 0; ; iteration++) {
    const tables = scoreTables(model);
    expectedImages.fill(0);
    expectedOn.fill(0);
    let logLikelihood = 0;
    for (let n = 0; n < N; n++) {
      const logP = scoreImage(tables, images, n, scores);
      logLikelihood += logP;
      for (let k = 0; k < K; k++) {
        const r = 2 ** ((scores[k] as number) - logP);
        scores[k] = r;
        expectedImages[k] = (expectedImages[k] as number) + r;
      }
      const end = offsets[n + 1] as number;
      for (let j = offsets[n] as number; j < end; j++) {
        const row = (on[j] as number) * K;
        for (let k = 0; k < K; k++) expectedOn[row + k] = (expectedOn[row + k] as number) + (scores[k] as number);
      }
      if (slicer.due()) await slicer.pause((iteration + (n + 1) / N) / passes);
    }
    const objective = logLikelihood + logPriorBits(model, a);
    const previous = history.at(-1);
    history.push({
      iteration,
      trainBitsPerImage: -logLikelihood / N,
      objectiveBitsPerImage: -objective / N,
    });
    if (previous && previous.objectiveBitsPerImage + objective / N < tolerance) converged = true;
    if (converged || iteration === maxIterations) break;
    for (let k = 0; k < K; k++) {
      const nk = expectedImages[k] as number;
      model.weights[k] = nk / N;
      for (let i = 0; i < D; i++) model.means[k * D + i] = ((expectedOn[i * K + k] as number) + a) / (nk + 2 * a);
    }
  }
  slicer.finish();
  return { model, history, converged };
}

/** A training subset a browser fits in a few seconds (about 50-100 ms per EM pass at K = 10-20 on a laptop core). */
export const BROWSER_EM_TRAIN_IMAGES = 10_000;

export interface MixtureExperimentOptions extends Omit<EmOptions, "initial"> {
  /** Size of the seeded training subset (default BROWSER_EM_TRAIN_IMAGES); the subset is drawn with `seed`. */
  trainImages?: number;
}

export interface MixtureExperiment extends EmResult {
  trainImages: number;
  /** Code length of the whole test split under the fitted mixture. */
  test: CodeLength;
}

/**
 * The whole EM experiment as the page runs it: binarize a seeded training subset, fit, code the test set. A stochastic
 * binarization samples both sets with `seed` (image n of a split from imageRng(seed, n)).
 */
export async function fitAndScoreBernoulliMixture(
  train: ImageSet,
  test: ImageSet,
  b: Binarization,
  options: MixtureExperimentOptions,
): Promise<MixtureExperiment> {
  const trainImages = Math.min(options.trainImages ?? BROWSER_EM_TRAIN_IMAGES, train.count);
  const indices = seededSubset(train.count, trainImages, options.seed);
  const trainSet = await sparseBinaryImages(train, b, { ...phase(options, 0, 0.05), indices, seed: options.seed });
  const fit = await fitBernoulliMixture(trainSet, { ...options, ...phase(options, 0.05, 0.95) });
  const testSet = await sparseBinaryImages(test, b, { ...phase(options, 0.95, 0.98), seed: options.seed });
  const scored = await mixtureCodeLength(fit.model, testSet, phase(options, 0.98, 1));
  return { ...fit, trainImages, test: scored };
}
