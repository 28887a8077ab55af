import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { classCounts } from "../../../src/lib/data/mnist.ts";
import { LOGISTIC, PYTORCH_2017_CNN, mlp, paramCount, smallCnn } from "../../../src/lib/train/arch.ts";
import { learningRateAt } from "../../../src/lib/train/schedule.ts";
import { train, trainingLabels, type BatchStats, type TrainConfig } from "../../../src/lib/train/train.ts";
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from "../../../src/lib/train/wasm-kernels.ts";
import { useWasm } from "./helpers.ts";

const mnist = loadMnistNode();

beforeAll(useWasm);

const quick = (over: Partial<TrainConfig>): TrainConfig => ({
  arch: mlp(16),
  seed: 1,
  epochs: 1,
  batchSize: 50,
  optimizer: { kind: "adam" },
  schedule: { kind: "constant", lr: 0.01 },
  trainSubset: 500,
  testSubset: 500,
  ...over,
});

describe("trainingLabels", () => {
  const truth = mnist.train.labels;
  const n = 10_000;

  it("uses the true labels by default", () => {
    expect(trainingLabels(undefined, truth, n)).toEqual(truth.subarray(0, n));
    expect(trainingLabels({ kind: "true" }, truth, 5)).toEqual(truth.subarray(0, 5));
  });

  it("shuffled: permutes the labels, keeping each class's count, seeded", () => {
    const a = trainingLabels({ kind: "shuffled", seed: 3 }, truth, n);
    expect(classCounts(a)).toEqual(classCounts(truth.subarray(0, n)));
    const kept = a.filter((y, i) => y === truth[i]).length / n;
    expect(kept).toBeGreaterThan(0.07); // chance agreement is sum of squared class shares, about 0.1
    expect(kept).toBeLessThan(0.13);
    expect(trainingLabels({ kind: "shuffled", seed: 3 }, truth, n)).toEqual(a);
    expect(trainingLabels({ kind: "shuffled", seed: 4 }, truth, n)).not.toEqual(a);
  });

  it("random: uniform labels independent of the images", () => {
    const a = trainingLabels({ kind: "random", seed: 3 }, truth, n);
    // Each class count is Binomial(10000, 0.1): sd 30; 5 sd either side.
    for (const c of classCounts(a)) expect(Math.abs(c - 1000)).toBeLessThan(150);
    const kept = a.filter((y, i) => y === truth[i]).length / n;
    expect(Math.abs(kept - 0.1)).toBeLessThan(0.015);
    expect(trainingLabels({ kind: "random", seed: 3 }, truth, n)).toEqual(a);
  });

  it("given: takes the caller's labels, and refuses too few", () => {
    const given = Uint8Array.from({ length: 20 }, (_, i) => i % 10);
    expect(trainingLabels({ kind: "given", labels: given }, truth, 20)).toEqual(given);
    expect(() => trainingLabels({ kind: "given", labels: given }, truth, 21)).toThrow(/20 for 21/);
  });
});

describe("train", () => {
  it("trains logistic regression on 5,000 images past 85% test accuracy, reporting as it goes", async () => {
    const start = tf.memory().numTensors;
    const batches: BatchStats[] = [];
    const epochs: number[] = [];
    const config = quick({ arch: LOGISTIC, epochs: 2, batchSize: 100, trainSubset: 5_000 });
    delete config.testSubset;
    const result = await train(config, mnist, {
      onBatch: (s) => batches.push(s),
      onEpoch: (s) => epochs.push(s.test?.accuracy ?? NaN),
    });
    expect(tf.memory().numTensors).toBe(start);
    expect(result.test?.count).toBe(10_000);
    expect(result.test?.accuracy).toBeGreaterThan(0.85);
    expect(epochs).toHaveLength(2);
    expect(epochs[1]).toBe(result.test?.accuracy);
    expect(result.paramCount).toBe(7_850);
    expect(result.backend).toBe("wasm");
    expect(result.weights.map((w) => w.shape)).toEqual([[784, 10], [10]]);
    expect(batches).toHaveLength(100);
    expect(batches.map((b) => b.batchesDone)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(batches[99]).toMatchObject({ epoch: 2, batch: 50, batchesPerEpoch: 50, totalBatches: 100 });
    expect(batches.every((b) => b.imagesPerSecond > 0 && b.accuracy >= 0 && b.accuracy <= 1)).toBe(true);
    expect(batches[99]!.loss).toBeLessThan(batches[0]!.loss);
    // The confusion matrix accounts for every test image; the misclassified list for every error.
    const confusion = result.test?.confusion ?? [];
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(confusion.reduce((s, row, i) => s + (row[i] ?? 0), 0)).toBe(result.test?.correct);
    expect(result.test?.misclassified).toHaveLength(10_000 - (result.test?.correct ?? 0));
  });

  it("follows the learning-rate schedule batch by batch", async () => {
    const schedule = { kind: "oneCycle", maxLr: 0.02 } as const;
    const rates: number[] = [];
    await train(quick({ schedule, epochs: 2 }), mnist, { onBatch: (s) => rates.push(s.learningRate) });
    expect(rates).toEqual(rates.map((_, i) => learningRateAt(schedule, i, 20, 10)));
  });

  it("repeats bit for bit with the same seed on wasm, conv kernels included, and differs with another", async () => {
    for (const arch of [mlp(32), smallCnn(2)]) {
      const config = quick({ arch, trainSubset: 300, testSubset: 100 });
      const [a, b, c] = [await train(config, mnist), await train(config, mnist), await train({ ...config, seed: 2 }, mnist)];
      expect(b.weights).toEqual(a.weights);
      expect(b.epochs[0]?.trainLoss).toBe(a.epochs[0]?.trainLoss);
      expect(c.weights[0]?.values).not.toEqual(a.weights[0]?.values);
    }
  });

  it("repeats bit for bit on cpu too", async () => {
    await tf.setBackend("cpu");
    try {
      const config = quick({ arch: mlp(8), trainSubset: 200, testSubset: 100 });
      const [a, b] = [await train(config, mnist), await train(config, mnist)];
      expect(a.backend).toBe("cpu");
      expect(b.weights).toEqual(a.weights);
    } finally {
      await useWasm();
    }
  });

  it("trains the 21,840-parameter network on wasm on a small slice", async () => {
    const start = tf.memory().numTensors;
    const config = quick({
      arch: PYTORCH_2017_CNN,
      batchSize: 32,
      trainSubset: 2_000,
      testSubset: 1_000,
      schedule: { kind: "oneCycle", maxLr: 0.01 },
    });
    const result = await train(config, mnist);
    expect(result.paramCount).toBe(paramCount(PYTORCH_2017_CNN));
    expect(result.test?.accuracy).toBeGreaterThan(0.8);
    expect(tf.memory().numTensors).toBe(start);
  });

  it("fits random labels on a small set (memorisation) and scores them on the training set", async () => {
    const config = quick({
      arch: mlp(128),
      trainSubset: 100,
      batchSize: 25,
      epochs: 40,
      labels: { kind: "random", seed: 9 },
      evaluateTrain: true,
      evaluateEachEpoch: false,
    });
    const result = await train(config, mnist);
    expect(result.epochs.filter((e) => e.test !== undefined)).toHaveLength(1);
    expect(result.train?.count).toBe(100);
    expect(result.train?.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(result.test?.accuracy).toBeLessThan(0.25); // nothing about digits was learnt
  });

  describe("stops cleanly", () => {
    it("within one batch of an abort from a callback", async () => {
      const start = tf.memory().numTensors;
      const controller = new AbortController();
      let seen = 0;
      const run = train(
        quick({}),
        mnist,
        {
          onBatch: (s) => {
            seen = s.batchesDone;
            if (s.batchesDone === 3) controller.abort(new Error("cancelled"));
          },
        },
        controller.signal,
      );
      await expect(run).rejects.toThrow("cancelled");
      expect(seen).toBe(3);
      expect(tf.memory().numTensors).toBe(start);
    });

    it("within one batch of an abort from another task (a worker's message handler)", async () => {
      const start = tf.memory().numTensors;
      const controller = new AbortController();
      let done = 0;
      let atAbort = -1;
      const run = train(
        quick({ arch: smallCnn(4), epochs: 50, batchSize: 10 }),
        mnist,
        {
          onBatch: (s) => {
            done = s.batchesDone;
            if (done === 2) {
              setTimeout(() => {
                atAbort = done;
                controller.abort();
              }, 0);
            }
          },
        },
        controller.signal,
      );
      await expect(run).rejects.toMatchObject({ name: "AbortError" });
      expect(atAbort).toBeGreaterThanOrEqual(2);
      expect(done - atAbort).toBeLessThanOrEqual(1);
      expect(tf.memory().numTensors).toBe(start);
    });

    it("before starting, if already aborted", async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(train(quick({}), mnist, {}, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    });

    it("when a callback throws", async () => {
      const start = tf.memory().numTensors;
      const run = train(quick({}), mnist, {
        onEpoch: () => {
          throw new Error("page gone");
        },
      });
      await expect(run).rejects.toThrow("page gone");
      expect(tf.memory().numTensors).toBe(start);
    });

    it("when a gradient kernel is missing, releasing what the tape saved", async () => {
      unregisterWasmTrainingKernels();
      try {
        const start = tf.memory().numTensors;
        await expect(train(quick({ arch: smallCnn(1) }), mnist)).rejects.toThrow(/Conv2DBackpropFilter/);
        expect(tf.memory().numTensors).toBe(start);
      } finally {
        registerWasmTrainingKernels();
      }
    });

    it("rejects nonsense configurations", async () => {
      await expect(train(quick({ epochs: 0 }), mnist)).rejects.toThrow(/epochs/);
      await expect(train(quick({ batchSize: 1.5 }), mnist)).rejects.toThrow(/batchSize/);
      await expect(train(quick({ trainSubset: 0 }), mnist)).rejects.toThrow(/empty/);
    });
  });
});
