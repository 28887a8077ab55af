/**
 * A reference training loop written the way tfjs-examples' MNIST demo trains: the whole training set decoded to one
 * float32 tensor up front, `model.compile` + `model.fit`, and an async `onBatchEnd` callback that reads the batch's
 * logs and lets the event loop run. (The demo awaits `tf.nextFrame()`, which in a worker waits for an animation
 * frame and would cap the reference at the display's rate; it yields the way the engine does instead. model.fit
 * itself still awaits a frame every 125 ms, its default `yieldEvery: "auto"`, as it does for every tfjs user.) It trains the same network (same initial weights) on the same images with the
 * same optimizer and batch size as the engine, so the two differ only in how the loop is written and, on wasm, in
 * which gradient kernels are registered (the caller decides that).
 */
import * as tf from "@tensorflow/tfjs";
import { NUM_CLASSES, type Arch } from "../../src/lib/train/arch.ts";
import type { LabelledImages } from "../../src/lib/train/batch.ts";
import { batchShape, buildModel } from "../../src/lib/train/build.ts";
import { throughputOf, throughputPlan, type Throughput, type ThroughputOptions } from "../../src/lib/train/throughput.ts";
import { yieldToEventLoop } from "../../src/lib/train/yield.ts";

/** The first n images as data.js prepares them: pixels / 255 in one Float32Array, labels one-hot. */
function decodeFirst(images: LabelledImages, n: number): { xs: Float32Array; ys: Float32Array } {
  const size = images.rows * images.cols;
  const xs = new Float32Array(n * size);
  for (let i = 0; i < n * size; i++) xs[i] = (images.pixels[i] as number) / 255;
  const ys = new Float32Array(n * NUM_CLASSES);
  for (let i = 0; i < n; i++) ys[i * NUM_CLASSES + (images.labels[i] as number)] = 1;
  return { xs, ys };
}

/**
 * Images per second of `model.fit` over `warmup + batches` batches, timed from the end of the last warm-up batch to
 * the end of the last batch (as `measureThroughput` times the engine). Disposes everything it made.
 */
export async function measureReferenceFit(arch: Arch, images: LabelledImages, options: ThroughputOptions): Promise<Throughput> {
  const { batches, warmup, n } = throughputPlan(images, options);
  const { xs, ys } = decodeFirst(images, n);
  const xt = tf.tensor(xs, batchShape(arch, n), "float32");
  const yt = tf.tensor2d(ys, [n, NUM_CLASSES]);
  const model = buildModel(arch, options.seed ?? 1);
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-7);
  let startMs = 0;
  let endMs = 0;
  let done = 0;
  try {
    // The engine's network outputs logits, so the loss is softmax cross-entropy on logits (data.js's model ends in
    // a softmax layer and uses categoricalCrossentropy: the same function, computed in two steps).
    model.compile({ optimizer, loss: (y, logits) => tf.losses.softmaxCrossEntropy(y, logits), metrics: ["accuracy"] });
    await model.fit(xt, yt, {
      batchSize: options.batchSize,
      epochs: 1,
      shuffle: true,
      callbacks: {
        onBatchEnd: async (_batch, logs) => {
          if (logs?.["loss"] === undefined || !Number.isFinite(logs["loss"])) throw new Error("fit reported no finite loss");
          done++;
          const now = performance.now();
          if (done === warmup) startMs = now;
          endMs = now;
          await yieldToEventLoop();
        },
      },
    });
    if (done !== batches + warmup) throw new Error(`fit ran ${done} batches, expected ${batches + warmup}`);
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([xt, yt]);
  }
  return throughputOf(endMs - startMs, batches, options.batchSize, tf.getBackend());
}
