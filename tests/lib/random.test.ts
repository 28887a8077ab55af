import { describe, expect, it } from "vitest";
import { createRng, permutation } from "../../src/lib/random.ts";

describe("createRng", () => {
  it("is reproducible for a seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it("has the moments of U(0,1) and N(0,1)", () => {
    const r = createRng(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let g = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      s += u;
      s2 += u * u;
      const z = r.normal();
      g += z;
      g2 += z * z;
    }
    // Closed forms: E[U] = 1/2, Var[U] = 1/12, E[Z] = 0, E[Z^2] = 1; tolerances ~5 standard errors.
    expect(s / n).toBeCloseTo(0.5, 2);
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(1 / 12, 2);
    expect(Math.abs(g / n)).toBeLessThan(0.012);
    expect(g2 / n).toBeCloseTo(1, 1);
  });

  it("permutation is a permutation", () => {
    const p = permutation(1000, createRng(7));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
