import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { measureReferenceFit } from "../../bench/lib/reference-fit.ts";
import { LOGISTIC, PYTORCH_2017_CNN } from "../../src/lib/train/arch.ts";
import type { LabelledImages } from "../../src/lib/train/batch.ts";

function images(count: number): LabelledImages {
  const pixels = Uint8Array.from({ length: count * 784 }, (_, i) => (i * 7919) % 256);
  return { count, rows: 28, cols: 28, pixels, labels: Uint8Array.from({ length: count }, (_, i) => i % 10) };
}

describe("measureReferenceFit (model.fit as tfjs-examples trains)", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("fits exactly warm-up + timed batches and leaves no tensor behind", async () => {
    const before = tf.memory().numTensors;
    const t = await measureReferenceFit(LOGISTIC, images(40), { batchSize: 8, batches: 3, warmup: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(t).toMatchObject({ batches: 3, batchSize: 8, backend: "cpu" });
    expect(t.imagesPerSecond).toBeGreaterThan(0);
    expect(t.imagesPerSecond).toBeCloseTo((3 * 8) / (t.msPerBatch * 3e-3), 6);
  });

  it("trains the CNN too (the backend's stock kernels) and refuses to run short of images", async () => {
    const before = tf.memory().numTensors;
    await expect(measureReferenceFit(PYTORCH_2017_CNN, images(4), { batchSize: 2, batches: 1, warmup: 1 })).resolves.toMatchObject({
      batches: 1,
    });
    expect(tf.memory().numTensors).toBe(before);
    await expect(measureReferenceFit(LOGISTIC, images(10), { batchSize: 8, batches: 1, warmup: 1 })).rejects.toThrow(/need 16 images/);
  });
});
