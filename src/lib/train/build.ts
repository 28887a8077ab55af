/**
 * Builds an `Arch` as a TensorFlow.js layers model with seeded initial weights.
 * Uses whatever backend the caller has made active; never selects one.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../random.ts";
import { IMAGE_SIZE, NUM_CLASSES, takesImages, type Arch } from "./arch.ts";

/**
 * PyTorch's default initialisation for Linear and Conv2d (kaiming_uniform with a = sqrt 5, which works out to
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases alike). The training recipe and the reference
 * figures come from PyTorch, so we start from the same distribution rather than Keras's Glorot/zeros.
 * Each initialiser gets its own seed: tfjs seeds are per call, so two same-shaped layers sharing one would start
 * identical.
 */
function pytorchInit(fanIn: number, nextSeed: () => number) {
  const bound = 1 / Math.sqrt(fanIn);
  return {
    kernelInitializer: tf.initializers.varianceScaling({
      scale: 1 / 3,
      mode: "fanIn",
      distribution: "uniform",
      seed: nextSeed(),
    }),
    biasInitializer: tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed: nextSeed() }),
  };
}

/**
 * A fresh model for `arch` whose initial weights depend only on `seed` (the draws happen in JavaScript, so they are
 * the same on every backend). The model outputs logits. The caller owns it and must `dispose()` it.
 * Dropout is omitted on purpose: tfjs's seeded dropout reuses one mask for every batch, and unseeded dropout would
 * break reproducibility; a 3-epoch recipe does not need it.
 */
export function buildModel(arch: Arch, seed: number): tf.Sequential {
  const rng = createRng(seed);
  const nextSeed = (): number => rng.int(2 ** 31);
  const model = tf.sequential();
  let fanIn = IMAGE_SIZE * IMAGE_SIZE;
  let first = true;
  const inputShape = (shape: number[]) => {
    if (!first) return {};
    first = false;
    return { inputShape: shape };
  };
  if (arch.kind === "cnn") {
    let channels = 1;
    for (const c of arch.convs) {
      const init = pytorchInit(c.kernel * c.kernel * channels, nextSeed);
      model.add(
        tf.layers.conv2d({
          ...inputShape([IMAGE_SIZE, IMAGE_SIZE, 1]),
          filters: c.filters,
          kernelSize: c.kernel,
          padding: "valid",
          // Fused into the convolution: one kernel instead of two, and max-pool commutes with ReLU (see ConvSpec).
          activation: "relu",
          ...init,
        }),
      );
      if (c.pool !== undefined) model.add(tf.layers.maxPooling2d({ poolSize: c.pool, strides: c.pool }));
      channels = c.filters;
    }
    model.add(tf.layers.flatten());
    const out = model.outputs[0];
    if (out === undefined) throw new Error("model has no output");
    fanIn = out.shape[1] as number;
  }
  const hidden = arch.kind === "logistic" ? [] : arch.hidden;
  for (const units of hidden) {
    model.add(tf.layers.dense({ ...inputShape([fanIn]), units, activation: "relu", ...pytorchInit(fanIn, nextSeed) }));
    fanIn = units;
  }
  model.add(tf.layers.dense({ ...inputShape([fanIn]), units: NUM_CLASSES, ...pytorchInit(fanIn, nextSeed) }));
  return model;
}

/** The input shape `buildModel`'s model expects for a batch of n images. */
export function batchShape(arch: Arch, n: number): number[] {
  return takesImages(arch) ? [n, IMAGE_SIZE, IMAGE_SIZE, 1] : [n, IMAGE_SIZE * IMAGE_SIZE];
}

/** Weights as plain arrays, in `model.getWeights()` order: what a worker posts back and a page stores. */
export interface WeightArray {
  /** PyTorch-style and stable across runs, e.g. "conv1.weight", "fc2.bias" (tfjs's own names carry counters). */
  name: string;
  shape: number[];
  values: Float32Array;
}

export function readWeights(model: tf.LayersModel): WeightArray[] {
  const out: WeightArray[] = [];
  let convs = 0;
  let denses = 0;
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const prefix = layer.getClassName() === "Conv2D" ? `conv${++convs}` : `fc${++denses}`;
    for (const w of layer.weights) {
      const t = w.read();
      const kind = w.originalName.endsWith("bias") ? "bias" : "weight";
      // Copied: the cpu backend's dataSync hands out its own storage.
      out.push({ name: `${prefix}.${kind}`, shape: t.shape.slice(), values: new Float32Array(t.dataSync()) });
    }
  }
  return out;
}

/** Rebuilds a trained model from `readWeights` output (e.g. to classify a drawn digit). Caller disposes. */
export function modelFromWeights(arch: Arch, weights: readonly WeightArray[]): tf.Sequential {
  const model = buildModel(arch, 0);
  if (weights.length !== model.weights.length) {
    model.dispose();
    throw new Error(`expected ${model.weights.length} weight arrays, got ${weights.length}`);
  }
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape));
  try {
    model.setWeights(tensors);
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(tensors);
  }
  return model;
}
