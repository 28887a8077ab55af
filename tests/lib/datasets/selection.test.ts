import { describe, expect, it } from "vitest";
import { smallestMeeting, targetError } from "../../../src/lib/datasets/selection.ts";

const f = (fileBits: number, validationAccuracy: number) => ({ fileBits, validationAccuracy, testAccuracy: validationAccuracy });

describe("dataset targets", () => {
  it("are 1.5 times the best validation error, capped at chance", () => {
    expect(targetError([f(10, 0.99), f(20, 0.992)], 10)).toBeCloseTo(0.012, 12);
    // Random labels: the best is near chance, so the cap decides.
    expect(targetError([f(10, 0.1), f(20, 0.11)], 10)).toBeCloseTo(0.9, 12);
    expect(targetError([f(10, 0.5)], 2)).toBeCloseTo(0.5, 12);
    expect(() => targetError([], 10)).toThrow(RangeError);
    expect(() => targetError([f(1, 0.9)], 1)).toThrow(RangeError);
  });

  it("the smallest file within the target is chosen on validation alone", () => {
    const files = [f(300, 0.992), f(100, 0.985), f(200, 0.989), f(100, 0.987)];
    const target = targetError(files, 10);
    expect(target).toBeCloseTo(0.012, 12);
    expect(smallestMeeting(files, target)).toEqual(f(200, 0.989));
    expect(smallestMeeting(files, 0.015)).toEqual(f(100, 0.987));
    expect(smallestMeeting(files, 0.001)).toBeUndefined();
  });
});
