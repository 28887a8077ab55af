import { describe, expect, it } from "vitest";
import {
  empiricalEntropy,
  maxLevel,
  pruneByMagnitude,
  quantizeModel,
  quantizeTensor,
  tensorCodeLength,
} from "../../../src/lib/mdl/quantize.ts";
import { smallestAtLeast, type TwoPartCell } from "../../../src/lib/mdl/results.ts";
import { createRng } from "../../../src/lib/random.ts";

const w = (values: number[], name = "fc1.weight") => ({ name, shape: [values.length], values: Float32Array.from(values) });

/** A second, deliberately plain implementation of the same code length (sorting instead of maps). */
function naiveCodeLength(values: Float32Array, bits: number): number {
  if (bits === 32) return 32 * values.length;
  const levels = 2 ** (bits - 1) - 1;
  const maxAbs = Math.max(...Array.from(values, Math.abs));
  const step = Math.fround(maxAbs / levels);
  const q = Array.from(values, (v) => (step === 0 ? 0 : Math.min(levels, Math.max(-levels, Math.round(v / step))))).sort((a, b) => a - b);
  let h = 0;
  let run = 1;
  for (let i = 1; i <= q.length; i++) {
    if (i < q.length && q[i] === q[i - 1]) run++;
    else {
      h += run * Math.log2(q.length / run);
      run = 1;
    }
  }
  const range = (q.at(-1) ?? 0) - (q[0] ?? 0) + 1;
  const entropy = 33 + 2 * bits + range * Math.ceil(Math.log2(q.length + 1)) + h;
  return Math.min(entropy, 33 + bits * q.length);
}

describe("quantization", () => {
  it("puts weights on a symmetric grid through zero", () => {
    expect(maxLevel(2)).toBe(1);
    expect(maxLevel(8)).toBe(127);
    const t = quantizeTensor(w([-1, -0.4, 0, 0.2, 0.6, 1]), 2);
    expect(t.step).toBe(1);
    expect(Array.from(t.symbols)).toEqual([-1, 0, 0, 0, 1, 1]);
    expect(Array.from(t.values)).toEqual([-1, 0, 0, 0, 1, 1]);
    const t3 = quantizeTensor(w([-3, 1, 2]), 3);
    expect(t3.step).toBe(1);
    expect(Array.from(t3.symbols)).toEqual([-3, 1, 2]);
  });

  it("keeps float32 as is at 32 bits and an all-zero tensor at zero", () => {
    const t = quantizeTensor(w([0.1, -0.2]), 32);
    expect(Array.from(t.values)).toEqual(Array.from(Float32Array.from([0.1, -0.2])));
    expect(tensorCodeLength(t).total).toBe(64);
    const z = quantizeTensor(w([0, 0, 0]), 4);
    expect(Array.from(z.values)).toEqual([0, 0, 0]);
  });

  it("has error at most half a step", () => {
    const rng = createRng(3);
    const values = Array.from({ length: 500 }, () => rng.next() * 2 - 1);
    for (const b of [2, 3, 4, 6, 8, 16]) {
      const t = quantizeTensor(w(values), b);
      const err = Math.max(...values.map((v, i) => Math.abs(v - (t.values[i] as number))));
      expect(err).toBeLessThanOrEqual(t.step / 2 + 1e-7);
    }
  });

  it("counts bits by hand on a small case", () => {
    // 2 bits: symbols [-1,0,0,0,1,1]: H = -(1/6 log 1/6 + 1/2 log 1/2 + 1/3 log 1/3); fixed = 33 + 12 = 45;
    // entropy = 33 + 4 + 3·⌈log2 7⌉ + 6H = 46 + 6H > 45, so fixed wins.
    const t = quantizeTensor(w([-1, -0.4, 0, 0.2, 0.6, 1]), 2);
    const c = tensorCodeLength(t);
    expect(c.method).toBe("fixed");
    expect(c.total).toBe(45);
    const h = -(1 / 6) * Math.log2(1 / 6) - 0.5 * Math.log2(0.5) - (1 / 3) * Math.log2(1 / 3);
    expect(empiricalEntropy(t.symbols)).toBeCloseTo(h, 14);
    // 1,000 zeros and one 1 at 8 bits: entropy coding wins by far.
    const sparse = quantizeTensor(w([...new Array<number>(1000).fill(0), 1]), 8);
    const s = tensorCodeLength(sparse);
    expect(s.method).toBe("entropy");
    const h2 = (1000 / 1001) * Math.log2(1001 / 1000) + (1 / 1001) * Math.log2(1001);
    expect(s.total).toBeCloseTo(33 + 16 + 128 * 10 + 1001 * h2, 9);
  });

  it("agrees with a naive implementation on random tensors", () => {
    const rng = createRng(11);
    for (const n of [10, 300, 5000]) {
      const values = Float32Array.from({ length: n }, () => (rng.next() - 0.5) * (rng.next() < 0.1 ? 4 : 0.5));
      for (const b of [32, 16, 8, 6, 4, 3, 2]) {
        expect(tensorCodeLength(quantizeTensor(w(Array.from(values)), b)).total).toBeCloseTo(naiveCodeLength(values, b), 6);
      }
    }
  });

  it("prunes exactly the smallest magnitudes and sums tensors", () => {
    const p = pruneByMagnitude([w([0.5, -0.1, 0.3, -0.2])], 0.5);
    expect(Array.from(p[0]?.values ?? [])).toEqual(Array.from(Float32Array.from([0.5, 0, 0.3, 0])));
    const m = quantizeModel([w([1, -1, 0.5]), w([0.25, 0.5], "fc1.bias")], 32, 0);
    expect(m.modelBits).toBe(5 * 32);
    const q = quantizeModel([w([1, -1, 0.5, 0.01]), w([0.25, 0.5], "fc1.bias")], 4, 0.25);
    expect(q.modelBits).toBe(q.codes[0]!.total + q.codes[1]!.total);
    expect(q.weights[0]?.values[3]).toBe(0);
  });
});

describe("smallest model at 99%", () => {
  it("picks the fewest bits among cells at or above the target", () => {
    const cell = (modelBits: number, testAccuracy: number): TwoPartCell => ({
      arch: "a",
      params: 1,
      bits: 8,
      pruneFraction: 0,
      modelBits,
      testAccuracy,
      testBitsPerLabel: 0,
    });
    const cells = [cell(100, 0.989), cell(200, 0.99), cell(150, 0.991), cell(300, 0.995)];
    expect(smallestAtLeast(cells)?.modelBits).toBe(150);
    expect(smallestAtLeast([cell(1, 0.5)])).toBeUndefined();
  });
});
