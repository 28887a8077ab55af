import { describe, expect, it } from "vitest";
import { mlp, paramCount } from "../../../src/lib/train/arch.ts";
import {
  bitsPerParameter,
  ladderConfig,
  memorizeConfig,
  searchMemorization,
  smallestReliable,
  summariseLadder,
  type LadderCell,
} from "../../../src/lib/train/sweep.ts";

const cell = (arch: string, params: number, seed: number, testAccuracy: number, trainLoss = 0.1): LadderCell => ({
  arch,
  params,
  seed,
  testAccuracy,
  trainLoss,
  trainSeconds: 1,
});

describe("summariseLadder", () => {
  const cells = [
    cell("big", 1000, 1, 0.99),
    cell("small", 10, 1, 0.9, 0.5),
    cell("small", 10, 2, 0.98, 0.3),
    cell("mid", 100, 1, 0.97),
    cell("mid", 100, 2, 0.975),
    cell("big", 1000, 2, 0.985),
  ];

  it("groups by network, smallest first, with min/mean/max over seeds", () => {
    const points = summariseLadder(cells, 0.97);
    expect(points.map((p) => p.arch)).toEqual(["small", "mid", "big"]);
    const small = points[0];
    expect(small?.seeds).toBe(2);
    expect(small?.accuracy.min).toBe(0.9);
    expect(small?.accuracy.max).toBe(0.98);
    expect(small?.accuracy.mean).toBeCloseTo(0.94, 12);
    expect(small?.trainLoss.mean).toBeCloseTo(0.4, 12);
    expect(points.map((p) => p.allReachTarget)).toEqual([false, true, true]);
  });

  it("marks the smallest size whose every seed reaches the target", () => {
    expect(smallestReliable(summariseLadder(cells, 0.97))?.arch).toBe("mid");
    expect(smallestReliable(summariseLadder(cells, 0.986))?.arch).toBeUndefined();
    expect(smallestReliable(summariseLadder(cells, 0.5))?.arch).toBe("small");
  });
});

describe("memorisation", () => {
  it("bits per parameter is n log2(10) / P", () => {
    expect(bitsPerParameter(1000, 3321.928094887362)).toBeCloseTo(1, 12);
    expect(bitsPerParameter(0, 10)).toBe(0);
  });

  it("stops at the first size it cannot fit and reports the largest fitted", async () => {
    const tried: number[] = [];
    const arch = mlp(8);
    const r = await searchMemorization(arch, 1, [400, 100, 200, 800], (n) => {
      tried.push(n);
      return Promise.resolve(n <= 200 ? 1 : 0.93);
    });
    expect(tried).toEqual([100, 200, 400]);
    expect(r.largestFitted).toBe(200);
    expect(r.params).toBe(paramCount(arch));
    expect(r.bitsPerParameter).toBeCloseTo((200 * Math.log2(10)) / paramCount(arch), 12);
    expect(r.attempts.map((a) => a.fitted)).toEqual([true, true, false]);
  });

  it("reports 0 when even the smallest set is not fitted", async () => {
    const r = await searchMemorization(mlp(8), 1, [100], () => Promise.resolve(0.99));
    expect(r.largestFitted).toBe(0);
    expect(r.bitsPerParameter).toBe(0);
  });

  it("configs: ladder trains on a subset with the recipe's schedule; memorisation on seeded random labels", () => {
    const l = ladderConfig(mlp(8), 3);
    expect(l).toMatchObject({ seed: 3, trainSubset: 10_000, epochs: 2, schedule: { kind: "oneCycle", maxLr: 0.01 } });
    const m = memorizeConfig(mlp(8), 500, 2);
    expect(m).toMatchObject({ trainSubset: 500, labels: { kind: "random", seed: 2 }, evaluateTrain: true });
  });
});
