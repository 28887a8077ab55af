/**
 * The experts of the prequential label code, made of the site's training engines: logistic regression (the default
 * recipe's engine) for the first few hundred labels, and small CNNs with batch normalisation and seeded augmentation
 * (the frontier's trainer) for the rest. Each trains from scratch on the labels sent so far and returns
 * log-probabilities; the same code runs in the Node reference run and in the browser worker.
 */
import * as tf from "@tensorflow/tfjs";
import { NUM_CLASSES, parseArchKey, type Arch } from "../train/arch.ts";
import type { LabelledImages } from "../train/batch.ts";
import { identityOrder, imageBatch } from "../train/batch.ts";
import { modelFromWeights } from "../train/build.ts";
import { train } from "../train/train.ts";
import { yieldToEventLoop } from "../train/yield.ts";
import { parseNetKey, SIDE, tensorSpecs, type NetSpec } from "../frontier/net.ts";
import { forwardLogits, trainSmall, type SmallRecipe } from "../frontier/train-small.ts";
import type { Augmentation } from "../frontier/augment.ts";
import type { Expert } from "./label-code.ts";

/** A family of models, as plain data (it goes into the reference run's cache keys and the page). */
export type FamilySpec =
  | { kind: "tfjs"; arch: string; maxLr: number; minEpochs: number; minImages: number; batchSize: number; seed: number }
  | {
      kind: "net";
      net: string;
      seeds: readonly number[];
      minEpochs: number;
      minImages: number;
      batchSize: number;
      maxLr: number;
      augmentation: Augmentation;
      weightDecay: number;
    };

export function familyKey(f: FamilySpec): string {
  if (f.kind === "tfjs") return `${f.arch}-lr${f.maxLr}-e${f.minEpochs}-i${f.minImages}-b${f.batchSize}-s${f.seed}`;
  const a = f.augmentation;
  return `${f.net}-s${f.seeds.join("+")}-e${f.minEpochs}-i${f.minImages}-b${f.batchSize}-lr${f.maxLr}-a${a.shift},${a.rotate},${a.scale}-wd${f.weightDecay}`;
}

/** Epochs for a prefix of `size` labels: at least `minEpochs`, and enough to see `minImages` images. */
export function epochsFor(size: number, minEpochs: number, minImages: number): number {
  return Math.max(minEpochs, Math.ceil(minImages / size));
}

function withLabels(images: LabelledImages, labels: Uint8Array): LabelledImages {
  const all = new Uint8Array(images.count);
  all.set(labels);
  return { ...images, labels: all };
}

/** log-softmax of the logits `forward(x)` for images [start, end), 1,000 at a time. */
async function logSoftmaxOf(
  forward: (x: tf.Tensor) => tf.Tensor2D,
  batchOf: (s: number, e: number) => tf.Tensor,
  start: number,
  end: number,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const out = new Float32Array((end - start) * NUM_CLASSES);
  for (let s = start; s < end; s += 1000) {
    signal?.throwIfAborted();
    const e = Math.min(end, s + 1000);
    const logp = tf.tidy(() => tf.logSoftmax(forward(batchOf(s, e))));
    try {
      out.set(await logp.data(), (s - start) * NUM_CLASSES);
    } finally {
      logp.dispose();
    }
    await yieldToEventLoop();
  }
  return out;
}

async function tfjsPredict(
  f: Extract<FamilySpec, { kind: "tfjs" }>,
  images: LabelledImages,
  labels: Uint8Array,
  end: number,
  signal?: AbortSignal,
) {
  const arch: Arch = parseArchKey(f.arch);
  const size = labels.length;
  const result = await train(
    {
      arch,
      seed: f.seed,
      epochs: epochsFor(size, f.minEpochs, f.minImages),
      batchSize: Math.min(f.batchSize, size),
      optimizer: { kind: "adam" },
      schedule: { kind: "oneCycle", maxLr: f.maxLr },
      trainSubset: size,
      evaluateEachEpoch: false,
    },
    { train: withLabels(images, labels) },
    {},
    signal,
  );
  const model = modelFromWeights(arch, result.weights);
  const order = identityOrder(end);
  try {
    return await logSoftmaxOf(
      (x) => model.predict(x) as tf.Tensor2D,
      (s, e) => imageBatch(arch, images, order, s, e),
      size,
      end,
      signal,
    );
  } finally {
    model.dispose();
  }
}

function netRecipe(f: Extract<FamilySpec, { kind: "net" }>, size: number, seed: number): SmallRecipe {
  return {
    epochs: epochsFor(size, f.minEpochs, f.minImages),
    batchSize: Math.min(f.batchSize, size),
    schedule: { kind: "oneCycle", maxLr: f.maxLr },
    augmentation: f.augmentation,
    qat: null,
    weightDecay: f.weightDecay,
    batchNorm: true,
    seed,
  };
}

function pixelBatch(images: LabelledImages, s: number, e: number): tf.Tensor4D {
  const x = new Float32Array((e - s) * SIDE * SIDE);
  for (let i = 0; i < x.length; i++) x[i] = images.pixels[s * SIDE * SIDE + i]! / 255;
  return tf.tensor4d(x, [e - s, SIDE, SIDE, 1]);
}

async function netPredict(
  f: Extract<FamilySpec, { kind: "net" }>,
  images: LabelledImages,
  labels: Uint8Array,
  end: number,
  signal?: AbortSignal,
) {
  const spec: NetSpec = parseNetKey(f.net);
  const size = labels.length;
  const data = { pixels: images.pixels, labels: withLabels(images, labels).labels, count: size };
  const members: Float32Array[] = [];
  for (const seed of f.seeds) {
    const weights = await trainSmall(spec, data, netRecipe(f, size, seed), undefined, signal);
    const tensors = weights.map((w, i) => tf.tensor(w, tensorSpecs(spec)[i]!.shape));
    try {
      members.push(
        await logSoftmaxOf(
          (x) => forwardLogits(spec, tensors, x as tf.Tensor4D),
          (s, e) => pixelBatch(images, s, e),
          size,
          end,
          signal,
        ),
      );
    } finally {
      tf.dispose(tensors);
    }
  }
  return averageProbabilities(members);
}

/** log of the mean of the members' probabilities (the usual ensemble), row by row, in float64. */
export function averageProbabilities(members: readonly ArrayLike<number>[]): Float64Array {
  const first = members[0];
  if (first === undefined) throw new RangeError("an ensemble needs a member");
  const out = new Float64Array(first.length);
  if (members.length === 1) {
    for (let i = 0; i < out.length; i++) out[i] = first[i] as number;
    return out;
  }
  for (let i = 0; i < out.length; i++) {
    let max = -Infinity;
    for (const m of members) max = Math.max(max, m[i] as number);
    let sum = 0;
    for (const m of members) sum += Math.exp((m[i] as number) - max);
    out[i] = max + Math.log(sum / members.length);
  }
  return out;
}

/**
 * Trains family `f` on `labels` (images [0, labels.length)) and returns log-probabilities for images
 * [labels.length, end). Leaves no tensors behind.
 */
export function trainAndPredict(
  f: FamilySpec,
  images: LabelledImages,
  labels: Uint8Array,
  end: number,
  signal?: AbortSignal,
): Promise<ArrayLike<number>> {
  if (labels.length < 1 || end <= labels.length || end > images.count)
    throw new RangeError(`trainAndPredict: ${labels.length} labels, end ${end}`);
  return f.kind === "tfjs" ? tfjsPredict(f, images, labels, end, signal) : netPredict(f, images, labels, end, signal);
}

/** An expert that trains afresh for every block. */
export function trainingExpert(f: FamilySpec, images: LabelledImages): Expert {
  return { name: familyKey(f), predict: (labels, _start, end, signal) => trainAndPredict(f, images, labels, end, signal) };
}
