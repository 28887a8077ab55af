import { describe, expect, it } from "vitest";
import { ranks, spearman } from "../../../src/lib/stats/rank-correlation.ts";

describe("Spearman's rank correlation", () => {
  it("ranks with ties at their mean rank", () => {
    expect(ranks([10, 30, 20, 30])).toEqual([1, 3.5, 2, 3.5]);
  });

  it("is 1 for any increasing relation, -1 for a decreasing one, and matches 1 - 6 sum d^2 / (n (n^2 - 1)) without ties", () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 100])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // Ranks of y: 2, 1, 4, 3, 5 against 1..5: d = 1, -1, 1, -1, 0, sum d^2 = 4, so 1 - 24 / 120 = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1], [1])).toThrow(RangeError);
  });
});
