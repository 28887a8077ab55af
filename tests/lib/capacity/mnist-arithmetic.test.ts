import { describe, expect, it } from "vitest";
import {
  MACKAY_BITS_PER_WEIGHT,
  capacityArithmetic,
  labellingSummary,
  seedArithmetic,
  weightsToMemorize,
} from "../../../src/lib/capacity/mnist-arithmetic.ts";
import { loadMnistNode } from "../../../src/lib/data/node.ts";

describe("labellingSummary", () => {
  it("matches hand-worked tiny cases", () => {
    const even = labellingSummary(Uint8Array.from([0, 0, 1, 1]), 2);
    expect(even.uniformBits).toBe(4);
    expect(even.entropyBitsPerLabel).toBeCloseTo(1, 15);
    expect(even.classCounts).toEqual([2, 2]);
    // H(3/4, 1/4) = 2 - (3/4) log2 3 = 0.811278...
    const skewed = labellingSummary(Uint8Array.from([0, 0, 0, 1]), 2);
    expect(skewed.entropyBitsPerLabel).toBeCloseTo(2 - 0.75 * Math.log2(3), 14);
    expect(skewed.entropyBits).toBeCloseTo(4 * (2 - 0.75 * Math.log2(3)), 13);
    const four = labellingSummary(Uint8Array.from([0, 1, 2, 3, 3, 2, 1, 0]), 4);
    expect(four.uniformBitsPerLabel).toBe(2);
    expect(four.entropyBits).toBeCloseTo(16, 13);
  });

  it("counts the real MNIST training labels", () => {
    const { labels } = loadMnistNode().train;
    const bits = labellingSummary(labels);
    expect(bits.count).toBe(60_000);
    // N log2 10 in natural logs, independently: 60000 ln 10 / ln 2 = 199,315.69 bits.
    expect(bits.uniformBits).toBeCloseTo((60_000 * Math.log(10)) / Math.log(2), 6);
    // Naive recount per class and entropy in nats, converted.
    let nats = 0;
    for (let c = 0; c < 10; c++) {
      const p = labels.filter((y) => y === c).length / labels.length;
      expect(bits.classCounts[c]).toBe(p * labels.length);
      nats -= p * Math.log(p);
    }
    expect(bits.entropyBitsPerLabel).toBeCloseTo(nats / Math.LN2, 12);
    // MNIST's classes are nearly balanced: H(Y) a little under log2 10.
    expect(bits.entropyBits).toBeLessThan(bits.uniformBits);
    expect(bits.entropyBits).toBeGreaterThan(0.99 * bits.uniformBits);
  });
});

describe("the capacity arithmetic", () => {
  it("redoes the seed's division: 191 bits at 2 bits per neuron gives 95 whole neurons", () => {
    expect(seedArithmetic(191)).toEqual({ bits: 191, bitsPerNeuron: 2, quotient: 95.5, neurons: 95 });
  });

  it("divides bits by 2 bits per weight", () => {
    expect(MACKAY_BITS_PER_WEIGHT).toBe(2);
    expect(weightsToMemorize(1000)).toBe(500);
    expect(weightsToMemorize(9, 3)).toBe(3);
    expect(() => weightsToMemorize(-1)).toThrow(RangeError);
    expect(() => weightsToMemorize(10, 0)).toThrow(RangeError);
  });

  it("puts the seed beside the corrected figures and model sizes given by the caller", () => {
    // Labels 0..9 repeated 100 times: 1000 labels, uniform classes, so both bit counts are 1000 log2 10.
    const labels = Uint8Array.from({ length: 1000 }, (_, i) => i % 10);
    const arithmetic = capacityArithmetic(labels, 191, [
      { name: "logistic regression", parameters: 7850 },
      { name: "tiny", parameters: 100 },
    ]);
    expect(arithmetic.seed.neurons).toBe(95);
    expect(arithmetic.weightsForArbitraryLabels).toBeCloseTo(500 * Math.log2(10), 9);
    expect(arithmetic.weightsForEntropyLabels).toBeCloseTo(500 * Math.log2(10), 9);
    expect(arithmetic.models[0]).toEqual({
      name: "logistic regression",
      parameters: 7850,
      capacityBits: 15_700,
      shareOfLabelling: 15_700 / (1000 * Math.log2(10)),
    });
    expect(arithmetic.models[1]?.shareOfLabelling).toBeCloseTo(200 / (1000 * Math.log2(10)), 12);
  });
});
