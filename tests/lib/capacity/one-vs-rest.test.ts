import { beforeAll, describe, expect, it } from "vitest";
import { imagePoints, oneVsRest } from "../../../src/lib/capacity/one-vs-rest.ts";
import { loadLpSolver, type LpSolver } from "../../../src/lib/capacity/solver.ts";
import { createRng } from "../../../src/lib/random.ts";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

/** count random 3×3 images (general position with probability one). */
function randomImages(count: number, seed: number) {
  const rng = createRng(seed);
  return { count, rows: 3, cols: 3, pixels: Uint8Array.from({ length: count * 9 }, () => rng.int(256)) };
}

describe("oneVsRest", () => {
  it("adds the bias coordinate and scales pixels to [0, 1]", () => {
    const { dimension, points } = imagePoints({ count: 1, rows: 1, cols: 2, pixels: Uint8Array.from([0, 255]) }, 1);
    expect(dimension).toBe(3);
    expect(Array.from(points)).toEqual([0, 1, 1]);
  });

  it("fits any labels on no more points than coordinates (10 points in general position, 10 coordinates)", () => {
    const images = randomImages(10, 1);
    const rng = createRng(2);
    const labels = Uint8Array.from({ length: 10 }, () => rng.int(4));
    const v = oneVsRest(solver, images, labels, 10, 4);
    expect(v.fits).toBe(true);
    expect(v.classes.every((c) => c.separable && c.margin > 0)).toBe(true);
  });

  it("cannot fit two copies of one image with different labels, and stops at the first class that fails", () => {
    const images = randomImages(6, 3);
    images.pixels.copyWithin(9, 0, 9); // image 1 = image 0
    const labels = Uint8Array.from([0, 1, 2, 0, 1, 2]);
    const v = oneVsRest(solver, images, labels, 6, 3);
    expect(v.fits).toBe(false);
    expect(v.classes).toHaveLength(1);
    expect(v.classes[0]).toMatchObject({ label: 0, separable: false });
  });

  it("cannot put XOR's labels on a line (the classic counterexample, by hand)", () => {
    // 1×2 images (0,0), (1,1) in class 0 and (0,1), (1,0) in class 1: no line through the plane separates them.
    const images = { count: 4, rows: 1, cols: 2, pixels: Uint8Array.from([0, 0, 255, 255, 0, 255, 255, 0]) };
    expect(oneVsRest(solver, images, Uint8Array.from([0, 0, 1, 1]), 4, 2).fits).toBe(false);
    expect(oneVsRest(solver, images, Uint8Array.from([0, 1, 0, 1]), 4, 2).fits).toBe(true);
  });
});
