import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { PYTORCH_2017_CNN, layerParams, mlp, smallCnn } from "../../../src/lib/train/arch.ts";
import { batchShape, buildModel, modelFromWeights, readWeights } from "../../../src/lib/train/build.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function weightsOf(arch: Parameters<typeof buildModel>[0], seed: number) {
  const model = buildModel(arch, seed);
  const w = readWeights(model);
  model.dispose();
  return w;
}

describe("buildModel", () => {
  it("starts from the same weights for the same seed, and different ones otherwise", () => {
    const a = weightsOf(PYTORCH_2017_CNN, 7);
    const b = weightsOf(PYTORCH_2017_CNN, 7);
    const c = weightsOf(PYTORCH_2017_CNN, 8);
    expect(a.map((w) => Array.from(w.values))).toEqual(b.map((w) => Array.from(w.values)));
    for (let i = 0; i < a.length; i++) expect(a[i]?.values).not.toEqual(c[i]?.values);
  });

  it("gives same-shaped layers different initial weights", () => {
    const [w1, , w2] = weightsOf(mlp(16, 16), 1).slice(2);
    expect(w1?.shape).toEqual([16, 16]);
    expect(w2?.shape).toEqual([16, 10]);
    const [, , h1, , h2] = weightsOf(mlp(16, 16, 16), 1);
    expect(h1?.shape).toEqual(h2?.shape);
    expect(h1?.values).not.toEqual(h2?.values);
  });

  it("draws weights and biases from PyTorch's U(-1/sqrt(fan_in), 1/sqrt(fan_in))", () => {
    const weights = weightsOf(PYTORCH_2017_CNN, 3);
    const fanIns = [25, 250, 320, 50];
    expect(weights.map((w) => w.shape)).toEqual([[5, 5, 1, 10], [10], [5, 5, 10, 20], [20], [320, 50], [50], [50, 10], [10]]);
    weights.forEach((w, i) => {
      const bound = 1 / Math.sqrt(fanIns[Math.floor(i / 2)] as number);
      const values = Array.from(w.values);
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
      if (values.length >= 250) {
        // Uniform on [-b, b]: mean 0, variance b²/3.
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
        expect(Math.abs(mean)).toBeLessThan(bound * 0.1);
        expect(variance / ((bound * bound) / 3)).toBeCloseTo(1, 0);
      }
    });
  });

  it("lays out parameters as layerParams says", () => {
    const weights = weightsOf(smallCnn(3), 1);
    const sizes = layerParams(smallCnn(3)).flatMap((l) => [l.weights, l.biases]);
    expect(weights.map((w) => w.values.length)).toEqual(sizes);
  });

  it("maps images to 10 logits, for CNNs and flat networks", () => {
    for (const arch of [PYTORCH_2017_CNN, mlp(8)]) {
      const model = buildModel(arch, 1);
      const y = tf.tidy(() => model.predict(tf.zeros(batchShape(arch, 3))) as tf.Tensor);
      expect(y.shape).toEqual([3, 10]);
      y.dispose();
      model.dispose();
    }
  });

  it("rebuilds a model from its weights and leaves no tensors behind", () => {
    const start = tf.memory().numTensors;
    const model = buildModel(PYTORCH_2017_CNN, 5);
    const weights = readWeights(model);
    const copy = modelFromWeights(PYTORCH_2017_CNN, weights);
    const x = tf.randomUniform(batchShape(PYTORCH_2017_CNN, 2), 0, 1, "float32", 1);
    const outputs = [model, copy].map((m) => m.predict(x) as tf.Tensor);
    const [a, b] = outputs.map((t) => Array.from(t.dataSync()));
    expect(b).toEqual(a);
    tf.dispose(outputs);
    // readWeights copies: scribbling on the copy does not touch the model.
    weights[0]?.values.fill(0);
    expect(Array.from(readWeights(model)[0]?.values ?? []).some((v) => v !== 0)).toBe(true);
    expect(() => modelFromWeights(PYTORCH_2017_CNN, weights.slice(1))).toThrow(/expected 8/);
    tf.dispose([x]);
    model.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe("readWeights", () => {
  it("names weights the PyTorch way, the same in every run", () => {
    const names = ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"];
    expect(weightsOf(PYTORCH_2017_CNN, 1).map((w) => w.name)).toEqual(names);
    expect(weightsOf(PYTORCH_2017_CNN, 1).map((w) => w.name)).toEqual(names);
    expect(weightsOf(mlp(5), 1).map((w) => w.name)).toEqual(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]);
  });
});
