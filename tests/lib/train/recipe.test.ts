import { describe, expect, it } from "vitest";
import { paramCount } from "../../../src/lib/train/arch.ts";
import { DEFAULT_RECIPE } from "../../../src/lib/train/recipe.ts";
import { learningRateAt } from "../../../src/lib/train/schedule.ts";

describe("DEFAULT_RECIPE", () => {
  it("trains the 21,840-parameter network with Adam on a one-cycle schedule", () => {
    expect(paramCount(DEFAULT_RECIPE.arch)).toBe(21_840);
    expect(DEFAULT_RECIPE.optimizer.kind).toBe("adam");
    expect(DEFAULT_RECIPE.schedule.kind).toBe("oneCycle");
    const steps = DEFAULT_RECIPE.epochs * Math.ceil(60_000 / DEFAULT_RECIPE.batchSize);
    const rates = Array.from({ length: steps }, (_, i) => learningRateAt(DEFAULT_RECIPE.schedule, i, steps));
    expect(Math.max(...rates)).toBeLessThanOrEqual(0.02);
    expect(rates[steps - 1]).toBeLessThan(1e-5);
  });
});
