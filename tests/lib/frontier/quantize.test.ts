import { describe, expect, it } from "vitest";
import {
  MAX_BITS,
  MIN_BITS,
  STEP_EXPONENT_BIAS,
  dequantize,
  levels,
  quantizeTensor,
  stepCodeAtLeast,
  stepValue,
} from "../../../src/lib/frontier/quantize.ts";
import { createRng } from "../../../src/lib/random.ts";

/** The smallest and largest steps the 9-bit field can hold: 8 * 2^(-40-3) and 15 * 2^(23-3). */
const SMALLEST = 2 ** -40;
const LARGEST = 15 * 2 ** 20;

/** The neighbours of x in double precision. */
function below(x: number): number {
  return x * (1 - 2 ** -53);
}
function above(x: number): number {
  return x * (1 + 2 ** -52);
}

function checkStep(s: number): void {
  const code = stepCodeAtLeast(s);
  const v = stepValue(code);
  expect(Number.isInteger(code.mantissa) && code.mantissa >= 0 && code.mantissa <= 7, `mantissa for ${s}`).toBe(true);
  expect(code.exponent + STEP_EXPONENT_BIAS).toBeGreaterThanOrEqual(0);
  expect(code.exponent + STEP_EXPONENT_BIAS).toBeLessThan(64);
  expect(v, `step for ${s}`).toBeGreaterThanOrEqual(s);
  // Grid points are 1/8 apart relative to the leading power of two, so rounding up costs less than 12.5%.
  expect(v, `step for ${s}`).toBeLessThan(s * 1.125);
  // And it is the smallest such grid point: the one below it (if storable) is below s.
  const prev = code.mantissa > 0 ? { mantissa: code.mantissa - 1, exponent: code.exponent } : { mantissa: 7, exponent: code.exponent - 1 };
  if (prev.exponent + STEP_EXPONENT_BIAS >= 0) expect(stepValue(prev), `grid point below the step for ${s}`).toBeLessThan(s);
}

describe("levels", () => {
  it("Q = 2^(bits-1) - 1 for 2..9 bits", () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9].map(levels)).toEqual([1, 3, 7, 15, 31, 63, 127, 255]);
    expect(MIN_BITS).toBe(2);
    expect(MAX_BITS).toBe(9);
  });

  it("out-of-range or fractional bit widths throw RangeError", () => {
    for (const b of [1, 10, 0, -3, 2.5, NaN, Infinity]) expect(() => levels(b), String(b)).toThrow(RangeError);
    expect(() => quantizeTensor([1, 2], 1)).toThrow(RangeError);
    expect(() => quantizeTensor([1, 2], 10)).toThrow(/bit width 10/);
  });
});

describe("stepValue / stepCodeAtLeast", () => {
  it("stepValue is (8 + m) * 2^(e - 3)", () => {
    expect(stepValue({ mantissa: 0, exponent: 0 })).toBe(1);
    expect(stepValue({ mantissa: 4, exponent: 0 })).toBe(1.5);
    expect(stepValue({ mantissa: 7, exponent: -2 })).toBe(15 / 32);
    expect(stepValue({ mantissa: 0, exponent: -STEP_EXPONENT_BIAS })).toBe(SMALLEST);
    expect(stepValue({ mantissa: 7, exponent: 63 - STEP_EXPONENT_BIAS })).toBe(LARGEST);
  });

  it("exact powers of two map to mantissa 0, and their neighbours round the right way", () => {
    for (let e = -40; e <= 23; e++) {
      const s = 2 ** e;
      expect(stepCodeAtLeast(s), `2^${e}`).toEqual({ mantissa: 0, exponent: e });
      checkStep(s);
      if (e > -40) {
        // Just below a power of two the smallest grid point >= s is the power of two itself.
        expect(stepValue(stepCodeAtLeast(below(s))), `below 2^${e}`).toBe(s);
        checkStep(below(s));
      }
      if (e < 23) {
        // Just above, it is the next grid point, 9/8 of it.
        expect(stepValue(stepCodeAtLeast(above(s))), `above 2^${e}`).toBe(s * 1.125);
        checkStep(above(s));
      }
    }
  });

  it("every grid point maps to itself, and the values just above and below it round correctly", () => {
    for (let e = -39; e <= 22; e++) {
      for (let m = 0; m < 8; m++) {
        const code = { mantissa: m, exponent: e };
        const v = stepValue(code);
        expect(stepCodeAtLeast(v)).toEqual(code);
        checkStep(below(v));
        checkStep(above(v));
        expect(stepValue(stepCodeAtLeast(below(v)))).toBe(v);
      }
    }
  });

  it("holds for 20,000 log-uniform steps", () => {
    const rng = createRng(11);
    for (let i = 0; i < 20_000; i++) checkStep(2 ** (-40 + rng.next() * 63.9));
  });

  it("throws for non-positive, non-finite and unstorably large steps", () => {
    for (const s of [0, -1, NaN, Infinity, -Infinity]) expect(() => stepCodeAtLeast(s), String(s)).toThrow(RangeError);
    expect(() => stepCodeAtLeast(above(LARGEST))).toThrow(/out of the storable range/);
    expect(() => stepCodeAtLeast(2 ** 24)).toThrow(/out of the storable range/);
    expect(stepValue(stepCodeAtLeast(LARGEST))).toBe(LARGEST);
  });

  // Below the smallest storable step (2^-40), that step is the smallest one >= step, so tiny tensors round to zeros.
  it("steps below the smallest storable one round up to it", () => {
    expect(stepCodeAtLeast(2 ** -41)).toEqual({ mantissa: 0, exponent: -STEP_EXPONENT_BIAS });
    expect(stepCodeAtLeast(15 * 2 ** -44)).toEqual({ mantissa: 0, exponent: -STEP_EXPONENT_BIAS });
    expect(stepCodeAtLeast(below(SMALLEST))).toEqual({ mantissa: 0, exponent: -STEP_EXPONENT_BIAS });
  });
  it("a tensor of tiny values quantizes to zeros", () => {
    expect(Array.from(quantizeTensor([1e-13, -1e-14], 8).q)).toEqual([0, 0]);
  });
});

describe("quantizeTensor / dequantize", () => {
  /** Squared error of a step, computed here: round half up (Math.round), clamp to [-Q, Q]. */
  function errorOf(values: ArrayLike<number>, s: number, Q: number): number {
    let e = 0;
    for (let i = 0; i < values.length; i++) {
      const q = Math.max(-Q, Math.min(Q, Math.floor(values[i]! / s + 0.5)));
      e += (values[i]! - q * s) ** 2;
    }
    return e;
  }

  function check(values: Float32Array | number[], bits: number): void {
    const Q = levels(bits);
    const t = quantizeTensor(values, bits);
    expect(t.bits).toBe(bits);
    const s = stepValue(t.step);
    let maxAbs = 0;
    for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
    const noClip = stepValue(stepCodeAtLeast(maxAbs / Q));
    // Never coarser than the step that clips nothing, and never worse than it in squared error.
    expect(s).toBeLessThanOrEqual(noClip);
    expect(errorOf(values, s, Q)).toBeLessThanOrEqual(errorOf(values, noClip, Q) * (1 + 1e-12));
    // The least error among the documented candidates (max |w| / Q and k/40 of it, each rounded up to a storable step).
    const candidates = [noClip, ...Array.from({ length: 40 }, (_, k) => stepValue(stepCodeAtLeast(((k + 1) / 40) * (maxAbs / Q))))];
    expect(errorOf(values, s, Q)).toBeLessThanOrEqual(Math.min(...candidates.map((c) => errorOf(values, c, Q))) * (1 + 1e-12));
    const back = dequantize(t);
    expect(back.length).toBe(values.length);
    for (let i = 0; i < values.length; i++) {
      const q = t.q[i]!;
      expect(q).toBe(Math.max(-Q, Math.min(Q, Math.floor(values[i]! / s + 0.5))));
      expect(back[i]).toBe(q * s);
      // Values inside the grid are off by at most half a step.
      if (Math.abs(values[i]!) <= Q * s) expect(Math.abs(back[i]! - values[i]!)).toBeLessThanOrEqual((s / 2) * (1 + 1e-12));
    }
  }

  it("bounds the error by half a step, at every bit width, on seeded random tensors", () => {
    const rng = createRng(3);
    for (let bits = MIN_BITS; bits <= MAX_BITS; bits++) {
      for (let trial = 0; trial < 20; trial++) {
        const scale = 2 ** (-12 + 20 * rng.next());
        const n = 1 + rng.int(300);
        const values = Float32Array.from({ length: n }, () => rng.normal() * scale);
        check(values, bits);
      }
    }
  });

  it("maps a tensor that already sits on its grid exactly", () => {
    // max 7 at 4 bits: step 1, the values come back unchanged.
    const values = [7, -7, 3, 0, -1, 6];
    const t = quantizeTensor(values, 4);
    expect(t.step).toEqual({ mantissa: 0, exponent: 0 });
    expect(Array.from(t.q)).toEqual(values);
    expect(Array.from(dequantize(t))).toEqual(values);
  });

  it("an all-zero tensor gets the smallest step and all-zero levels", () => {
    const t = quantizeTensor(new Float32Array(5), 6);
    expect(t.step).toEqual({ mantissa: 0, exponent: -STEP_EXPONENT_BIAS });
    expect(Array.from(t.q)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(dequantize(t))).toEqual([0, 0, 0, 0, 0]);
  });

  it("hand-worked: at 3 bits, clipping the one large value beats the step that keeps it", () => {
    const values = [1, 0.2, -0.6, 11 / 64, -11 / 64];
    const t = quantizeTensor(values, 3);
    // Keeping 1 needs step 11/32 (1/3 rounded up): q = [3, 1, -2, 1, 0], squared error 0.0426.
    // Step 9/32 clips 1 to 27/32 but fits the rest better: q = [3, 1, -2, 1, -1], squared error 0.0396.
    expect(t.step).toEqual({ mantissa: 1, exponent: -2 });
    expect(stepValue(t.step)).toBe(0.28125);
    expect(Array.from(t.q)).toEqual([3, 1, -2, 1, -1]);
    check(values, 3);
  });

  it("a tensor that would need an unstorable step throws RangeError rather than clipping", () => {
    expect(() => quantizeTensor([1e30, -1e30, 3], 8)).toThrow(/out of the storable range/);
    check([LARGEST * 127, 1], 8); // the largest storable step
  });
});
