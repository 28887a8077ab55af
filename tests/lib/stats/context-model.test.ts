import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { binarizeImages, type Binarization } from "../../../src/lib/stats/binarization.ts";
import { CONTEXT_NEIGHBOURS, contextModelCodeLengths, LAPLACE_ESTIMATOR } from "../../../src/lib/stats/context-model.ts";
import { countPixels, meanOnPixels } from "../../../src/lib/stats/pixel-counts.ts";
import { logGamma, sliceSplit, tinySplit } from "./helpers.ts";

const T127: Binarization = { kind: "threshold", threshold: 127 };
const { train } = loadMnistNode();

/** Second implementation: bounds checks instead of a frame, string keys, a log per pixel. */
function naiveContextBits(bits: Uint8Array, count: number, rows: number, cols: number, k: number, a: number): number {
  const table = new Map<string, [number, number]>();
  let total = 0;
  for (let n = 0; n < count; n++) {
    const at = (r: number, c: number): number => (r < 0 || c < 0 || c >= cols ? 0 : (bits[n * rows * cols + r * cols + c] as number));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const key = CONTEXT_NEIGHBOURS.slice(0, k)
          .map(({ dx, dy }) => at(r + dy, c + dx))
          .join("");
        const counts = table.get(key) ?? [0, 0];
        const x = at(r, c);
        const pOn = (counts[1] + a) / (counts[0] + counts[1] + 2 * a);
        total -= Math.log2(x === 1 ? pOn : 1 - pOn);
        counts[x === 1 ? 1 : 0] += 1;
        table.set(key, counts);
      }
    }
  }
  return total;
}

/** Closed form of the sequential estimator with one context: -log2 [B(n1 + a, n0 + a) / B(a, a)]. */
function oneContextBits(ones: number, zeros: number, a: number): number {
  const lnB = (x: number, y: number): number => logGamma(x) + logGamma(y) - logGamma(x + y);
  return -(lnB(ones + a, zeros + a) - lnB(a, a)) / Math.LN2;
}

describe("the neighbour template", () => {
  it("is JBIG's ten-pixel three-line template, nearest neighbours first, all already coded", () => {
    const offsets = CONTEXT_NEIGHBOURS.map(({ dx, dy }) => `${dx},${dy}`).sort();
    const jbig = ["-1,0", "-2,0", "-2,-1", "-1,-1", "0,-1", "1,-1", "2,-1", "-1,-2", "0,-2", "1,-2"].sort();
    expect(offsets).toEqual(jbig);
    const d = CONTEXT_NEIGHBOURS.map(({ dx, dy }) => dx * dx + dy * dy);
    expect(d).toEqual([...d].sort((x, y) => x - y));
    for (const { dx, dy } of CONTEXT_NEIGHBOURS) expect(dy < 0 || (dy === 0 && dx < 0)).toBe(true);
  });
});

describe("contextModelCodeLengths", () => {
  it("matches hand-worked code lengths on a 1 x 2 image of two inked pixels", async () => {
    const split = tinySplit(1, 2, [[255, 255]], [0]);
    // One context, KT: P(1) = 1/2, then (1 + 1/2) / (1 + 1) = 3/4.
    const [k0, k1] = await contextModelCodeLengths(split, T127, { templateSizes: [0, 1] });
    expect(k0?.totalBits).toBeCloseTo(1 + Math.log2(4 / 3), 14);
    // With the W neighbour the two pixels fall in different fresh contexts: 1 bit each.
    expect(k1?.totalBits).toBeCloseTo(2, 14);
    expect(k1?.contextsSeen).toBe(2);
  });

  it("with template 0 equals the closed-form sequential KT and Laplace code lengths (2,000 MNIST images)", async () => {
    const slice = sliceSplit(train, 2000);
    let ones = 0;
    for (let j = 0; j < slice.pixels.length; j++) if ((slice.pixels[j] as number) > 127) ones++;
    const zeros = slice.pixels.length - ones;
    const [kt] = await contextModelCodeLengths(slice, T127, { templateSizes: [0] });
    const [laplace] = await contextModelCodeLengths(slice, T127, {
      templateSizes: [0],
      pseudoCount: LAPLACE_ESTIMATOR,
    });
    expect(kt?.totalBits).toBeCloseTo(oneContextBits(ones, zeros, 0.5), 3);
    expect(laplace?.totalBits).toBeCloseTo(oneContextBits(ones, zeros, 1), 3);
  });

  it("with template 0 on the full training set equals the closed form from the pixel counts", async () => {
    const pc = await countPixels(train);
    const ones = Math.round(meanOnPixels(pc, T127) * 60000);
    const [kt] = await contextModelCodeLengths(train, T127, { templateSizes: [0] });
    expect(kt?.totalBits).toBeCloseTo(oneContextBits(ones, 60000 * 784 - ones, 0.5), 2);
    expect(kt?.bitsPerImage).toBeCloseTo(441.862, 3);
  });

  it("equals a naive reimplementation for every template size 0..10 (150 MNIST images, > 127 and stochastic)", async () => {
    const slice = sliceSplit(train, 150);
    for (const b of [T127, { kind: "stochastic" } as const]) {
      const results = await contextModelCodeLengths(slice, b, { seed: 21 });
      const bits = binarizeImages(slice.pixels, 784, b, { seed: 21 });
      expect(results.map((r) => r.templateSize)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const r of results) {
        expect(r.totalBits).toBeCloseTo(naiveContextBits(bits, 150, 28, 28, r.templateSize, 0.5), 6);
        expect(r.neighbours).toHaveLength(r.templateSize);
      }
    }
  });

  it("gives the same numbers in one pass for all sizes as in separate passes", async () => {
    const slice = sliceSplit(train, 300);
    const all = await contextModelCodeLengths(slice, T127, { templateSizes: [3, 10, 7] });
    for (const r of all) {
      const [alone] = await contextModelCodeLengths(slice, T127, { templateSizes: [r.templateSize] });
      expect(alone?.totalBits).toBe(r.totalBits);
    }
  });

  it("needs a seed for stochastic binarization, reports progress and stops when aborted", async () => {
    const slice = sliceSplit(train, 400);
    await expect(contextModelCodeLengths(slice, { kind: "stochastic" })).rejects.toThrow(/seed/);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = contextModelCodeLengths(slice, T127, {
      sliceMs: 0,
      signal: controller.signal,
      onProgress: (f) => {
        seen.push(f);
        if (seen.length === 3) controller.abort(new DOMException("cancel", "AbortError"));
      },
    });
    await expect(run).rejects.toThrow("cancel");
    expect(seen).toEqual([1 / 400, 2 / 400, 3 / 400]);
  });
});
