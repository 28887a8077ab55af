/**
 * What the backend trial (backend-trial.ts) measures, with the project's own model (build.ts) and training loop
 * (train.ts, through throughput.ts), on whichever backend the caller made active: the time of a training step, and the gradients of one fixed
 * seeded batch. Each leaves the tensor count where it found it, and says so loudly if it does not.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, permutation } from "../random.ts";
import { NUM_CLASSES, type Arch } from "./arch.ts";
import { imageBatch, oneHot, type LabelledImages } from "./batch.ts";
import { buildModel, modelFromWeights, readWeights, type WeightArray } from "./build.ts";
import type { GradientArray } from "./gradient-compare.ts";
import { measureThroughput } from "./throughput.ts";

/** Steps run before the clock starts: the first ones compile shaders (GPU) or grow the heap (wasm). */
export const WARM_UP_BATCHES = 2;
export const TIMED_BATCHES = 3;
/** Seeds the trial's weights, batch order and gradient batch; any fixed value does, so every trial sees the same. */
export const TRIAL_SEED = 1;

function expectTensors(before: number, what: string): void {
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`${what} left ${after - before} tensors behind on the ${tf.getBackend()} backend`);
}

/**
 * Mean milliseconds per training step of `arch` at `batchSize` on the active backend: the real training loop
 * (measureThroughput) on the first images, timed after the warm-up (each step ends by reading its loss back, so a
 * GPU's queued work is counted).
 */
export async function timeTraining(arch: Arch, images: LabelledImages, batchSize: number, signal?: AbortSignal): Promise<number> {
  const before = tf.memory().numTensors;
  const options = { batchSize, batches: TIMED_BATCHES, warmup: WARM_UP_BATCHES, seed: TRIAL_SEED, ...(signal ? { signal } : {}) };
  const { msPerBatch } = await measureThroughput(arch, images, options);
  expectTensors(before, "timing");
  return msPerBatch;
}

export interface GradientSample {
  /** The weights the gradients were taken at, as plain arrays: what a second backend starts from. */
  weights: WeightArray[];
  gradients: GradientArray[];
}

/**
 * The gradient of the mean cross-entropy with respect to every weight of `arch`, on `count` images of a seeded order,
 * on the active backend. Without `start` the model has its seeded initial weights, read back synchronously (so call
 * it first on cpu or wasm, where that is cheap); with `start` it begins from those arrays, so another backend sees the
 * very same numbers (a tensor belongs to the backend that made it, so nothing is carried across as a tensor).
 */
export async function seededGradients(
  arch: Arch,
  images: LabelledImages,
  count: number,
  start?: readonly WeightArray[],
): Promise<GradientSample> {
  const before = tf.memory().numTensors;
  const model = start === undefined ? buildModel(arch, TRIAL_SEED) : modelFromWeights(arch, start);
  let grads: tf.Tensor[] = [];
  let sample: GradientSample;
  try {
    const weights = start === undefined ? readWeights(model) : [...start];
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    if (variables.length !== weights.length) throw new Error(`${variables.length} trainable weights, ${weights.length} arrays`);
    const order = permutation(images.count, createRng(TRIAL_SEED));
    const n = Math.min(count, images.count);
    grads = tf.tidy(() => {
      const xs = imageBatch(arch, images, order, 0, n);
      const ys = tf.tensor2d(oneHot(images.labels, order, 0, n), [n, NUM_CLASSES]);
      const loss = (): tf.Scalar =>
        tf.losses.softmaxCrossEntropy<tf.Tensor2D, tf.Scalar>(ys, model.apply(xs, { training: true }) as tf.Tensor2D);
      const g = tf.variableGrads(loss, variables).grads;
      return variables.map((v) => g[v.name] as tf.Tensor);
    });
    // Read back asynchronously: a GPU backend's synchronous read stalls (and tfjs-backend-webgpu warns about it).
    const values = await Promise.all(grads.map((g) => g.data()));
    const gradients = weights.map((w, k) => ({ name: w.name, values: Float32Array.from(values[k] as ArrayLike<number>) }));
    sample = { weights, gradients };
  } finally {
    tf.dispose(grads);
    model.dispose();
  }
  expectTensors(before, "the gradient check");
  return sample;
}
