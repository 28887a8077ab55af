/**
 * Test-set (or training-set) evaluation of a model: loss, accuracy, confusion matrix and the misclassified images.
 */
import * as tf from "@tensorflow/tfjs";
import { NUM_CLASSES, type Arch } from "./arch.ts";
import { identityOrder, imageBatch, type LabelledImages } from "./batch.ts";
import { yieldToEventLoop } from "./yield.ts";

export interface Evaluation {
  count: number;
  /** Mean cross-entropy in nats. */
  loss: number;
  accuracy: number;
  correct: number;
  /** confusion[truth][predicted], counts. */
  confusion: number[][];
  /** Indices into the evaluated set, ascending. */
  misclassified: number[];
  predictions: Uint8Array;
}

export interface EvaluateOptions {
  /** Evaluate only the first `count` images. */
  count?: number;
  /** Labels to score against instead of `images.labels` (random-label runs score their own labels). */
  labels?: Uint8Array;
  batchSize?: number;
  signal?: AbortSignal;
}

/** Confusion matrix, accuracy and misclassified indices from predictions, in plain JS (no tensors). */
export function summarise(truth: ArrayLike<number>, predictions: Uint8Array, lossSum: number): Evaluation {
  const confusion = Array.from({ length: NUM_CLASSES }, () => new Array<number>(NUM_CLASSES).fill(0));
  const misclassified: number[] = [];
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) {
    const t = truth[i] as number;
    const p = predictions[i] as number;
    const row = confusion[t] as number[];
    row[p] = (row[p] as number) + 1;
    if (t === p) correct++;
    else misclassified.push(i);
  }
  const count = predictions.length;
  return {
    count,
    loss: count === 0 ? NaN : lossSum / count,
    accuracy: count === 0 ? NaN : correct / count,
    correct,
    confusion,
    misclassified,
    predictions,
  };
}

/** Runs `model` over the images in batches (inference mode), yielding between batches so cancel is heard. */
export async function evaluate(
  model: tf.LayersModel,
  arch: Arch,
  images: LabelledImages,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const labels = options.labels ?? images.labels;
  const count = Math.min(options.count ?? images.count, images.count, labels.length);
  const batchSize = options.batchSize ?? 1000;
  const order = identityOrder(count);
  const predictions = new Uint8Array(count);
  let lossSum = 0;
  for (let start = 0; start < count; start += batchSize) {
    options.signal?.throwIfAborted();
    const end = Math.min(count, start + batchSize);
    const [lossT, predT] = tf.tidy((): [tf.Tensor, tf.Tensor] => {
      const logits = model.predict(imageBatch(arch, images, order, start, end)) as tf.Tensor2D;
      const truth = tf.tensor1d(labels.subarray(start, end), "int32");
      const onehot = tf.oneHot(truth, NUM_CLASSES);
      const loss = tf.losses.softmaxCrossEntropy(onehot, logits, undefined, undefined, tf.Reduction.SUM);
      return [loss, tf.argMax(logits, 1)];
    });
    try {
      const [l, p] = await Promise.all([lossT.data(), predT.data()]);
      lossSum += l[0] as number;
      predictions.set(p, start);
    } finally {
      tf.dispose([lossT, predT]);
    }
    await yieldToEventLoop();
  }
  options.signal?.throwIfAborted();
  return summarise(labels.subarray(0, count), predictions, lossSum);
}
