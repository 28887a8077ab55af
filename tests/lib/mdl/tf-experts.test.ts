import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { averageProbabilities, epochsFor, familyKey, trainAndPredict, type FamilySpec } from "../../../src/lib/mdl/tf-experts.ts";
import { useWasm } from "../train/helpers.ts";

describe("ensembles and epochs", () => {
  it("average the members' probabilities, not their logits", () => {
    const a = [Math.log(0.9), Math.log(0.1)];
    const b = [Math.log(0.5), Math.log(0.5)];
    const avg = averageProbabilities([a, b]);
    expect(Math.exp(avg[0]!)).toBeCloseTo(0.7, 12);
    expect(Math.exp(avg[1]!)).toBeCloseTo(0.3, 12);
    expect(Array.from(averageProbabilities([a]))).toEqual(a);
    expect(() => averageProbabilities([])).toThrow(RangeError);
  });

  it("a prefix gets at least minEpochs passes and minImages images", () => {
    expect(epochsFor(100, 3, 20_000)).toBe(200);
    expect(epochsFor(50_000, 3, 20_000)).toBe(3);
    expect(epochsFor(3_000, 12, 20_000)).toBe(12);
  });
});

describe("trainAndPredict", () => {
  beforeAll(useWasm);

  const tiny: FamilySpec = {
    kind: "net",
    net: "c4k3p2-c8k3p2-gap",
    seeds: [1, 2],
    minEpochs: 1,
    minImages: 256,
    batchSize: 32,
    maxLr: 0.01,
    augmentation: { shift: 1, rotate: 5, scale: 0.05 },
    weightDecay: 0,
  };

  it("returns normalised log-probabilities for the labels after the prefix, repeats itself, and leaves no tensors", async () => {
    const mnist = loadMnistNode();
    const before = tf.memory().numTensors;
    const labels = mnist.train.labels.slice(0, 128);
    const a = await trainAndPredict(tiny, mnist.train, labels, 160);
    const b = await trainAndPredict(tiny, mnist.train, labels, 160);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.length).toBe(32 * 10);
    expect(Array.from(b)).toEqual(Array.from(a));
    for (let i = 0; i < 32; i++) {
      let sum = 0;
      for (let c = 0; c < 10; c++) sum += Math.exp(a[i * 10 + c] as number);
      expect(sum).toBeCloseTo(1, 5);
    }
    // The labels after the prefix are never read: changing them changes nothing.
    const other = mnist.train.labels.slice();
    other.fill(0, 128);
    const c = await trainAndPredict(tiny, { ...mnist.train, labels: other }, labels, 160);
    expect(Array.from(c)).toEqual(Array.from(a));
    expect(() => trainAndPredict(tiny, mnist.train, labels, 128)).toThrow(RangeError);
  });

  it("names each family by everything that changes its predictions", () => {
    expect(familyKey(tiny)).toBe("c4k3p2-c8k3p2-gap-s1+2-e1-i256-b32-lr0.01-a1,5,0.05-wd0");
    expect(familyKey({ kind: "tfjs", arch: "logistic", maxLr: 0.01, minEpochs: 3, minImages: 20_000, batchSize: 128, seed: 1 })).toBe(
      "logistic-lr0.01-e3-i20000-b128-s1",
    );
  });
});
