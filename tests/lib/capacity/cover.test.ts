import { describe, expect, it } from "vitest";
import {
  coverCount,
  coverCountByRecurrence,
  coverCountsByRecurrence,
  coverCurve,
  coverFraction,
  dyadicToNumber,
} from "../../../src/lib/capacity/cover.ts";

/** Independent of the BigInt code: P(Binomial(N-1, 1/2) <= K-1) by a log-space sum of float pmf terms. */
function logSpaceFraction(n: number, k: number): number {
  const m = n - 1;
  const logTerms: number[] = [];
  let logBinomial = 0; // ln C(m, 0)
  for (let j = 0; j <= Math.min(k - 1, m); j++) {
    logTerms.push(logBinomial - m * Math.LN2);
    logBinomial += Math.log(m - j) - Math.log(j + 1);
  }
  const max = Math.max(...logTerms);
  let sum = 0;
  for (const t of logTerms) sum += Math.exp(t - max);
  return Math.exp(max + Math.log(sum));
}

describe("T(N, K): recurrence and closed form", () => {
  it("agree for every N, K <= 40", () => {
    const table = coverCountsByRecurrence(40, 40);
    for (let n = 1; n <= 40; n++) {
      for (let k = 1; k <= 40; k++) expect(coverCount(n, k)).toBe(table[n - 1]?.[k - 1]);
    }
    expect(coverCountByRecurrence(40, 17)).toBe(table[39]?.[16]);
    expect(coverCountByRecurrence(1, 5)).toBe(2n);
  });

  it("match hand-counted cases", () => {
    // Three points in the plane, lines through the origin: all labellings except the two that alternate in angle.
    expect(coverCount(3, 2)).toBe(6n);
    expect(coverCountByRecurrence(3, 2)).toBe(6n);
    // Four points in general position in R^3: 16 labellings minus the 2 that put the origin inside their hull.
    expect(coverCount(4, 3)).toBe(14n);
    expect(coverCountByRecurrence(4, 3)).toBe(14n);
    // One weight: only the sign of w matters. Two weights: the 2N arcs cut by N lines through the origin.
    for (let n = 1; n <= 30; n++) {
      expect(coverCount(n, 1)).toBe(2n);
      expect(coverCount(n, 2)).toBe(BigInt(2 * n));
    }
  });

  it("realise every labelling when N <= K", () => {
    for (let k = 1; k <= 40; k++) {
      for (let n = 1; n <= k; n++) expect(coverCount(n, k)).toBe(2n ** BigInt(n));
      expect(coverFraction(k, k)).toBe(1);
    }
    expect(coverCount(1000, 1000)).toBe(2n ** 1000n);
  });

  it("give exactly half the labellings at N = 2K", () => {
    for (const k of [1, 2, 3, 7, 20, 40, 100, 1000]) {
      expect(coverCount(2 * k, k)).toBe(2n ** BigInt(2 * k - 1));
      expect(coverFraction(2 * k, k)).toBe(0.5);
    }
  });

  it("satisfy T(N, K) + T(N, N - K) = 2^N (binomial symmetry), far beyond double range", () => {
    for (const [n, k] of [
      [9, 4],
      [101, 30],
      [2500, 1000],
      [4000, 1000],
    ] as const) {
      expect(coverCount(n, k) + coverCount(n, n - k)).toBe(2n ** BigInt(n));
    }
  });

  it("reject N or K below 1 and non-integers", () => {
    expect(() => coverCount(0, 3)).toThrow(RangeError);
    expect(() => coverCount(3, 0)).toThrow(RangeError);
    expect(() => coverFraction(2.5, 1)).toThrow(RangeError);
    expect(() => coverCountsByRecurrence(3, -1)).toThrow(RangeError);
  });
});

describe("dyadicToNumber", () => {
  it("rounds exact dyadic rationals correctly, including huge and tiny ones", () => {
    expect(dyadicToNumber(3n, 1)).toBe(1.5);
    expect(dyadicToNumber(2n ** 5000n, 5000)).toBe(1);
    expect(dyadicToNumber(2n ** 4000n - 1n, 4000)).toBe(1);
    expect(dyadicToNumber(1n, 1074)).toBe(Number.MIN_VALUE);
    expect(dyadicToNumber(1n, 1080)).toBe(0);
    expect(dyadicToNumber(3n * 2n ** 3000n, 3001)).toBe(1.5);
    expect(dyadicToNumber(-5n, 2)).toBe(-1.25);
    expect(dyadicToNumber(0n, 10)).toBe(0);
  });

  it("agrees with plain double division when both fit", () => {
    for (const [num, d] of [
      [123456789012345678901234567890n, 100],
      [2n ** 900n + 12345n, 905],
      [987654321n, 0],
    ] as const) {
      expect(dyadicToNumber(num, d)).toBe(Number(num) / 2 ** d);
    }
  });
});

describe("T(N, K) / 2^N", () => {
  it("matches an independent log-space binomial CDF at K = 1000 up to N = 4000", () => {
    for (const n of [1001, 1500, 1900, 1990, 2000, 2010, 2100, 2500, 3000, 4000]) {
      const exact = coverFraction(n, 1000);
      expect(Math.abs(exact - logSpaceFraction(n, 1000)) / exact).toBeLessThan(1e-9);
    }
    // The step sharpens: about +-1.1 standard deviations of Binomial(1999, 1/2) either side of 2K.
    expect(coverFraction(1950, 1000)).toBeGreaterThan(0.86);
    expect(coverFraction(2050, 1000)).toBeLessThan(0.14);
  });

  it("matches the averaging recurrence F(N,K) = (F(N-1,K) + F(N-1,K-1)) / 2 run in doubles", () => {
    const maxN = 400;
    const maxK = 100;
    // F(N, K) for K = 1..maxK; F(1, K) = 1.
    let row = new Float64Array(maxK + 1).fill(1);
    for (let n = 2; n <= maxN; n++) {
      const next = new Float64Array(maxK + 1);
      next[1] = 2 / 2 ** n;
      for (let k = 2; k <= maxK; k++) next[k] = ((row[k] as number) + (row[k - 1] as number)) / 2;
      row = next;
      if (n % 37 === 0 || n === maxN) {
        for (const k of [1, 2, 5, 20, 50, 100]) {
          const exact = coverFraction(n, k);
          expect(Math.abs((row[k] as number) - exact)).toBeLessThanOrEqual(1e-12 * exact);
        }
      }
    }
  });
});

describe("coverCurve", () => {
  it("equals the closed form at every N for small K", () => {
    for (const k of [1, 2, 5, 20, 100]) {
      const curve = coverCurve(k);
      expect(curve).toHaveLength(4 * k);
      for (const p of curve) {
        expect(p.fraction).toBe(coverFraction(p.n, k));
        expect(p.ratio).toBe(p.n / k);
      }
    }
  });

  it("thins the K = 1000 curve, keeps N = 2K, and stays exact and non-increasing", () => {
    const curve = coverCurve(1000, { maxPoints: 200 });
    expect(curve.length).toBeGreaterThan(150);
    expect(curve.length).toBeLessThanOrEqual(203);
    expect(curve.find((p) => p.n === 2000)?.fraction).toBe(0.5);
    expect(curve.at(-1)?.n).toBe(4000);
    for (const p of curve.filter((_, i) => i % 10 === 0)) expect(p.fraction).toBe(coverFraction(p.n, 1000));
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]?.fraction).toBeLessThanOrEqual(curve[i - 1]?.fraction ?? Infinity);
    }
  });

  it("respects maxRatio", () => {
    const curve = coverCurve(20, { maxRatio: 2.5 });
    expect(curve.at(-1)?.n).toBe(50);
  });
});
