/**
 * Generated IDX files for the own-data island (chapter 5), shared by its spec and the every-demo flows: a learnable
 * dataset of another image size than MNIST's, gzip-compressed or not, and the steps that hand files to the island.
 */
import { gzipSync } from "node:zlib";
import type { Locator } from "@playwright/test";
import { encodeIdx } from "../../src/lib/data/idx.ts";
import { createRng } from "../../src/lib/random.ts";

/** The smallest budget, so a run takes seconds: 1,000 labels by logistic regression, one network for one epoch. */
export const FAST = "own.labels=1000&own.cnn=false&own.train=1000&own.nets=1&own.epochs=1&own.scored=1000";

export type Payload = { name: string; mimeType: string; buffer: Buffer };

/**
 * A learnable dataset of another size: each class is a bright square at its own place on a `side`×`side` grid, with
 * seeded noise, so the networks (which see it resampled to 28×28) have something to find.
 */
function squares(count: number, side: number, seed: number): { images: Uint8Array; labels: Uint8Array } {
  const rng = createRng(seed);
  const images = new Uint8Array(count * side * side);
  const labels = new Uint8Array(count);
  const cell = Math.floor(side / 4);
  for (let i = 0; i < count; i++) {
    const k = rng.int(10);
    labels[i] = k;
    const [r0, c0] = [Math.floor(k / 4) * cell, (k % 4) * cell];
    for (let p = 0; p < side * side; p++) images[i * side * side + p] = rng.int(60);
    for (let r = r0; r < r0 + cell; r++) for (let c = c0; c < c0 + cell; c++) images[i * side * side + r * side + c] = 255;
  }
  return { images, labels };
}

export const payload = (name: string, bytes: Uint8Array, gzip = name.endsWith(".gz")): Payload => ({
  name,
  mimeType: "application/octet-stream",
  buffer: Buffer.from(gzip ? gzipSync(bytes) : bytes),
});

export function squareFiles(side = 20) {
  const train = squares(1_200, side, 1);
  const test = squares(300, side, 2);
  return {
    trainImages: payload("train-images-idx3-ubyte.gz", encodeIdx([1_200, side, side], train.images)),
    trainLabels: payload("train-labels-idx1-ubyte", encodeIdx([1_200], train.labels)),
    testImages: payload("t10k-images-idx3-ubyte", encodeIdx([300, side, side], test.images)),
    testLabels: payload("t10k-labels-idx1-ubyte.gz", encodeIdx([300], test.labels)),
    train,
  };
}

export async function choose(card: Locator, files: Partial<Record<string, Payload>>): Promise<void> {
  for (const [role, file] of Object.entries(files)) {
    if (file !== undefined) await card.locator(`input[type=file][data-role="${role}"]`).setInputFiles(file);
  }
}
