import { beforeAll, describe, expect, it } from "vitest";
import { coverCount } from "../../../src/lib/capacity/cover.ts";
import { sampleLabelledPoints } from "../../../src/lib/capacity/experiment.ts";
import { decideSeparability, type LabelledPoints } from "../../../src/lib/capacity/separability.ts";
import { loadLpSolver, type LpSolver } from "../../../src/lib/capacity/solver.ts";
import { createRng } from "../../../src/lib/random.ts";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

function set(dimension: number, points: number[][], labels: number[]): LabelledPoints {
  return { dimension, points: Float64Array.from(points.flat()), labels: Int8Array.from(labels) };
}

/** Checked here, not by the solver: does w strictly separate the set? */
function strictlySeparates(s: LabelledPoints, w: Float64Array): boolean {
  for (let i = 0; i < s.labels.length; i++) {
    let dot = 0;
    for (let j = 0; j < s.dimension; j++) dot += (s.points[i * s.dimension + j] as number) * (w[j] as number);
    if ((s.labels[i] as number) * dot <= 0) return false;
  }
  return true;
}

/** Gordan's certificate checked here: || sum_i lambda_i y_i x_i ||_1 for the returned convex weights lambda. */
function certificateResidual(s: LabelledPoints, lambda: Float64Array): number {
  const sum = new Float64Array(s.dimension);
  for (let i = 0; i < s.labels.length; i++) {
    for (let j = 0; j < s.dimension; j++) {
      sum[j] = (sum[j] as number) + (lambda[i] as number) * (s.labels[i] as number) * (s.points[i * s.dimension + j] as number);
    }
  }
  return sum.reduce((a, b) => a + Math.abs(b), 0);
}

/** Second decision procedure in K = 2: the y_i x_i lie in an open half-plane iff some angular gap between them exceeds pi. */
function separableByAngles(s: LabelledPoints): boolean {
  const angles = Array.from(s.labels, (y, i) => Math.atan2(y * (s.points[2 * i + 1] as number), y * (s.points[2 * i] as number)));
  angles.sort((a, b) => a - b);
  let widestGap = (angles[0] as number) + 2 * Math.PI - (angles.at(-1) as number);
  for (let i = 1; i < angles.length; i++) widestGap = Math.max(widestGap, (angles[i] as number) - (angles[i - 1] as number));
  return widestGap > Math.PI;
}

/** Perceptron through the origin: converging proves separability (the converse needs unbounded time). */
function perceptronSeparates(s: LabelledPoints, maxEpochs: number): boolean {
  const w = new Float64Array(s.dimension);
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    let mistakes = 0;
    for (let i = 0; i < s.labels.length; i++) {
      const y = s.labels[i] as number;
      let dot = 0;
      for (let j = 0; j < s.dimension; j++) dot += (s.points[i * s.dimension + j] as number) * (w[j] as number);
      if (y * dot <= 0) {
        mistakes++;
        for (let j = 0; j < s.dimension; j++) w[j] = (w[j] as number) + y * (s.points[i * s.dimension + j] as number);
      }
    }
    if (mistakes === 0) return true;
  }
  return false;
}

describe("decideSeparability on constructed sets", () => {
  it("separates labels planted by a random w, far past N = 2K, with a w that checks out", () => {
    const rng = createRng(11);
    for (const k of [1, 2, 5, 20]) {
      for (const ratio of [0.5, 2, 5]) {
        const s = sampleLabelledPoints(rng, Math.ceil(ratio * k), k);
        const planted = Float64Array.from({ length: k }, () => rng.normal());
        for (let i = 0; i < s.labels.length; i++) {
          let dot = 0;
          for (let j = 0; j < k; j++) dot += (s.points[i * k + j] as number) * (planted[j] as number);
          s.labels[i] = dot > 0 ? 1 : -1;
        }
        const verdict = decideSeparability(solver, s);
        expect(verdict.separable).toBe(true);
        expect(verdict.margin).toBeGreaterThan(0);
        expect(strictlySeparates(s, verdict.weights)).toBe(true);
        expect(Math.max(...verdict.weights.map(Math.abs))).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  });

  it("refuses a point and its negation with the same label, with Gordan's certificate", () => {
    const rng = createRng(12);
    // N = 8 <= K = 10, so without the construction every labelling would be separable.
    const s = sampleLabelledPoints(rng, 8, 10);
    // Point 5 becomes minus point 3 with point 3's label: y3 x3 + y3 (-x3) = 0.
    for (let j = 0; j < 10; j++) s.points[5 * 10 + j] = -(s.points[3 * 10 + j] as number);
    s.labels[5] = s.labels[3] as number;
    const verdict = decideSeparability(solver, s);
    expect(verdict.separable).toBe(false);
    expect(strictlySeparates(s, verdict.weights)).toBe(false);
    expect(verdict.multipliers.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(certificateResidual(s, verdict.multipliers)).toBeLessThan(1e-7);
  });

  it("refuses XOR and accepts AND on the corners of the unit square (bias as a third coordinate)", () => {
    const corners = [
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 1],
    ];
    const xor = set(3, corners, [-1, 1, 1, -1]);
    const and = set(3, corners, [-1, -1, -1, 1]);
    const xorVerdict = decideSeparability(solver, xor);
    expect(xorVerdict.separable).toBe(false);
    // Hand-worked certificate: (x00 + x11) - (x01 + x10) = 0, so lambda = 1/4 each.
    for (const l of xorVerdict.multipliers) expect(l).toBeCloseTo(0.25, 6);
    const andVerdict = decideSeparability(solver, and);
    expect(andVerdict.separable).toBe(true);
    expect(strictlySeparates(and, andVerdict.weights)).toBe(true);
  });

  it("handles the degenerate cases: a zero point, K = 1, no points", () => {
    expect(
      decideSeparability(
        solver,
        set(
          2,
          [
            [1, 2],
            [0, 0],
          ],
          [1, 1],
        ),
      ).separable,
    ).toBe(false);
    expect(decideSeparability(solver, set(1, [[2], [-3], [0.5]], [1, -1, 1])).separable).toBe(true);
    expect(decideSeparability(solver, set(1, [[2], [3]], [1, -1])).separable).toBe(false);
    expect(decideSeparability(solver, set(3, [], [])).separable).toBe(true);
  });

  it("rejects malformed input", () => {
    expect(() => decideSeparability(solver, set(2, [[1, 2, 3]], [1]))).toThrow(RangeError);
    expect(() => decideSeparability(solver, set(2, [[1, 2]], [0]))).toThrow(RangeError);
    expect(() => decideSeparability(solver, set(2, [[1, NaN]], [1]))).toThrow(RangeError);
  });
});

describe("decideSeparability against independent procedures", () => {
  it("agrees with the angle-gap test on 300 random sets in the plane", () => {
    const rng = createRng(13);
    let separable = 0;
    for (let trial = 0; trial < 300; trial++) {
      const s = sampleLabelledPoints(rng, 3 + (trial % 6), 2);
      const verdict = decideSeparability(solver, s).separable;
      expect(verdict).toBe(separableByAngles(s));
      if (verdict) separable++;
    }
    // Both answers occur, so agreement is not vacuous.
    expect(separable).toBeGreaterThan(30);
    expect(separable).toBeLessThan(270);
  });

  it("counts exactly T(N, K) separable labellings of one point set (Cover's theorem, by enumeration)", () => {
    const rng = createRng(14);
    for (const [n, k] of [
      [6, 2],
      [8, 3],
      [10, 4],
    ] as const) {
      const s = sampleLabelledPoints(rng, n, k);
      let count = 0;
      for (let mask = 0; mask < 2 ** n; mask++) {
        for (let i = 0; i < n; i++) s.labels[i] = (mask >> i) & 1 ? 1 : -1;
        if (decideSeparability(solver, s).separable) count++;
      }
      expect(BigInt(count)).toBe(coverCount(n, k));
    }
  });

  it("certifies both answers on random sets around N = 2K: a checked w, or a checked convex combination near 0", () => {
    const rng = createRng(15);
    const outcomes = { separable: 0, not: 0 };
    for (let trial = 0; trial < 60; trial++) {
      const k = 5 + (trial % 3) * 5;
      const s = sampleLabelledPoints(rng, 2 * k + (trial % 5) - 2, k);
      const verdict = decideSeparability(solver, s);
      if (verdict.separable) {
        outcomes.separable++;
        expect(strictlySeparates(s, verdict.weights)).toBe(true);
      } else {
        outcomes.not++;
        expect(certificateResidual(s, verdict.multipliers)).toBeLessThan(1e-7);
        expect(perceptronSeparates(s, 200)).toBe(false);
      }
    }
    expect(outcomes.separable).toBeGreaterThan(10);
    expect(outcomes.not).toBeGreaterThan(10);
  });

  it("finds every set separable when N <= K, as does the perceptron", () => {
    const rng = createRng(16);
    for (let trial = 0; trial < 20; trial++) {
      const s = sampleLabelledPoints(rng, 8 + (trial % 3), 10);
      expect(decideSeparability(solver, s).separable).toBe(true);
      expect(perceptronSeparates(s, 10_000)).toBe(true);
    }
  });
});
