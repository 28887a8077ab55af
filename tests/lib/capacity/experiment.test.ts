import { beforeAll, describe, expect, it } from "vitest";
import { coverFraction } from "../../../src/lib/capacity/cover.ts";
import {
  experimentPointCounts,
  runCapacityExperiment,
  sampleLabelledPoints,
  trialRng,
  type ExperimentProgress,
  type ExperimentRow,
} from "../../../src/lib/capacity/experiment.ts";
import { loadLpSolver, type LpSolver } from "../../../src/lib/capacity/solver.ts";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

describe("experimentPointCounts", () => {
  it("spreads 13 distinct N over 0.5K..3.5K and includes 2K", () => {
    const counts = experimentPointCounts(20);
    expect(counts).toEqual([10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70]);
    const k100 = experimentPointCounts(100, { maxCounts: 8 });
    expect(k100[0]).toBe(50);
    expect(k100.at(-1)).toBe(350);
    expect(k100).toContain(200);
    expect(new Set(k100).size).toBe(k100.length);
  });

  it("takes every integer N when the range is small", () => {
    expect(experimentPointCounts(5, { maxCounts: 15 })).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(experimentPointCounts(5)).toEqual([3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17]);
    expect(experimentPointCounts(2, { minRatio: 1, maxRatio: 3 })).toEqual([2, 3, 4, 5, 6]);
  });
});

describe("sampleLabelledPoints", () => {
  it("draws N x K coordinates and fair +-1 labels, reproducibly per (seed, N)", () => {
    const a = sampleLabelledPoints(trialRng(3, 40), 40, 7);
    const b = sampleLabelledPoints(trialRng(3, 40), 40, 7);
    const c = sampleLabelledPoints(trialRng(3, 41), 40, 7);
    expect(a.points).toHaveLength(280);
    expect(a.points).toEqual(b.points);
    expect(a.labels).toEqual(b.labels);
    expect(a.points).not.toEqual(c.points);
    expect([...a.labels].every((y) => y === 1 || y === -1)).toBe(true);
    const big = sampleLabelledPoints(trialRng(4, 1), 4000, 1);
    const positives = big.labels.filter((y) => y === 1).length;
    // Fair coin: 2000 +- 4 standard deviations (sqrt(1000) = 31.6).
    expect(Math.abs(positives - 2000)).toBeLessThan(127);
  });
});

describe("runCapacityExperiment", () => {
  it("reproduces a seed exactly, and each N's row does not depend on the other N", async () => {
    const run = (seed: number, pointCounts: number[]) => runCapacityExperiment({ solver, dimension: 5, pointCounts, trials: 30, seed });
    const first = await run(7, [6, 10, 14]);
    const again = await run(7, [6, 10, 14]);
    const alone = await run(7, [10]);
    const other = await run(8, [6, 10, 14]);
    expect(again).toEqual(first);
    expect(alone.rows[0]).toEqual(first.rows[1]);
    expect(other.rows.map((r) => r.separable)).not.toEqual(first.rows.map((r) => r.separable));
  });

  it("fills each row: Wilson interval around the measured share, Cover's exact fraction", async () => {
    const result = await runCapacityExperiment({ solver, dimension: 4, pointCounts: [2, 8, 20], trials: 25, seed: 1 });
    expect(result).toMatchObject({ dimension: 4, trials: 25, seed: 1 });
    for (const row of result.rows) {
      expect(row.fraction).toBe(row.separable / 25);
      expect(row.low).toBeLessThanOrEqual(row.fraction);
      expect(row.high).toBeGreaterThanOrEqual(row.fraction);
      expect(row.cover).toBe(coverFraction(row.n, 4));
      expect(row.ratio).toBe(row.n / 4);
    }
    // N <= K: Cover says every labelling is separable; N = 2K: exactly half.
    expect(result.rows[0]?.separable).toBe(25);
    expect(result.rows[1]?.cover).toBe(0.5);
  });

  it("reports progress after every trial with sliceMs 0, rows in order, and done = total at the end", async () => {
    const progress: ExperimentProgress[] = [];
    const rows: ExperimentRow[] = [];
    await runCapacityExperiment({
      solver,
      dimension: 3,
      pointCounts: [3, 6],
      trials: 4,
      seed: 2,
      sliceMs: 0,
      onProgress: (p) => progress.push(p),
      onRow: (r) => rows.push(r),
    });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8]);
    expect(progress.every((p) => p.total === 8)).toBe(true);
    expect(rows.map((r) => r.n)).toEqual([3, 6]);
  });

  it("stops between trials when aborted, and does not start when already aborted", async () => {
    const controller = new AbortController();
    let calls = 0;
    const running = runCapacityExperiment({
      solver,
      dimension: 3,
      pointCounts: [6],
      trials: 1000,
      seed: 3,
      sliceMs: 0,
      signal: controller.signal,
      onProgress: () => {
        calls++;
        if (calls === 3) controller.abort(new Error("cancelled by test"));
      },
    });
    await expect(running).rejects.toThrow("cancelled by test");
    expect(calls).toBe(3);
    await expect(
      runCapacityExperiment({ solver, dimension: 3, pointCounts: [6], trials: 5, seed: 3, signal: controller.signal }),
    ).rejects.toThrow("cancelled by test");
  });

  it("matches Cover's fraction at K = 5 within 4 binomial standard errors at every N (200 trials each)", async () => {
    const result = await runCapacityExperiment({
      solver,
      dimension: 5,
      pointCounts: [5, 7, 8, 9, 10, 11, 12, 13, 15],
      trials: 200,
      seed: 2024,
    });
    for (const row of result.rows) {
      const standardError = Math.sqrt((row.cover * (1 - row.cover)) / row.trials);
      expect(Math.abs(row.fraction - row.cover)).toBeLessThanOrEqual(4 * standardError + 1e-12);
    }
  });

  it("rejects bad trial counts and N", async () => {
    await expect(runCapacityExperiment({ solver, dimension: 3, pointCounts: [4], trials: 0, seed: 1 })).rejects.toThrow(RangeError);
    await expect(runCapacityExperiment({ solver, dimension: 3, pointCounts: [0], trials: 3, seed: 1 })).rejects.toThrow(RangeError);
  });
});
