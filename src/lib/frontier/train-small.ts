/**
 * Trains a `NetSpec` network with TensorFlow.js (any backend; the caller picks it), optionally with seeded
 * augmentation and quantization-aware training, and returns float weights in `tensorSpecs` order. The same code runs
 * in the reference search (Node, wasm) and could run in a browser worker.
 *
 * Quantization-aware training: from `qat.fromEpoch` on, every forward pass uses each tensor rounded to the file's grid
 * (step = max |w| / Q rounded up to a storable step, recomputed every step), while gradients flow to the float
 * weights as if the rounding were not there (the straight-through estimator of Bengio, Léonard & Courville 2013).
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, permutation } from "../random.ts";
import { learningRateAt, type Schedule } from "../train/schedule.ts";
import { setLearningRate } from "../train/optimizer.ts";
import { augmentInto, type Augmentation } from "./augment.ts";
import { yieldToEventLoop } from "../train/yield.ts";
import { CLASSES, SIDE, tensorSize, tensorSpecs, type NetSpec, type TensorSpec } from "./net.ts";
import { levels, quantizationStep, stepValue } from "./quantize.ts";

export interface QatPlan {
  weightBits: number;
  biasBits: number;
  /** First epoch (0-based) trained through the quantizer. */
  fromEpoch: number;
}

export interface SmallRecipe {
  epochs: number;
  batchSize: number;
  schedule: Schedule;
  augmentation: Augmentation;
  qat: QatPlan | null;
  /** L2 penalty on weights (not biases), added to the loss. */
  weightDecay: number;
  /**
   * Batch normalisation after every convolution until the quantizer starts (or to the end without one); then it is
   * folded into the convolutions' weights and biases, so the file holds a plain network.
   */
  batchNorm: boolean;
  seed: number;
}

export interface TrainImages {
  pixels: Uint8Array;
  labels: Uint8Array;
  /** Images [0, count) of the arrays are trained on. */
  count: number;
}

export interface EpochReport {
  epoch: number;
  epochs: number;
  loss: number;
  seconds: number;
}

/** Bits of a tensor: biases and weights may use different widths. */
export function bitsFor(t: TensorSpec, plan: Pick<QatPlan, "weightBits" | "biasBits">): number {
  return t.bias ? plan.biasBits : plan.weightBits;
}

/** He-uniform initial weights drawn in JavaScript (so every backend starts from the same numbers), zero biases. */
export function initialWeights(spec: NetSpec, seed: number): Float32Array[] {
  const rng = createRng(seed);
  return tensorSpecs(spec).map((t) => {
    const n = tensorSize(t);
    const out = new Float32Array(n);
    if (t.bias) return out;
    const fanIn =
      t.shape.length === 2 ? t.shape[0]! : t.shape[0]! * t.shape[1]! * (t.shape[3] === 1 && t.name.endsWith("depthwise") ? 1 : t.shape[2]!);
    const bound = Math.sqrt(6 / fanIn);
    for (let i = 0; i < n; i++) out[i] = (2 * rng.next() - 1) * bound;
    return out;
  });
}

const straightThrough = tf.customGrad((w, step, Q, save) => {
  void save;
  const s = step as tf.Tensor;
  const q = Q as tf.Tensor;
  // floor(x + 1/2), which is JavaScript's Math.round (what the file's quantizer uses); tf.round rounds halves to even.
  const rounded = tf.floor(tf.add(tf.div(w as tf.Tensor, s), 0.5));
  const value = tf.mul(tf.minimum(tf.maximum(rounded, tf.neg(q)), q), s);
  return { value, gradFunc: (dy) => [dy, tf.zerosLike(s), tf.zerosLike(q)] };
});

/** w rounded (and clipped) to its file grid in the forward pass, identity in the backward pass. */
export function fakeQuantize(w: tf.Tensor, bits: number): tf.Tensor {
  const step = stepValue(quantizationStep(w.dataSync(), bits));
  const Q = levels(bits);
  return tf.tidy(() => straightThrough(w, tf.scalar(step), tf.scalar(Q)));
}

export interface BatchNormVars {
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
}

export const BN_EPSILON = 1e-5;

/**
 * Batch normalisation over batch and space with the batch's own moments. The moments are matrix products with a row
 * of 1/m (E[h] and E[h²], variance = E[h²] − E[h]²): on wasm that is about three times faster, forward and backward,
 * than tf.moments, whose reductions over the leading axes transpose the whole activation first.
 */
function batchNormalise(h: tf.Tensor4D, norm: BatchNormVars, onMoments: (mean: tf.Tensor, variance: tf.Tensor) => void): tf.Tensor4D {
  const [n, height, width, channels] = h.shape;
  const m = n * height * width;
  const flat = tf.reshape<tf.Rank.R2>(h, [m, channels]);
  const average = tf.fill<tf.Rank.R2>([1, m], 1 / m);
  const mean = tf.matMul(average, flat);
  const variance = tf.relu(tf.sub(tf.matMul(average, tf.square(flat)), tf.square(mean)));
  onMoments(tf.reshape(mean, [channels]), tf.reshape(variance, [channels]));
  const scale = tf.mul(norm.gamma, tf.rsqrt(tf.add(variance, BN_EPSILON)));
  return tf.reshape<tf.Rank.R4>(tf.add(tf.mul(tf.sub(flat, mean), scale), norm.beta), [n, height, width, channels]);
}

/**
 * Logits for a batch [n, 28, 28, 1]; `weights` in tensorSpecs order (already quantized or not). With `bn`, each
 * convolution's pre-activation is normalised by the batch's own moments, which are handed to `onMoments` (so the
 * fold can use the moments of one large batch).
 */
export function forwardLogits(
  spec: NetSpec,
  weights: readonly tf.Tensor[],
  x: tf.Tensor4D,
  bn?: readonly BatchNormVars[],
  onMoments?: (layer: number, mean: tf.Tensor, variance: tf.Tensor) => void,
): tf.Tensor2D {
  let t = 0;
  const next = () => weights[t++]!;
  let h: tf.Tensor4D = x;
  for (const [i, layer] of spec.convs.entries()) {
    if (layer.kind === "sep") {
      h = tf.depthwiseConv2d(h, next() as tf.Tensor4D, 1, layer.padding);
      h = tf.conv2d(h, next() as tf.Tensor4D, 1, "valid");
    } else {
      h = tf.conv2d(h, next() as tf.Tensor4D, 1, layer.padding);
    }
    h = tf.add(h, next());
    const norm = bn?.[i];
    if (norm !== undefined) h = batchNormalise(h, norm, (mean, variance) => onMoments?.(i, mean, variance));
    h = tf.relu(h);
    if (layer.pool > 1) h = tf.maxPool(h, layer.pool, layer.pool, "valid");
  }
  let v: tf.Tensor2D = spec.head === "gap" ? tf.mean<tf.Tensor2D>(h, [1, 2]) : tf.reshape<tf.Rank.R2>(h, [h.shape[0], -1]);
  const layers = spec.hidden.length + 1;
  for (let l = 0; l < layers; l++) {
    v = tf.add(tf.matMul(v, next() as tf.Tensor2D), next());
    if (l < layers - 1) v = tf.relu(v);
  }
  return v;
}

/**
 * Folds batch normalisation into the convolutions: with a = gamma / sqrt(var + eps) per output channel,
 * w' = w * a and b' = (b - mean) * a + beta. For a separable block the pointwise kernel carries the scale.
 * `moments` are the pre-activation moments of one large batch.
 */
export function foldBatchNorm(
  spec: NetSpec,
  weights: readonly Float32Array[],
  bn: ReadonlyArray<{ gamma: Float32Array; beta: Float32Array }>,
  moments: ReadonlyArray<{ mean: Float32Array; variance: Float32Array }>,
): Float32Array[] {
  const out = weights.map((w) => Float32Array.from(w));
  let t = 0;
  spec.convs.forEach((layer, i) => {
    const kernel = out[layer.kind === "sep" ? t + 1 : t]!;
    const bias = out[layer.kind === "sep" ? t + 2 : t + 1]!;
    const { gamma, beta } = bn[i]!;
    const { mean, variance } = moments[i]!;
    const f = layer.filters;
    for (let c = 0; c < f; c++) {
      const a = gamma[c]! / Math.sqrt(variance[c]! + BN_EPSILON);
      for (let k = c; k < kernel.length; k += f) kernel[k] = kernel[k]! * a;
      bias[c] = (bias[c]! - mean[c]!) * a + beta[c]!;
    }
    t += layer.kind === "sep" ? 3 : 2;
  });
  return out;
}

/** Images used for the moments the fold uses, drawn without augmentation. */
const FOLD_IMAGES = 2000;

/**
 * Trains and returns the final float weights. `onEpoch` reports progress; throwing from it (or aborting `signal`)
 * stops training. Leaves no tensors behind.
 */
export async function trainSmall(
  spec: NetSpec,
  data: TrainImages,
  recipe: SmallRecipe,
  onEpoch?: (r: EpochReport) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const specs = tensorSpecs(spec);
  const variable = <R extends tf.Rank>(t: tf.Tensor<R>, name?: string): tf.Variable<R> => {
    const v = tf.variable(t, true, name);
    t.dispose();
    return v;
  };
  const vars = initialWeights(spec, recipe.seed).map((w, i) => variable(tf.tensor(w, specs[i]!.shape), `w${i}`));
  let bn: BatchNormVars[] | undefined = recipe.batchNorm
    ? spec.convs.map((l) => ({
        gamma: variable(tf.ones<tf.Rank.R1>([l.filters])),
        beta: variable(tf.zeros<tf.Rank.R1>([l.filters])),
      }))
    : undefined;
  const foldAt = recipe.qat?.fromEpoch ?? recipe.epochs;
  let optimizer = tf.train.adam(learningRateAt(recipe.schedule, 0, 1));
  const rng = createRng(recipe.seed ^ 0x5bd1e995);
  const stepsPerEpoch = Math.floor(data.count / recipe.batchSize);
  const totalSteps = stepsPerEpoch * recipe.epochs;
  const batch = new Float32Array(recipe.batchSize * SIDE * SIDE);
  const onehot = new Float32Array(recipe.batchSize * CLASSES);
  try {
    for (let epoch = 0; epoch < recipe.epochs; epoch++) {
      const started = performance.now();
      const order = permutation(data.count, rng);
      if (bn !== undefined && epoch === foldAt) {
        foldInto(spec, vars, bn, data, order);
        tf.dispose(bn as unknown as tf.Tensor[][]);
        bn = undefined;
        // Adam's moments belong to the unfolded parameters; start afresh.
        optimizer.dispose();
        optimizer = tf.train.adam(learningRateAt(recipe.schedule, epoch * stepsPerEpoch, totalSteps, stepsPerEpoch));
      }
      const quantize = recipe.qat !== null && epoch >= recipe.qat.fromEpoch ? recipe.qat : null;
      let lossSum = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        // A worker hears Cancel only between tasks (yield.ts); the wasm kernels never give it one on their own.
        if (signal !== undefined) await yieldToEventLoop();
        if (signal?.aborted) throw signal.reason ?? new Error("cancelled");
        onehot.fill(0);
        for (let b = 0; b < recipe.batchSize; b++) {
          const index = order[s * recipe.batchSize + b]!;
          augmentInto(data.pixels, index, recipe.augmentation, rng, batch, b * SIDE * SIDE);
          onehot[b * CLASSES + data.labels[index]!] = 1;
        }
        setLearningRate(optimizer, learningRateAt(recipe.schedule, epoch * stepsPerEpoch + s, totalSteps, stepsPerEpoch));
        const loss = tf.tidy((): tf.Scalar => {
          const x = tf.tensor4d(batch, [recipe.batchSize, SIDE, SIDE, 1]);
          const y = tf.tensor2d(onehot, [recipe.batchSize, CLASSES]);
          return optimizer.minimize(() => {
            const ws = vars.map((v, i) => (quantize === null ? v : fakeQuantize(v, bitsFor(specs[i]!, quantize))));
            let l = tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(y, forwardLogits(spec, ws, x, bn));
            if (recipe.weightDecay > 0) {
              const penalty = tf.addN(vars.filter((_, i) => !specs[i]!.bias).map((v) => tf.sum(tf.square(v))));
              l = tf.add(l, tf.mul(penalty, recipe.weightDecay));
            }
            return l;
          }, true) as tf.Scalar;
        });
        lossSum += loss.dataSync()[0]!;
        loss.dispose();
      }
      await onEpoch?.({
        epoch: epoch + 1,
        epochs: recipe.epochs,
        loss: lossSum / stepsPerEpoch,
        seconds: (performance.now() - started) / 1000,
      });
    }
    if (bn !== undefined) foldInto(spec, vars, bn, data, permutation(data.count, rng));
    return vars.map((v) => new Float32Array(v.dataSync()));
  } finally {
    optimizer.dispose();
    tf.dispose(vars);
    if (bn !== undefined) tf.dispose(bn as unknown as tf.Tensor[][]);
  }
}

function foldInto(spec: NetSpec, vars: tf.Variable[], bn: readonly BatchNormVars[], data: TrainImages, order: Uint32Array): void {
  const n = Math.min(FOLD_IMAGES, data.count);
  const x = new Float32Array(n * SIDE * SIDE);
  for (let i = 0; i < n; i++) {
    const base = order[i]! * SIDE * SIDE;
    for (let p = 0; p < SIDE * SIDE; p++) x[i * SIDE * SIDE + p] = data.pixels[base + p]! / 255;
  }
  const moments: Array<{ mean: Float32Array; variance: Float32Array }> = [];
  tf.tidy(() => {
    forwardLogits(spec, vars, tf.tensor4d(x, [n, SIDE, SIDE, 1]), bn, (i, mean, variance) => {
      moments[i] = { mean: new Float32Array(mean.dataSync()), variance: new Float32Array(variance.dataSync()) };
    });
  });
  const folded = foldBatchNorm(
    spec,
    vars.map((v) => new Float32Array(v.dataSync())),
    bn.map((b) => ({ gamma: new Float32Array(b.gamma.dataSync()), beta: new Float32Array(b.beta.dataSync()) })),
    moments,
  );
  vars.forEach((v, i) => {
    const t = tf.tensor(folded[i]!, v.shape);
    v.assign(t);
    t.dispose();
  });
}
