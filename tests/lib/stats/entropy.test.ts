import { describe, expect, it } from "vitest";
import {
  binaryEntropy,
  bitsToNats,
  codeLengthBits,
  entropyOfWeights,
  log2SumExp2,
  natsToBits,
  surprisalTerm,
} from "../../../src/lib/stats/entropy.ts";

describe("binaryEntropy", () => {
  // 1 bit for a fair coin and 0 for a certain one.
  it.each([
    [0.5, 1],
    [0, 0],
    [1, 0],
  ] as const)("is exactly %d bits at p = %d", (p, bits) => {
    expect(binaryEntropy(p)).toBe(bits);
  });

  it("matches the closed form at 1/4: 2 - (3/4) log2 3", () => {
    expect(binaryEntropy(0.25)).toBeCloseTo(2 - 0.75 * Math.log2(3), 14);
    expect(binaryEntropy(0.75)).toBeCloseTo(binaryEntropy(0.25), 14);
  });

  it("rejects non-probabilities", () => {
    expect(() => binaryEntropy(1.5)).toThrow(RangeError);
    expect(() => binaryEntropy(Number.NaN)).toThrow(RangeError);
  });
});

describe("entropyOfWeights", () => {
  it("is log2 n for a uniform histogram, whatever its scale", () => {
    expect(entropyOfWeights(new Array(784).fill(3))).toBeCloseTo(Math.log2(784), 12);
    expect(entropyOfWeights([5, 5, 5, 5, 5, 5, 5, 5])).toBeCloseTo(3, 14);
  });

  it("matches a hand-worked case: (1/4, 1/4, 1/2) has 1.5 bits; zeros add nothing", () => {
    expect(entropyOfWeights([1, 1, 2])).toBeCloseTo(1.5, 14);
    expect(entropyOfWeights([0, 1, 0, 1, 2, 0])).toBeCloseTo(1.5, 14);
  });

  it("rejects an empty or negative histogram", () => {
    expect(() => entropyOfWeights([0, 0])).toThrow(RangeError);
    expect(() => entropyOfWeights([1, -1])).toThrow(RangeError);
  });
});

describe("small helpers", () => {
  it("converts nats and bits with 1 nat = 1/ln 2 bits", () => {
    expect(natsToBits(Math.LN2)).toBeCloseTo(1, 15);
    expect(natsToBits(79.2)).toBeCloseTo(79.2 * Math.LOG2E, 12);
    expect(natsToBits(79.2)).toBeCloseTo(114.26, 2);
    expect(bitsToNats(natsToBits(12.5))).toBeCloseTo(12.5, 12);
  });

  it("surprisal and code length agree with their definitions", () => {
    expect(surprisalTerm(0)).toBe(0);
    expect(surprisalTerm(0.5)).toBe(0.5);
    expect(codeLengthBits(1 / 8)).toBe(3);
  });

  it("log2SumExp2 equals the naive sum where that does not overflow, and survives where it would", () => {
    const xs = [-3, 0.5, 2, -10];
    expect(log2SumExp2(xs)).toBeCloseTo(Math.log2(xs.reduce((s, x) => s + 2 ** x, 0)), 13);
    expect(log2SumExp2([-5000, -5000])).toBeCloseTo(-4999, 10);
    expect(log2SumExp2([])).toBe(-Infinity);
  });
});
