import { describe, expect, it } from "vitest";
import { classCounts } from "../../../src/lib/data/mnist.ts";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { indexBits, labelEntropy, labellingBits } from "../../../src/lib/stats/labels.ts";

describe("label information", () => {
  it("has closed forms on uniform classes", () => {
    expect(labelEntropy(new Array(10).fill(6000))).toBeCloseTo(Math.log2(10), 13);
    expect(labelEntropy([7, 7])).toBe(1);
    expect(labellingBits([3, 3, 3, 3])).toBeCloseTo(24, 12);
    expect(indexBits(1024)).toBe(10);
  });

  it("on the MNIST training labels equals the mean surprisal summed label by label", () => {
    const { labels } = loadMnistNode().train;
    const counts = classCounts(labels);
    let total = 0;
    for (const y of labels) total -= Math.log2((counts[y] as number) / labels.length);
    expect(labellingBits(counts)).toBeCloseTo(total, 6);
    expect(labelEntropy(counts)).toBeCloseTo(total / labels.length, 12);
    expect(labelEntropy(counts)).toBeCloseTo(3.31987, 5);
    expect(labelEntropy(counts)).toBeLessThan(Math.log2(10));
    expect(indexBits(labels.length)).toBeCloseTo(Math.log(60000) / Math.log(2), 12);
  });
});
