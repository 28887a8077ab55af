import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { stochasticNoiseBits } from "../../../src/lib/stats/stochastic-noise.ts";

describe("stochasticNoiseBits", () => {
  it("is zero for black and white pixels and one bit for each pixel at one half (by hand)", () => {
    // 51/255 = 0.2: H_b(0.2) = -(0.2 log2 0.2 + 0.8 log2 0.8) = 0.721928...
    const pixels = Uint8Array.from([0, 255, 51, 0, 51, 51, 255, 255]);
    expect(stochasticNoiseBits({ count: 2, rows: 2, cols: 2, pixels })).toBeCloseTo((3 * 0.7219280948873623) / 2, 12);
  });

  it("equals a direct per-pixel sum on MNIST's test images, about 66 bits per image", () => {
    const { test } = loadMnistNode();
    let direct = 0;
    for (const v of test.pixels) {
      const p = v / 255;
      if (p > 0 && p < 1) direct -= p * Math.log2(p) + (1 - p) * Math.log2(1 - p);
    }
    const bits = stochasticNoiseBits(test);
    expect(bits).toBeCloseTo(direct / test.count, 9);
    expect(bits).toBeGreaterThan(60);
    expect(bits).toBeLessThan(72);
  });
});
