import { describe, expect, it } from "vitest";
import { binaryKl, klInverseUpper, occamBound, VACUOUS_ERROR } from "../../../src/lib/mdl/occam.ts";

// Every expectation below is computed here by a route the module does not take: a closed form, a grid search, or
// Newton's method from above, never by calling klInverseUpper to check itself.

/** KL(q‖p) written out directly for 0 < q, p < 1. */
const kl = (q: number, p: number): number => q * Math.log(q / p) + (1 - q) * Math.log((1 - q) / (1 - p));

/** The largest grid point p = k / steps in [q, 1) with KL(q‖p) ≤ c: within 1 / steps below the exact inverse. */
function gridInverse(q: number, c: number, steps: number): number {
  let best = q;
  for (let k = Math.ceil(q * steps); k < steps; k++) {
    const p = k / steps;
    if (p > q && kl(q, p) <= c) best = p;
  }
  return best;
}

/**
 * Newton's method on f(p) = KL(q‖p) − c, which is convex and increasing on (q, 1), started above the root at Pinsker's
 * p = q + √(c/2) (KL ≥ 2(p − q)², so f ≥ 0 there): the iterates fall monotonically onto the root.
 */
function newtonInverse(q: number, c: number): number {
  let p = Math.min(q + Math.sqrt(c / 2), 1 - 1e-15);
  for (let i = 0; i < 100; i++) p -= ((kl(q, p) - c) * p * (1 - p)) / (p - q);
  return p;
}

describe("binary KL", () => {
  it("hand-worked values", () => {
    expect(binaryKl(0.5, 0.5)).toBe(0);
    expect(binaryKl(0.5, 0.25)).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 15);
    // KL(0‖p) = −ln(1 − p) and KL(1‖p) = −ln p.
    expect(binaryKl(0, 0.3)).toBeCloseTo(-Math.log(0.7), 15);
    expect(binaryKl(1, 0.3)).toBeCloseTo(-Math.log(0.3), 15);
    expect(binaryKl(0.2, 0.7)).toBeCloseTo(kl(0.2, 0.7), 15);
  });

  it("the edges: zero where q = p, infinite where p puts no mass under q", () => {
    expect(binaryKl(0, 0)).toBe(0);
    expect(binaryKl(1, 1)).toBe(0);
    expect(binaryKl(0, 1)).toBe(Infinity);
    expect(binaryKl(1, 0)).toBe(Infinity);
    expect(binaryKl(0.3, 0)).toBe(Infinity);
    expect(binaryKl(0.3, 1)).toBe(Infinity);
    expect(binaryKl(0, 0.5)).toBeCloseTo(Math.log(2), 15);
  });

  it("mirror symmetry KL(q‖p) = KL(1−q‖1−p), and it grows as p moves away from q", () => {
    for (const [q, p] of [
      [0.1, 0.4],
      [0.006, 0.02],
      [0.7, 0.2],
    ] as const) {
      expect(binaryKl(q, p)).toBeCloseTo(binaryKl(1 - q, 1 - p), 14);
    }
    let last = 0;
    for (let p = 0.11; p < 1; p += 0.05) {
      const d = binaryKl(0.1, p);
      expect(d).toBeGreaterThan(last);
      last = d;
    }
    last = 0;
    for (let p = 0.09; p > 0; p -= 0.01) {
      const d = binaryKl(0.1, p);
      expect(d).toBeGreaterThan(last);
      last = d;
    }
  });

  it("Pinsker: KL(q‖p) ≥ 2(p − q)²", () => {
    for (const q of [0, 0.01, 0.3, 0.5, 0.9])
      for (const p of [0.001, 0.05, 0.5, 0.999]) expect(binaryKl(q, p)).toBeGreaterThanOrEqual(2 * (p - q) ** 2);
  });

  it("rejects arguments that are not probabilities", () => {
    expect(() => binaryKl(-0.1, 0.5)).toThrow(RangeError);
    expect(() => binaryKl(0.5, 1.5)).toThrow(RangeError);
    expect(() => binaryKl(Number.NaN, 0.5)).toThrow(RangeError);
  });
});

describe("upper KL inverse", () => {
  it("q = 0 has the closed form 1 − e^−c", () => {
    for (const c of [1e-9, 1e-4, 0.01, 0.5, 1, Math.log(10), 5]) {
      expect(klInverseUpper(0, c)).toBeCloseTo(1 - Math.exp(-c), 15);
    }
  });

  it("c = 0 gives q itself; q = 1 or an unbounded budget gives 1", () => {
    expect(klInverseUpper(0.3, 0)).toBe(0.3);
    expect(klInverseUpper(0, 0)).toBe(0);
    expect(klInverseUpper(1, 0.1)).toBe(1);
    expect(klInverseUpper(0.3, Infinity)).toBe(1);
    // For 0 < q < 1 the exact inverse is below 1 at every finite c but rounds to 1 at a large one.
    expect(klInverseUpper(0.3, 50)).toBe(1);
  });

  it("lies on the level set KL(q‖p) = c, just above it (a bound rounded up)", () => {
    for (const [q, c] of [
      [0.006, 0.0832],
      [0.1, 0.01],
      [0.5, 0.2],
      [0.9, 0.05],
      [1e-6, 1e-3],
    ] as const) {
      const p = klInverseUpper(q, c);
      expect(p).toBeGreaterThan(q);
      expect(kl(q, p)).toBeCloseTo(c, 10);
      expect(kl(q, p)).toBeGreaterThanOrEqual(c * (1 - 1e-12));
      // The largest such p: a hair further and the budget is spent.
      expect(kl(q, p + 1e-9)).toBeGreaterThan(c);
    }
  });

  it("agrees with a fine grid search", () => {
    const steps = 1_000_000;
    for (const [q, c] of [
      [0.05, 0.02],
      [0.2, 0.1],
      [0.006, 0.0832],
    ] as const) {
      const p = klInverseUpper(q, c);
      const g = gridInverse(q, c, steps);
      expect(p).toBeGreaterThanOrEqual(g);
      expect(p - g).toBeLessThan(1 / steps);
    }
  });

  it("grows with c and with q", () => {
    let last = 0.1;
    for (const c of [0.001, 0.01, 0.1, 1]) {
      const p = klInverseUpper(0.1, c);
      expect(p).toBeGreaterThan(last);
      last = p;
    }
    last = 0;
    for (const q of [0, 0.01, 0.1, 0.5]) {
      const p = klInverseUpper(q, 0.05);
      expect(p).toBeGreaterThan(last);
      last = p;
    }
  });

  it("is at most the Pinsker relaxation q + √(c/2)", () => {
    for (const q of [0, 0.006, 0.1, 0.5, 0.8])
      for (const c of [1e-4, 0.01, 0.08, 0.3]) expect(klInverseUpper(q, c)).toBeLessThanOrEqual(Math.min(1, q + Math.sqrt(c / 2)));
  });

  it("rejects a negative or missing budget and a q outside [0, 1]", () => {
    expect(() => klInverseUpper(0.1, -1e-3)).toThrow(RangeError);
    expect(() => klInverseUpper(0.1, Number.NaN)).toThrow(RangeError);
    expect(() => klInverseUpper(1.1, 0.1)).toThrow(RangeError);
  });
});

describe("Occam bound", () => {
  const n = 50_000;
  const lnInvDelta = Math.log(1 / 0.05);

  it("a realistic case: 6,000 bits, 300 errors of 50,000, δ = 0.05", () => {
    const r = occamBound({ codeBits: 6000, trainErrors: 300, n, delta: 0.05 });
    const c = (6000 * Math.log(2) + lnInvDelta) / n;
    expect(r.empiricalError).toBe(0.006);
    expect(r.complexity).toBeCloseTo(c, 15);
    expect(r.complexity).toBeCloseTo(0.0832376, 6);
    // 6,000 bits are 4,159 nats spread over 50,000 examples: the bound is about 10.1%, far above the 0.6% seen.
    const expected = newtonInverse(0.006, c);
    expect(expected).toBeCloseTo(0.10131, 5);
    expect(r.bound).toBeCloseTo(expected, 10);
    expect(r.bound).toBeLessThanOrEqual(0.006 + Math.sqrt(c / 2));
    expect(r.vacuous).toBe(false);
  });

  it("with no bits to pay, only ln 1/δ: a little above the 0.6% training error", () => {
    const r = occamBound({ codeBits: 0, trainErrors: 300, n, delta: 0.05 });
    expect(r.complexity).toBeCloseTo(lnInvDelta / n, 15);
    expect(r.bound).toBeCloseTo(newtonInverse(0.006, lnInvDelta / n), 10);
    expect(r.bound).toBeGreaterThan(0.006);
    expect(r.bound).toBeLessThan(0.007);
  });

  it("104,240 bits on 50,000 examples: 1.45 nats per example, an error bound near 77%", () => {
    const c = (104_240 * Math.log(2) + lnInvDelta) / n;
    const clean = occamBound({ codeBits: 104_240, trainErrors: 0, n, delta: 0.05 });
    expect(clean.complexity).toBeCloseTo(c, 14);
    expect(clean.bound).toBeCloseTo(1 - Math.exp(-c), 14);
    expect(clean.bound).toBeCloseTo(0.7643, 4);
    const noisy = occamBound({ codeBits: 104_240, trainErrors: 300, n, delta: 0.05 });
    expect(noisy.bound).toBeCloseTo(newtonInverse(0.006, c), 10);
    expect(noisy.bound).toBeCloseTo(0.7744, 4);
    // Useless in practice, yet below the 90% error of guessing, so not vacuous by VACUOUS_ERROR.
    expect(clean.vacuous).toBe(false);
    expect(noisy.vacuous).toBe(false);
  });

  it("vacuous from ln 10 nats per example on: the bound reaches the 90% error of guessing among 10 classes", () => {
    expect(VACUOUS_ERROR).toBe(0.9);
    // With no training errors the bound is 1 − e^−c, which is 0.9 exactly at c = ln 10.
    const threshold = (Math.log(10) * n - lnInvDelta) / Math.log(2);
    expect(threshold).toBeCloseTo(166_092.08, 2);
    const below = occamBound({ codeBits: 166_090, trainErrors: 0, n, delta: 0.05 });
    const above = occamBound({ codeBits: 166_095, trainErrors: 0, n, delta: 0.05 });
    expect(below.bound).toBeLessThan(0.9);
    expect(below.vacuous).toBe(false);
    expect(above.bound).toBeGreaterThanOrEqual(0.9);
    expect(above.vacuous).toBe(true);
    const big = occamBound({ codeBits: 1_000_000, trainErrors: 300, n, delta: 0.05 });
    expect(big.bound).toBeGreaterThan(0.999);
    expect(big.vacuous).toBe(true);
  });

  it("more bits, more errors or a smaller δ never tighten it", () => {
    const base = occamBound({ codeBits: 6000, trainErrors: 300, n, delta: 0.05 }).bound;
    expect(occamBound({ codeBits: 7000, trainErrors: 300, n, delta: 0.05 }).bound).toBeGreaterThan(base);
    expect(occamBound({ codeBits: 6000, trainErrors: 400, n, delta: 0.05 }).bound).toBeGreaterThan(base);
    expect(occamBound({ codeBits: 6000, trainErrors: 300, n, delta: 0.01 }).bound).toBeGreaterThan(base);
    expect(occamBound({ codeBits: 6000, trainErrors: 600, n: 2 * n, delta: 0.05 }).bound).toBeLessThan(base);
  });

  it("every error counted gives the trivial bound 1", () => {
    expect(occamBound({ codeBits: 10, trainErrors: 100, n: 100, delta: 0.1 }).bound).toBe(1);
  });

  it("rejects bad input with a message naming the argument", () => {
    const ok = { codeBits: 6000, trainErrors: 300, n, delta: 0.05 };
    expect(() => occamBound({ ...ok, codeBits: -1 })).toThrow(/codeBits/);
    expect(() => occamBound({ ...ok, codeBits: Infinity })).toThrow(/codeBits/);
    expect(() => occamBound({ ...ok, trainErrors: n + 1 })).toThrow(/trainErrors/);
    expect(() => occamBound({ ...ok, trainErrors: -1 })).toThrow(/trainErrors/);
    expect(() => occamBound({ ...ok, trainErrors: 2.5 })).toThrow(/trainErrors/);
    expect(() => occamBound({ ...ok, n: 0 })).toThrow(/\bn\b/);
    expect(() => occamBound({ ...ok, n: -5 })).toThrow(/\bn\b/);
    expect(() => occamBound({ ...ok, delta: 0 })).toThrow(/delta/);
    expect(() => occamBound({ ...ok, delta: 1 })).toThrow(/delta/);
    expect(() => occamBound({ ...ok, delta: Number.NaN })).toThrow(/delta/);
    expect(() => occamBound({ ...ok, n: 0 })).toThrow(Error);
  });
});
