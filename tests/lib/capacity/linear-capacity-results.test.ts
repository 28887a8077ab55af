import { describe, expect, it } from "vitest";
import { capacityBracket, nextSize, type LinearCapacityFile } from "../../../src/lib/capacity/linear-capacity-results.ts";

const provenance = { gitCommit: "0", clean: true, finishedAt: "", node: "" };
const file = (decided: Array<[number, boolean]>): LinearCapacityFile => ({
  version: 1,
  seed: 1,
  resolution: 50,
  cells: decided.map(([n, fits]) => ({ n, fits, classes: [], seconds: 1, provenance })),
});

describe("the linear capacity search", () => {
  it("starts at the start, grows by half while the labels fit, then bisects to the resolution", () => {
    expect(nextSize(file([]), 1_000, 60_000)).toBe(1_000);
    expect(nextSize(file([[1_000, true]]), 1_000, 60_000)).toBe(1_500);
    expect(
      nextSize(
        file([
          [1_000, true],
          [1_500, true],
        ]),
        1_000,
        60_000,
      ),
    ).toBe(2_250);
    expect(
      nextSize(
        file([
          [1_000, true],
          [1_500, true],
          [2_250, false],
        ]),
        1_000,
        60_000,
      ),
    ).toBe(1_880);
    expect(
      nextSize(
        file([
          [1_500, true],
          [1_540, false],
        ]),
        1_000,
        60_000,
      ),
    ).toBeUndefined();
    expect(nextSize(file([[40_000, true]]), 1_000, 60_000)).toBe(60_000);
    expect(nextSize(file([[60_000, true]]), 1_000, 60_000)).toBeUndefined();
  });

  it("brackets the capacity by the largest n that fits and the smallest larger n that does not", () => {
    expect(
      capacityBracket(
        file([
          [1_000, true],
          [2_250, false],
          [1_500, true],
          [1_880, false],
        ]),
      ),
    ).toEqual({ fits: 1_500, fails: 1_880 });
    expect(capacityBracket(file([[1_000, false]]))).toEqual({ fails: 1_000 });
  });
});
