/**
 * The prequential code's train/predict step made of the training engine: for each block, a fresh seeded network is
 * trained on every label sent so far and predicts the next block. Shared by the Node reference script and the
 * browser worker, so both run the same recipe.
 */
import * as tf from "@tensorflow/tfjs";
import { NUM_CLASSES, type Arch } from "../train/arch.ts";
import { identityOrder, imageBatch, type LabelledImages } from "../train/batch.ts";
import { modelFromWeights, type WeightArray } from "../train/build.ts";
import type { Schedule } from "../train/schedule.ts";
import { train, type BatchStats, type TrainConfig } from "../train/train.ts";
import { yieldToEventLoop } from "../train/yield.ts";
import { epochsForBlock, type FitPredict } from "./prequential.ts";

export interface BlockRecipe {
  arch: Arch;
  seed: number;
  batchSize: number;
  maxLr: number;
  /** Each block's network sees at least this many images… */
  minImages: number;
  /** …and at least this many passes over its data. */
  minEpochs: number;
}

/** Adam with the one-cycle schedule of the default recipe, trained from scratch on each prefix. */
export function blockConfig(recipe: BlockRecipe, trainSize: number): TrainConfig {
  const schedule: Schedule = { kind: "oneCycle", maxLr: recipe.maxLr };
  return {
    arch: recipe.arch,
    seed: recipe.seed,
    epochs: epochsForBlock(trainSize, recipe.minImages, recipe.minEpochs),
    batchSize: Math.min(recipe.batchSize, trainSize),
    optimizer: { kind: "adam" },
    schedule,
    trainSubset: trainSize,
    evaluateEachEpoch: false,
  };
}

export function describeRecipe(r: BlockRecipe): string {
  return `Adam, one-cycle peak ${r.maxLr}, batch ${r.batchSize}, at least ${r.minEpochs} epochs and ${r.minImages.toLocaleString("en-US")} images per block, seed ${r.seed}`;
}

/** Softmax probabilities of images [start, end) under `weights`, row by row. */
export async function predictProbabilities(
  arch: Arch,
  weights: readonly WeightArray[],
  images: LabelledImages,
  start: number,
  end: number,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const model = modelFromWeights(arch, weights);
  const order = identityOrder(end);
  const out = new Float32Array((end - start) * NUM_CLASSES);
  try {
    for (let s = start; s < end; s += 1000) {
      signal?.throwIfAborted();
      const e = Math.min(end, s + 1000);
      const probs = tf.tidy(() => tf.softmax(model.predict(imageBatch(arch, images, order, s, e)) as tf.Tensor2D));
      try {
        out.set(await probs.data(), (s - start) * NUM_CLASSES);
      } finally {
        probs.dispose();
      }
      await yieldToEventLoop();
    }
  } finally {
    model.dispose();
  }
  return out;
}

export interface TfPrequentialCallbacks {
  onBatch?: (stats: BatchStats, trainSize: number) => void;
}

export function tfFitPredict(recipe: BlockRecipe, images: LabelledImages, callbacks: TfPrequentialCallbacks = {}): FitPredict {
  return async (trainEnd, predictStart, predictEnd, signal) => {
    const config = blockConfig(recipe, trainEnd);
    const onBatch = callbacks.onBatch;
    const result = await train(config, { train: images }, onBatch ? { onBatch: (s) => onBatch(s, trainEnd) } : {}, signal);
    return predictProbabilities(recipe.arch, result.weights, images, predictStart, predictEnd, signal);
  };
}
