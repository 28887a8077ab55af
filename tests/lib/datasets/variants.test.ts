import { describe, expect, it } from "vitest";
import type { Split } from "../../../src/lib/data/mnist.ts";
import { binarize, classSubset, downsample, pixelNoise, randomLabels, randomShifts, upsample } from "../../../src/lib/datasets/variants.ts";

/** Two 4×4 images: a ramp 0..15 times 16, and its reverse. */
const split: Split = {
  count: 2,
  rows: 4,
  cols: 4,
  pixels: Uint8Array.from([...Array.from({ length: 16 }, (_, i) => i * 16), ...Array.from({ length: 16 }, (_, i) => (15 - i) * 16)]),
  labels: Uint8Array.from([3, 7]),
};

describe("dataset variants", () => {
  it("downsampling averages each square, by hand", () => {
    const d = downsample(split, 2);
    expect([d.rows, d.cols, d.count]).toEqual([2, 2, 2]);
    // Top-left square of the ramp: 0, 16, 64, 80 → mean 40.
    expect(Array.from(d.pixels.subarray(0, 4))).toEqual([40, 72, 168, 200]);
    expect(downsample(split, 4).pixels[0]).toBe(120);
    expect(() => downsample(split, 3)).toThrow(RangeError);
  });

  it("random labels are seeded, uniform over the classes, and leave the images alone", () => {
    const big: Split = { ...split, count: 10_000, labels: new Uint8Array(10_000), pixels: new Uint8Array(10_000 * 16) };
    const a = randomLabels(big, 5);
    expect(Array.from(randomLabels(big, 5).labels)).toEqual(Array.from(a.labels));
    expect(a.pixels).toBe(big.pixels);
    const counts = new Array<number>(10).fill(0);
    for (const l of a.labels) counts[l]!++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });

  it("noise changes about the asked fraction of pixels; p = 0 changes none", () => {
    const big: Split = { ...split, count: 1, rows: 100, cols: 100, pixels: new Uint8Array(10_000).fill(7) };
    const n = pixelNoise(big, 1, 0.2);
    const changed = n.pixels.reduce((a, v) => a + (v !== 7 ? 1 : 0), 0);
    expect(changed / 10_000).toBeGreaterThan(0.17);
    expect(changed / 10_000).toBeLessThan(0.21);
    expect(Array.from(pixelNoise(big, 1, 0).pixels)).toEqual(Array.from(big.pixels));
  });

  it("shifts move whole images and keep the ink that stays inside", () => {
    const dot: Split = { count: 50, rows: 5, cols: 5, pixels: new Uint8Array(50 * 25), labels: new Uint8Array(50) };
    for (let i = 0; i < 50; i++) dot.pixels[i * 25 + 12] = 255;
    const s = randomShifts(dot, 2, 2);
    for (let i = 0; i < 50; i++) {
      const img = s.pixels.subarray(i * 25, (i + 1) * 25);
      expect(img.reduce((a, v) => a + v, 0)).toBe(255);
    }
    expect(Array.from(randomShifts(dot, 2, 0).pixels)).toEqual(Array.from(dot.pixels));
  });

  it("binarization and class subsets, by hand", () => {
    expect(Array.from(binarize(split, 127).pixels.subarray(6, 10))).toEqual([0, 0, 255, 255]);
    const sub = classSubset({ ...split, count: 2 }, [7, 3]);
    expect(sub.count).toBe(2);
    expect(Array.from(sub.labels)).toEqual([1, 0]);
    const only = classSubset(split, [7, 1]);
    expect(only.count).toBe(1);
    expect(Array.from(only.pixels)).toEqual(Array.from(split.pixels.subarray(16)));
    expect(() => classSubset(split, [1])).toThrow(RangeError);
  });

  it("upsampling repeats pixels, and downsampling undoes it exactly", () => {
    const up = upsample(split, 2);
    expect([up.rows, up.cols]).toEqual([8, 8]);
    expect(Array.from(up.pixels.subarray(0, 4))).toEqual([0, 0, 16, 16]);
    expect(Array.from(downsample(up, 2).pixels)).toEqual(Array.from(split.pixels));
    expect(upsample(split, 1)).toBe(split);
  });
});
