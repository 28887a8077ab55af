import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import type { Mnist, Split } from "../../../src/lib/data/mnist.ts";
import { SWEEP_LABELS, SWEEP_MODELS } from "../../../src/lib/datasets/budgets.ts";
import { datasetById } from "../../../src/lib/datasets/catalog.ts";
import { measureImages, measureLabels, measureModels, repeatTo28 } from "../../../src/lib/datasets/measure.ts";
import { labelPlan, modelPlan, OWN_DEFAULTS } from "../../../src/lib/datasets/own-budget.ts";
import { parseDatasetsFile } from "../../../src/lib/datasets/results.ts";
import { useWasm } from "../train/helpers.ts";

const sweep = parseDatasetsFile(readFileSync("content/data/datasets.json", "utf8"), "datasets.json");

/** The first `n` images of a split. */
function head(s: Split, n: number): Split {
  const size = s.rows * s.cols;
  return { ...s, count: n, pixels: s.pixels.subarray(0, n * size), labels: s.labels.subarray(0, n) };
}

describe("measureImages", () => {
  it("reproduces the sweep's committed image cells (written by the script before this module existed)", async () => {
    const mnist = loadMnistNode();
    for (const id of ["mnist-7x7", "mnist-2-class"]) {
      const committed = sweep.cells.find((c) => c.key === `${id}:images`)?.result;
      expect(await measureImages(datasetById(id).make(mnist))).toEqual(committed);
    }
  });
});

describe("measureLabels and measureModels at a small budget", () => {
  beforeAll(useWasm);
  let small: Mnist;
  beforeAll(() => {
    const m = datasetById("mnist-14x14").make(loadMnistNode());
    small = { train: head(m.train, 600), test: head(m.test, 200) };
  });

  it("codes the first n labels, within a few bits of their ideal length and under the uniform code, leaving no tensors", async () => {
    const before = tf.memory().numTensors;
    const r = await measureLabels(small.train, 10, { ...labelPlan({ ...OWN_DEFAULTS, labels: 1_000 }), n: 400 }, repeatTo28);
    expect(r.n).toBe(400);
    expect(r.blocks.at(-1)?.end).toBe(400);
    expect(r.bitLength).toBeGreaterThanOrEqual(Math.floor(r.idealBits));
    expect(r.bitLength).toBeLessThanOrEqual(r.idealBits + 2);
    // The blocks' ideal lengths add up to the whole but the recipe symbol (one recipe of one costs nothing).
    expect(r.blocks.reduce((s, b) => s + b.bits, 0)).toBeCloseTo(r.idealBits, 6);
    expect(r.bitLength).toBeLessThan(400 * Math.log2(10));
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it("trains on the budget's images, validates on the last sixth, scores every export and stops when cancelled", async () => {
    const plan = { ...modelPlan({ ...OWN_DEFAULTS, nets: 1, epochs: 1, train: 1_000, scored: 1_000 }), trainImages: 300, scoredImages: 50 };
    const before = tf.memory().numTensors;
    const r = await measureModels(small, plan, repeatTo28);
    expect(r.trainEnd).toBe(300);
    expect(r.validation).toBe(50);
    expect(r.files.map((f) => f.weightBits)).toEqual(SWEEP_MODELS.exports.map((e) => e.weightBits));
    expect(r.files.every((f) => f.net === SWEEP_MODELS.nets[0] && f.params === 482)).toBe(true);
    // Accuracies are counts out of 50 scored images.
    for (const f of r.files) expect(Number.isInteger(Math.round(f.validationAccuracy * 50 * 1e6) / 1e6)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(measureModels(small, plan, repeatTo28, { signal: controller.signal })).rejects.toThrow("stop");
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it("the sweep's budget is one setting of the same plan", () => {
    expect(labelPlan({ ...OWN_DEFAULTS, cnn: true, labels: 60_000 }).families).toEqual(SWEEP_LABELS.families);
    expect(modelPlan({ ...OWN_DEFAULTS, nets: 3, epochs: SWEEP_MODELS.epochs }).nets).toEqual(SWEEP_MODELS.nets);
  });
});
