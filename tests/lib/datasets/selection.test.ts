import { describe, expect, it } from "vitest";
import { smallestMeeting, targetAccuracy } from "../../../src/lib/datasets/selection.ts";

const f = (fileBits: number, validationAccuracy: number) => ({ fileBits, validationAccuracy, testAccuracy: validationAccuracy });

describe("dataset targets", () => {
  it("are half a point below the best file's validation accuracy", () => {
    expect(targetAccuracy([f(10, 0.99), f(20, 0.992)], 10, 10_000)).toBeCloseTo(0.987, 12);
    expect(targetAccuracy([f(10, 0.8)], 2, 100)).toBeCloseTo(0.795, 12);
    expect(() => targetAccuracy([], 10, 10)).toThrow(RangeError);
    expect(() => targetAccuracy([f(1, 0.9)], 1, 10)).toThrow(RangeError);
    expect(() => targetAccuracy([f(1, 0.9)], 10, 0)).toThrow(RangeError);
  });

  it("fall to chance less three standard errors when the best file is within noise of chance (random labels)", () => {
    // sqrt(0.1 * 0.9 / 10,000) = 0.003: noise 0.009, and 0.1025 is within it.
    expect(targetAccuracy([f(10, 0.0985), f(20, 0.1025)], 10, 10_000)).toBeCloseTo(0.091, 12);
    // 0.12 is not within noise of chance: the usual rule.
    expect(targetAccuracy([f(10, 0.12)], 10, 10_000)).toBeCloseTo(0.115, 12);
  });

  it("the smallest file at or above the target is chosen on validation alone", () => {
    const files = [f(300, 0.992), f(100, 0.985), f(200, 0.989), f(100, 0.987)];
    const target = targetAccuracy(files, 10, 10_000);
    // Target 0.987: of the two 100-bit files only the 98.7% one qualifies.
    expect(smallestMeeting(files, target)).toEqual(f(100, 0.987));
    expect(smallestMeeting(files, 0.988)).toEqual(f(200, 0.989));
    expect(smallestMeeting(files, 0.999)).toBeUndefined();
  });
});
