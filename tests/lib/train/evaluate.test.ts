import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { mlp } from "../../../src/lib/train/arch.ts";
import { buildModel } from "../../../src/lib/train/build.ts";
import { MNIST_MEAN, MNIST_STD } from "../../../src/lib/train/batch.ts";
import { evaluate, summarise } from "../../../src/lib/train/evaluate.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("summarise", () => {
  it("counts a confusion matrix with truth in rows", () => {
    const e = summarise([0, 1, 2, 2, 9], Uint8Array.from([0, 2, 2, 1, 9]), 5);
    expect(e.correct).toBe(3);
    expect(e.accuracy).toBe(0.6);
    expect(e.loss).toBe(1);
    expect(e.misclassified).toEqual([1, 3]);
    expect(e.confusion[1]?.[2]).toBe(1);
    expect(e.confusion[2]?.[1]).toBe(1);
    expect(e.confusion[2]?.[2]).toBe(1);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe("evaluate", () => {
  const test = loadMnistNode().test;
  const n = 700;

  /** The same figures computed the long way: one predict over all images, then plain loops. */
  function reference(model: tf.LayersModel, labels: Uint8Array) {
    return tf.tidy(() => {
      const x = tf
        .tensor(test.pixels.subarray(0, n * 784), [n, 784], "float32")
        .div(255)
        .sub(MNIST_MEAN)
        .div(MNIST_STD);
      const logits = model.predict(x) as tf.Tensor2D;
      const logp = tf.logSoftmax(logits).arraySync();
      const pred = logits.argMax(1).arraySync() as number[];
      let loss = 0;
      for (let i = 0; i < n; i++) loss -= logp[i]?.[labels[i] as number] as number;
      return { loss: loss / n, pred };
    });
  }

  it("matches a direct computation, in batches that do not divide the set", async () => {
    const model = buildModel(mlp(20), 4);
    const start = tf.memory().numTensors;
    const e = await evaluate(model, mlp(20), test, { count: n, batchSize: 300 });
    expect(tf.memory().numTensors).toBe(start);
    const ref = reference(model, test.labels);
    expect(e.count).toBe(n);
    expect(Array.from(e.predictions)).toEqual(ref.pred);
    expect(e.loss).toBeCloseTo(ref.loss, 5);
    const correct = ref.pred.filter((p, i) => p === test.labels[i]).length;
    expect(e.correct).toBe(correct);
    expect(e.misclassified).toEqual(ref.pred.flatMap((p, i) => (p === test.labels[i] ? [] : [i])));
    model.dispose();
  });

  it("scores against substitute labels", async () => {
    const model = buildModel(mlp(20), 4);
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
    const e = await evaluate(model, mlp(20), test, { count: n, labels });
    expect(e.correct).toBe(Array.from(e.predictions).filter((p, i) => p === i % 10).length);
    expect(e.loss).toBeCloseTo(reference(model, labels).loss, 5);
    model.dispose();
  });

  it("stops when aborted, leaving no tensors", async () => {
    const model = buildModel(mlp(20), 4);
    const start = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(evaluate(model, mlp(20), test, { signal: controller.signal })).rejects.toThrow("stop");
    expect(tf.memory().numTensors).toBe(start);
    model.dispose();
  });
});
