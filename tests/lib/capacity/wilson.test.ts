import { describe, expect, it } from "vitest";
import { Z_95, wilsonInterval } from "../../../src/lib/capacity/wilson.ts";

describe("wilsonInterval", () => {
  it("matches hand-worked values", () => {
    // 5 of 10: z^2/n = 0.384146, centre = (0.5 + 0.192073) / 1.384146 = 0.5,
    // half-width = (1.959964 / 1.384146) sqrt(0.025 + 0.384146 / 40) = 1.416010 x 0.186021 = 0.263407.
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.236593, 5);
    expect(half.high).toBeCloseTo(0.763407, 5);
    // 0 of 10: the upper end is (z^2/n) / (1 + z^2/n) = 0.384146 / 1.384146 = 0.277533.
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.277533, 5);
    const all = wilsonInterval(10, 10);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(1 - 0.277533, 5);
  });

  it.each([
    [1, 7],
    [13, 40],
    [250, 500],
    [997, 1000],
  ] as const)("returns the two roots of n (p_hat - p)^2 = z^2 p (1 - p) at %i of %i", (s, n) => {
    const { low, high } = wilsonInterval(s, n);
    const pHat = s / n;
    const residual = (p: number): number => n * (pHat - p) ** 2 - Z_95 ** 2 * p * (1 - p);
    expect(Math.abs(residual(low))).toBeLessThan(1e-9 * n);
    expect(Math.abs(residual(high))).toBeLessThan(1e-9 * n);
    expect(low).toBeLessThan(pHat);
    expect(high).toBeGreaterThan(pHat);
  });

  it("narrows with more trials and widens with z", () => {
    const small = wilsonInterval(30, 100);
    const large = wilsonInterval(300, 1000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    const z3 = wilsonInterval(30, 100, 3);
    expect(z3.high - z3.low).toBeGreaterThan(small.high - small.low);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(3, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });
});
