import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { quantizeNetwork, scoreExport, type CellData } from "../../../src/lib/frontier/cell.ts";
import { logitsOf, softmax } from "../../../src/lib/frontier/forward.ts";
import { decodeModelFile, encodeModelFile, networkOf } from "../../../src/lib/frontier/model-file.ts";
import { parseNetKey, tensorSpecs, type NetSpec } from "../../../src/lib/frontier/net.ts";
import { dequantize, quantizeTensor, stepValue } from "../../../src/lib/frontier/quantize.ts";
import {
  BN_EPSILON,
  bitsFor,
  fakeQuantize,
  foldBatchNorm,
  forwardLogits,
  initialWeights,
  trainSmall,
  type EpochReport,
  type SmallRecipe,
} from "../../../src/lib/frontier/train-small.ts";
import { createRng } from "../../../src/lib/random.ts";
import { onCpuAndWasm, relativeError, useWasm } from "../train/helpers.ts";

const mnist = loadMnistNode();
const train = { pixels: mnist.train.pixels, labels: mnist.train.labels, count: 512 };
const SPEC = parseNetKey("c4k5p4-flat");
const RECIPE: SmallRecipe = {
  epochs: 2,
  batchSize: 32,
  schedule: { kind: "constant", lr: 0.01 },
  augmentation: { shift: 1, rotate: 5, scale: 0.05 },
  qat: null,
  weightDecay: 1e-4,
  batchNorm: false,
  seed: 3,
};

beforeAll(useWasm);

/** Mean cross-entropy of float weights on images [0, n) of the training set, by the pure-JS forward pass. */
function meanLoss(spec: NetSpec, weights: readonly Float32Array[], n: number): number {
  const net = { spec, weights: weights.map((w) => Float64Array.from(w)) };
  let sum = 0;
  for (let i = 0; i < n; i++)
    sum -= Math.log(softmax(logitsOf(net, mnist.train.pixels.subarray(i * 784, (i + 1) * 784)))[mnist.train.labels[i]!]!);
  return sum / n;
}

/** The values with -0 turned into 0. */
function unsigned(a: ArrayLike<number>): number[] {
  return Array.from(a, (v) => v + 0);
}

describe("fakeQuantize", () => {
  const rng = createRng(21);
  const tensors = Array.from({ length: 16 }, (_, k) =>
    Float32Array.from({ length: 50 + 37 * k }, () => rng.normal() * 2 ** (-6 + (k % 9))),
  );

  it("forward equals dequantize(quantizeTensor(...)) at every bit width, on cpu and wasm", async () => {
    for (let bits = 2; bits <= 9; bits++) {
      const [cpu, wasm] = await onCpuAndWasm(() => tensors.map((w) => tf.tidy(() => fakeQuantize(tf.tensor(w), bits))));
      tensors.forEach((w, i) => {
        // Compared as numbers (tf rounds small negatives to -0, the file holds the integer 0: the same weight).
        const file = unsigned(Float32Array.from(dequantize(quantizeTensor(w, bits))));
        expect(unsigned(cpu[i]!), `cpu, ${bits} bits, tensor ${i}`).toEqual(file);
        expect(unsigned(wasm[i]!), `wasm, ${bits} bits, tensor ${i}`).toEqual(file);
      });
    }
  });

  it("its gradient is exactly dy (straight-through), on cpu and wasm", async () => {
    for (const bits of [2, 4, 8]) {
      const [cpu, wasm] = await onCpuAndWasm(() =>
        tensors.slice(0, 6).map((w, i) =>
          tf.tidy(() => {
            const dy = tf.tensor(Float32Array.from(w, (_, j) => Math.sin(j + i) * 3));
            return tf.grad((x: tf.Tensor) => fakeQuantize(x, bits))(tf.tensor(w), dy);
          }),
        ),
      );
      tensors.slice(0, 6).forEach((w, i) => {
        const dy = Float32Array.from(w, (_, j) => Math.sin(j + i) * 3);
        expect(cpu[i]).toEqual(dy);
        expect(wasm[i]).toEqual(dy);
      });
    }
  });

  it("uses the file's step and levels (quantizeTensor), including clipping, and maps zeros to zeros", () => {
    const w = tf.tensor([0.3, -1, 0.05]);
    const file = Array.from(dequantize(quantizeTensor([0.3, -1, 0.05], 4)));
    const fq = tf.tidy(() => fakeQuantize(w, 4));
    expect(Array.from(fq.dataSync())).toEqual(file);
    const zero = tf.zeros([3]);
    const fz = fakeQuantize(zero, 4);
    expect(Array.from(fz.dataSync()).map(Math.abs)).toEqual([0, 0, 0]);
    tf.dispose([w, fq, zero, fz]);
  });

  // The trainer rounds as the file does (Math.round: halves up), not as tf.round (halves to even).
  it("agrees with the file at exact half steps", async () => {
    const w = [7, -7, 6, -6, 5, -5, 2.5, -2.5, 0.5, 1.5, -1.5, 3.5, 4, -4]; // 4 bits; step 1 is the least-error one
    const t = quantizeTensor(w, 4);
    expect(stepValue(t.step)).toBe(1);
    const file = Array.from(dequantize(t));
    expect(unsigned(file)).toEqual([7, -7, 6, -6, 5, -5, 3, -2, 1, 2, -1, 4, 4, -4]);
    const [cpu, wasm] = await onCpuAndWasm(() => tf.tidy(() => fakeQuantize(tf.tensor(w), 4)));
    expect(unsigned(cpu[0]!)).toEqual(unsigned(file));
    expect(unsigned(wasm[0]!)).toEqual(unsigned(file));
  });
});

describe("initialWeights", () => {
  const spec = parseNetKey("c6k3p2-s8k5-flat-20");

  it("is deterministic per seed, differs between seeds, and has zero biases", () => {
    const a = initialWeights(spec, 1);
    expect(initialWeights(spec, 1)).toEqual(a);
    const b = initialWeights(spec, 2);
    const specs = tensorSpecs(spec);
    a.forEach((w, i) => {
      expect(w.length).toBe(specs[i]!.shape.reduce((x, y) => x * y, 1));
      if (specs[i]!.bias) {
        expect(w.every((v) => v === 0)).toBe(true);
      } else {
        expect(w).not.toEqual(b[i]);
      }
    });
  });

  it("is He-uniform: |w| <= sqrt(6 / fan-in), with fan-in k*k*in (conv), k*k (depthwise), in (pointwise, dense)", () => {
    const w = initialWeights(spec, 4);
    // 28 -> 26 -> 13 -> 9 (k5): 9 * 9 * 8 = 648 units.
    const fanIns: Record<string, number> = {
      "conv1.weight": 9,
      "sep2.depthwise": 25,
      "sep2.pointwise": 6,
      "fc1.weight": 648,
      "fc2.weight": 20,
    };
    tensorSpecs(spec).forEach((t, i) => {
      if (t.bias) return;
      const bound = Math.sqrt(6 / fanIns[t.name]!);
      const values = w[i]!;
      const maxAbs = Math.max(...Array.from(values, Math.abs));
      expect(maxAbs, t.name).toBeLessThanOrEqual(bound);
      expect(maxAbs, t.name).toBeGreaterThan(bound * 0.7); // the range is used
      if (values.length > 1000) {
        // Uniform on [-b, b]: mean 0, variance b^2 / 3.
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const variance = values.reduce((s, v) => s + v * v, 0) / values.length;
        expect(Math.abs(mean)).toBeLessThan(bound * 0.05);
        expect(variance / ((bound * bound) / 3)).toBeGreaterThan(0.95);
        expect(variance / ((bound * bound) / 3)).toBeLessThan(1.05);
      }
    });
  });
});

describe("foldBatchNorm", () => {
  it("folded weights without batch norm give the logits of the unfolded net with batch norm (same moments)", () => {
    // TF (the active backend) normalises with the batch moments; the pure-JS forward pass runs the folded weights.
    for (const key of ["c3k3p2-s5k3-gap-8", "c4k3s-flat"]) {
      const spec = parseNetKey(key);
      const specs = tensorSpecs(spec);
      const rng = createRng(31);
      const weights = initialWeights(spec, 6).map((w, i) => (specs[i]!.bias ? w.map(() => 0.1 * rng.normal()) : w));
      const bn = spec.convs.map((l) => ({
        gamma: Float32Array.from({ length: l.filters }, () => 0.5 + rng.next()),
        beta: Float32Array.from({ length: l.filters }, () => 0.2 * rng.normal()),
      }));
      const n = 24;
      const x = Float32Array.from(mnist.test.pixels.subarray(0, n * 784), (p) => p / 255);
      const moments: { mean: Float32Array; variance: Float32Array }[] = [];
      const withBn = tf.tidy(() => {
        const ws = weights.map((w, i) => tf.tensor(w, specs[i]!.shape));
        const vars = bn.map((b) => ({ gamma: tf.tensor1d(b.gamma), beta: tf.tensor1d(b.beta) }));
        const logits = forwardLogits(spec, ws, tf.tensor4d(x, [n, 28, 28, 1]), vars, (i, mean, variance) => {
          moments[i] = { mean: Float32Array.from(mean.dataSync()), variance: Float32Array.from(variance.dataSync()) };
        });
        return logits.dataSync() as Float32Array;
      });
      expect(moments.length).toBe(spec.convs.length);
      const folded = foldBatchNorm(spec, weights, bn, moments);
      // Inputs are not modified.
      expect(folded[0]).not.toEqual(weights[0]);
      const net = { spec, weights: folded.map((w) => Float64Array.from(w)) };
      const js = new Float64Array(n * 10);
      for (let i = 0; i < n; i++) js.set(logitsOf(net, mnist.test.pixels.subarray(i * 784, (i + 1) * 784)), i * 10);
      expect(relativeError(js, withBn), key).toBeLessThan(1e-5);
      // And by hand for one channel of the first layer: a = gamma / sqrt(var + eps), b' = (b - mean) a + beta.
      const a = bn[0]!.gamma[0]! / Math.sqrt(moments[0]!.variance[0]! + BN_EPSILON);
      const biasIndex = spec.convs[0]!.kind === "sep" ? 2 : 1;
      expect(folded[biasIndex]![0]).toBeCloseTo((weights[biasIndex]![0]! - moments[0]!.mean[0]!) * a + bn[0]!.beta[0]!, 6);
    }
  });
});

describe("trainSmall (wasm)", () => {
  for (const batchNorm of [false, true])
    it(`is bit-for-bit repeatable with the same seed, reports each epoch, and lowers the loss${batchNorm ? " (batch norm, folded at the end)" : ""}`, async () => {
      await useWasm();
      const reports: EpochReport[][] = [[], []];
      const recipe = { ...RECIPE, batchNorm };
      const first = await trainSmall(SPEC, train, recipe, (r) => void reports[0]!.push(r));
      const second = await trainSmall(SPEC, train, recipe, (r) => void reports[1]!.push(r));
      expect(second).toEqual(first);
      expect(reports[0]!.map((r) => [r.epoch, r.epochs, r.loss])).toEqual(reports[1]!.map((r) => [r.epoch, r.epochs, r.loss]));
      expect(reports[0]!.map((r) => r.epoch)).toEqual([1, 2]);
      const other = await trainSmall(SPEC, train, { ...recipe, seed: 4 });
      expect(other).not.toEqual(first);
      // The loss, measured independently (pure-JS forward pass, unaugmented images), falls.
      const before = meanLoss(SPEC, initialWeights(SPEC, RECIPE.seed), 512);
      const after = meanLoss(SPEC, first, 512);
      expect(before).toBeGreaterThan(1.8);
      expect(after).toBeLessThan(before - 0.5); // measured 3.16 -> 0.67
      expect(reports[0]![1]!.loss).toBeLessThan(reports[0]![0]!.loss);
    });

  for (const batchNorm of [false, true]) {
    it(`leaves tf.memory().numTensors unchanged, batchNorm ${batchNorm}, with and without QAT`, async () => {
      await useWasm();
      for (const qat of [null, { weightBits: 4, biasBits: 8, fromEpoch: 0 }]) {
        const before = tf.memory().numTensors;
        await trainSmall(SPEC, train, { ...RECIPE, epochs: 1, batchNorm, qat });
        expect(tf.memory().numTensors).toBe(before);
      }
    });
  }

  it("stops when the signal is aborted or onEpoch throws", async () => {
    await useWasm();
    const controller = new AbortController();
    controller.abort(new Error("stop now"));
    await expect(trainSmall(SPEC, train, RECIPE, undefined, controller.signal)).rejects.toThrow("stop now");
    let calls = 0;
    await expect(
      trainSmall(SPEC, train, RECIPE, () => {
        calls++;
        throw new Error("enough");
      }),
    ).rejects.toThrow("enough");
    expect(calls).toBe(1);
  });

  for (const batchNorm of [false, true])
    it(`with qat${batchNorm ? " and batch norm (folded when the quantizer starts)" : ""}, returns weights whose model file decodes to the network it trained, and classifies`, async () => {
      await useWasm();
      const plan = { weightBits: 4, biasBits: 8 };
      const recipe: SmallRecipe = { ...RECIPE, batchNorm, qat: { ...plan, fromEpoch: 1 } };
      const weights = await trainSmall(SPEC, train, recipe);
      expect(await trainSmall(SPEC, train, recipe)).toEqual(weights);
      const specs = tensorSpecs(SPEC);
      // The file: quantize, encode, decode.
      const model = quantizeNetwork(SPEC, weights, plan);
      model.tensors.forEach((t, i) => expect(t.bits).toBe(bitsFor(specs[i]!, plan)));
      const decoded = decodeModelFile(encodeModelFile(model), "qat.bin");
      const net = networkOf(decoded);
      // The network QAT evaluates: the trainer's own fake-quantized forward pass on the same images.
      const n = 16;
      const tfLogits = tf.tidy(() => {
        const x = tf.tensor4d(
          Float32Array.from(mnist.test.pixels.subarray(0, n * 784), (p) => p / 255),
          [n, 28, 28, 1],
        );
        const ws = weights.map((w, i) => fakeQuantize(tf.tensor(w, specs[i]!.shape), bitsFor(specs[i]!, plan)));
        return forwardLogits(SPEC, ws, x).dataSync() as Float32Array;
      });
      const js = new Float64Array(n * 10);
      for (let i = 0; i < n; i++) js.set(logitsOf(net, mnist.test.pixels.subarray(i * 784, (i + 1) * 784)), i * 10);
      expect(relativeError(js, tfLogits)).toBeLessThan(1e-5);
      // Scored through cell.ts on tiny splits: well above chance (10%).
      const split = (s: typeof mnist.train, start: number, end: number) => ({ pixels: s.pixels, labels: s.labels, start, end });
      const data: CellData = {
        train: split(mnist.train, 0, 512),
        validation: split(mnist.train, 512, 1024),
        test: split(mnist.test, 0, 500),
      };
      const scored = scoreExport(SPEC, weights, plan, data);
      expect(scored.params).toBe(104 + 1450);
      expect(scored.trainCount).toBe(512);
      expect(scored.trainErrors).toBeLessThan(512 * 0.5);
      expect(scored.validationAccuracy).toBeGreaterThan(0.4); // measured 0.63 (0.57 with batch norm)
      expect(scored.testAccuracy).toBeGreaterThan(0.4); // measured 0.65
      const bytes = Uint8Array.from(atob(scored.file), (c) => c.charCodeAt(0));
      expect(bytes.length * 8).toBe(scored.fileBits);
      expect(decodeModelFile(bytes, "b64.bin")).toEqual(decoded);
    });
});
