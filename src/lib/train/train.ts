/**
 * The training loop: seeded, cancellable within one batch, reporting through callbacks, leaving no tensors behind.
 * Runs on whichever backend the caller activated (see backend.ts), in a worker, a Node script or a test.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, permutation } from "../random.ts";
import { NUM_CLASSES, paramCount, type Arch } from "./arch.ts";
import { imageBatch, oneHot, type LabelledImages } from "./batch.ts";
import { buildModel, readWeights, type WeightArray } from "./build.ts";
import { evaluate, type Evaluation } from "./evaluate.ts";
import { disposeOptimizer, makeOptimizer, setLearningRate, type OptimizerSpec } from "./optimizer.ts";
import { learningRateAt, type Schedule } from "./schedule.ts";
import { yieldToEventLoop } from "./yield.ts";

/**
 * Which labels the network is trained on. "shuffled" permutes the subset's true labels (class counts kept, the link
 * between image and label destroyed); "random" draws each label uniformly from 0..9, so every label carries exactly
 * log2 10 bits (Zhang et al. 2017's "random labels"); "given" supplies them.
 */
export type LabelMode =
  { kind: "true" } | { kind: "shuffled"; seed: number } | { kind: "random"; seed: number } | { kind: "given"; labels: Uint8Array };

export interface TrainConfig {
  arch: Arch;
  /** Seeds the initial weights and the order of the batches. */
  seed: number;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerSpec;
  schedule: Schedule;
  /** Train on the first n training images only (MNIST's file order is already mixed). */
  trainSubset?: number;
  labels?: LabelMode;
  /** Evaluate the test set after every epoch (default) or only after the last. */
  evaluateEachEpoch?: boolean;
  /** Also evaluate the training subset against its training labels at the end (memorisation runs). */
  evaluateTrain?: boolean;
  /** Score only the first n test images (default: all). */
  testSubset?: number;
}

export interface TrainData {
  train: LabelledImages;
  /** Without a test set, runs report training figures only. */
  test?: LabelledImages;
}

export interface BatchStats {
  /** 1-based. */
  epoch: number;
  /** 1-based, within the epoch. */
  batch: number;
  batchesPerEpoch: number;
  batchesDone: number;
  totalBatches: number;
  /** Mean cross-entropy (nats) of this batch, before the step. */
  loss: number;
  /** Accuracy on this batch, before the step. */
  accuracy: number;
  learningRate: number;
  /** Training throughput since the run started, evaluation time excluded. */
  imagesPerSecond: number;
  elapsedMs: number;
}

export interface EpochStats {
  epoch: number;
  /** Mean over the epoch's batches of the pre-step loss and accuracy, weighted by batch size. */
  trainLoss: number;
  trainAccuracy: number;
  test?: { loss: number; accuracy: number };
  /** Seconds spent training this epoch (evaluation excluded) and the throughput over them. */
  seconds: number;
  imagesPerSecond: number;
  elapsedMs: number;
}

export interface TrainCallbacks {
  onBatch?(stats: BatchStats): void;
  onEpoch?(stats: EpochStats): void;
}

export interface TrainResult {
  paramCount: number;
  backend: string;
  epochs: EpochStats[];
  /** Final test-set evaluation (absent without a test set). */
  test?: Evaluation;
  /** Final evaluation of the training subset against the labels it was trained on (with evaluateTrain). */
  train?: Evaluation;
  /** The trained weights in `model.getWeights()` order; `modelFromWeights(arch, weights)` rebuilds the model. */
  weights: WeightArray[];
  trainSeconds: number;
  imagesPerSecond: number;
}

/** The labels a run trains on, for its first `count` training images. */
export function trainingLabels(mode: LabelMode | undefined, trueLabels: Uint8Array, count: number): Uint8Array {
  const truth = trueLabels.subarray(0, count);
  if (mode === undefined || mode.kind === "true") return truth;
  if (mode.kind === "given") {
    if (mode.labels.length < count) throw new Error(`given labels: ${mode.labels.length} for ${count} images`);
    return mode.labels.subarray(0, count);
  }
  const rng = createRng(mode.seed);
  if (mode.kind === "random") return Uint8Array.from({ length: count }, () => rng.int(NUM_CLASSES));
  const p = permutation(count, rng);
  return Uint8Array.from(p, (i) => truth[i] as number);
}

function validate(config: TrainConfig, data: TrainData): number {
  const n = Math.min(config.trainSubset ?? data.train.count, data.train.count);
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!positiveInt(n)) throw new Error(`empty training set`);
  if (!positiveInt(config.epochs)) throw new Error(`epochs must be a positive integer, got ${config.epochs}`);
  if (!positiveInt(config.batchSize)) throw new Error(`batchSize must be a positive integer, got ${config.batchSize}`);
  if (data.train.rows * data.train.cols !== 784) throw new Error(`expected 28x28 images`);
  return n;
}

/**
 * tfjs 4.22's engine.gradients() disposes the tensors its tape saved for the backward pass only when the backward
 * pass succeeds. When a gradient kernel throws (a missing kernel, out of memory) they stay alive, kept out of every
 * tidy: about thirty tensors for a CNN step. Release them so a failed run leaks nothing either.
 */
function releaseAbandonedTape(): void {
  const state = (tf.engine() as unknown as { state: { gradientDepth: number; activeTape: TapeNode[] | null } }).state;
  if (state.gradientDepth !== 0 || state.activeTape == null) return;
  for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
  state.activeTape = null;
}

interface TapeNode {
  saved?: tf.Tensor[];
}

/** Separate stream from the initialiser's, so changing the architecture does not change the batch order. */
const SHUFFLE_STREAM = 0x9e3779b9;

/**
 * Trains `config.arch` on `data.train`. Resolves with the trained weights and metrics; rejects with the signal's
 * reason when aborted (checked before every batch and every evaluation batch), or with any error a callback or
 * the backend throws. In every case the model and optimizer are disposed: numTensors returns to its start.
 */
export async function train(
  config: TrainConfig,
  data: TrainData,
  callbacks: TrainCallbacks = {},
  signal?: AbortSignal,
): Promise<TrainResult> {
  const n = validate(config, data);
  signal?.throwIfAborted();
  const labels = trainingLabels(config.labels, data.train.labels, n);
  const batchesPerEpoch = Math.ceil(n / config.batchSize);
  const totalBatches = batchesPerEpoch * config.epochs;
  const shuffleRng = createRng((config.seed ^ SHUFFLE_STREAM) >>> 0);
  const evalEach = config.evaluateEachEpoch ?? true;
  const evalOptions = (count?: number) => ({ ...(count === undefined ? {} : { count }), ...(signal ? { signal } : {}) });

  const model = buildModel(config.arch, config.seed);
  let optimizer: tf.Optimizer;
  try {
    optimizer = makeOptimizer(config.optimizer, learningRateAt(config.schedule, 0, totalBatches, batchesPerEpoch));
  } catch (e) {
    model.dispose();
    throw e;
  }
  const epochs: EpochStats[] = [];
  const t0 = performance.now();
  let trainMs = 0;
  let imagesSeen = 0;
  let batchesDone = 0;
  let lastTest: Evaluation | undefined;
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const order = permutation(n, shuffleRng);
      const epochStart = performance.now();
      let lossSum = 0;
      let correctSum = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        signal?.throwIfAborted();
        const batchStart = performance.now();
        const start = b * config.batchSize;
        const end = Math.min(n, start + config.batchSize);
        const lr = learningRateAt(config.schedule, batchesDone, totalBatches, batchesPerEpoch);
        setLearningRate(optimizer, lr);
        // `correct` is kept out of minimize's tidy so it can be read with the loss after the step; it is
        // disposed here whether the step succeeds or a kernel throws halfway through the backward pass.
        let correctT: tf.Tensor | undefined;
        let lossT: tf.Scalar | undefined;
        let loss: number;
        let correct: number;
        try {
          lossT = tf.tidy(() => {
            const xs = imageBatch(config.arch, data.train, order, start, end);
            const ys = tf.tensor2d(oneHot(labels, order, start, end), [end - start, NUM_CLASSES]);
            const l = optimizer.minimize(() => {
              const logits = model.apply(xs, { training: true }) as tf.Tensor2D;
              correctT = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), "float32")));
              return tf.losses.softmaxCrossEntropy(ys, logits);
            }, true);
            if (l === null) throw new Error("optimizer returned no loss");
            return l;
          });
          if (correctT === undefined) throw new Error("the step computed no accuracy");
          const [l, c] = await Promise.all([lossT.data(), correctT.data()]);
          loss = l[0] as number;
          correct = c[0] as number;
        } finally {
          lossT?.dispose();
          correctT?.dispose();
        }
        const size = end - start;
        lossSum += loss * size;
        correctSum += correct;
        imagesSeen += size;
        batchesDone++;
        trainMs += performance.now() - batchStart;
        callbacks.onBatch?.({
          epoch,
          batch: b + 1,
          batchesPerEpoch,
          batchesDone,
          totalBatches,
          loss,
          accuracy: correct / size,
          learningRate: lr,
          imagesPerSecond: imagesSeen / (trainMs / 1000),
          elapsedMs: performance.now() - t0,
        });
        const yieldStart = performance.now();
        await yieldToEventLoop();
        trainMs += performance.now() - yieldStart;
      }
      const seconds = (performance.now() - epochStart) / 1000;
      const stats: EpochStats = {
        epoch,
        trainLoss: lossSum / n,
        trainAccuracy: correctSum / n,
        seconds,
        imagesPerSecond: n / seconds,
        elapsedMs: 0,
      };
      if (data.test !== undefined && (evalEach || epoch === config.epochs)) {
        lastTest = await evaluate(model, config.arch, data.test, evalOptions(config.testSubset));
        stats.test = { loss: lastTest.loss, accuracy: lastTest.accuracy };
      }
      stats.elapsedMs = performance.now() - t0;
      epochs.push(stats);
      callbacks.onEpoch?.(stats);
    }
    const result: TrainResult = {
      paramCount: paramCount(config.arch),
      backend: tf.getBackend(),
      epochs,
      weights: readWeights(model),
      trainSeconds: trainMs / 1000,
      imagesPerSecond: imagesSeen / (trainMs / 1000),
    };
    if (lastTest !== undefined) result.test = lastTest;
    if (config.evaluateTrain === true) {
      result.train = await evaluate(model, config.arch, { ...data.train, labels }, evalOptions(n));
    }
    return result;
  } catch (e) {
    releaseAbandonedTape();
    throw e;
  } finally {
    disposeOptimizer(optimizer);
    model.dispose();
  }
}
