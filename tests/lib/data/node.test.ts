import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classCounts, firstOfEachClass, imageAt } from "../../../src/lib/data/mnist.ts";
import { loadMnistNode, mnistSourceDir } from "../../../src/lib/data/node.ts";
import { summarizeMnist } from "../../../src/lib/data/summary.ts";

/** Counts and sums computed from the raw files by hand (fixed header offsets), independent of src/lib/data. */
function rawLabels(file: string): Buffer {
  return readFileSync(join(mnistSourceDir(), file)).subarray(8);
}

describe("loadMnistNode on the real files", () => {
  const mnist = loadMnistNode();

  it("has 60,000 training and 10,000 test images of 28×28 as Uint8Array", () => {
    expect(mnist.train.count).toBe(60_000);
    expect(mnist.test.count).toBe(10_000);
    expect(mnist.train.rows).toBe(28);
    expect(mnist.train.cols).toBe(28);
    expect(mnist.train.pixels).toBeInstanceOf(Uint8Array);
    expect(mnist.train.pixels.length).toBe(60_000 * 784);
    expect(mnist.test.labels.length).toBe(10_000);
  });

  it("class counts agree with a direct count of the raw label bytes", () => {
    for (const [split, file] of [
      ["train", "train-labels-idx1-ubyte"],
      ["test", "t10k-labels-idx1-ubyte"],
    ] as const) {
      const raw = rawLabels(file);
      const byHand = Array.from({ length: 10 }, (_, d) => raw.filter((y) => y === d).length);
      expect(classCounts(mnist[split].labels)).toEqual(byHand);
      expect(byHand.reduce((a, b) => a + b)).toBe(mnist[split].count);
    }
  });

  it("pixels are the raw file bytes after the 16-byte header", () => {
    const raw = readFileSync(join(mnistSourceDir(), "train-images-idx3-ubyte"));
    expect(createHash("sha256").update(raw.subarray(16)).digest("hex")).toBe(createHash("sha256").update(mnist.train.pixels).digest("hex"));
    expect([...imageAt(mnist.train, 59_999)]).toEqual([...raw.subarray(16 + 59_999 * 784)]);
  });

  it("the sample for the dataset card holds the first two images of each class, one row per rank, one column per digit", () => {
    const summary = summarizeMnist(mnist, 2);
    const raw = rawLabels("train-labels-idx1-ubyte");
    const firsts = Array.from({ length: 10 }, (_, d) => raw.indexOf(d));
    const seconds = firsts.map((i, d) => raw.indexOf(d, i + 1));
    const expected = [...firsts, ...seconds];
    expect(summary.samples.indices).toEqual(expected);
    expect(firstOfEachClass(mnist.train.labels, 2)).toEqual(firsts.flatMap((f, d) => [f, seconds[d]]));
    expect(summary.samples.labels).toEqual(expected.map((i) => raw[i]));
    expect([...summary.samples.pixels.subarray(784, 1568)]).toEqual([...imageAt(mnist.train, expected[1]!)]);
  });
});
