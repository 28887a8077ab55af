import { describe, expect, it } from "vitest";
import {
  binarizeImages,
  binarizeInto,
  describeBinarization,
  imageRng,
  onProbabilityByValue,
  thresholdBinarization,
} from "../../../src/lib/stats/binarization.ts";

describe("threshold binarization", () => {
  it.each([
    { threshold: 127, on: [0, 0, 0, 1, 1, 1] },
    { threshold: 0, on: [0, 1, 1, 1, 1, 1] },
  ])("turns a pixel on iff its value is strictly above t = $threshold", ({ threshold, on }) => {
    const out = new Uint8Array(6);
    binarizeInto(Uint8Array.from([0, 1, 127, 128, 254, 255]), { kind: "threshold", threshold }, out);
    expect([...out]).toEqual(on);
  });

  it("has the matching 0/1 weight table and labels", () => {
    const w = onProbabilityByValue({ kind: "threshold", threshold: 200 });
    expect(w[200]).toBe(0);
    expect(w[201]).toBe(1);
    expect(w.reduce((s, x) => s + x, 0)).toBe(55);
    expect(describeBinarization({ kind: "threshold", threshold: 0 })).toBe("> 0");
  });

  it("accepts only integer thresholds 0..254", () => {
    expect(() => thresholdBinarization(255)).toThrow(RangeError);
    expect(() => thresholdBinarization(1.5)).toThrow(RangeError);
    expect(thresholdBinarization(254)).toEqual({ kind: "threshold", threshold: 254 });
  });
});

describe("stochastic binarization", () => {
  it("weights value v by v/255", () => {
    const w = onProbabilityByValue({ kind: "stochastic" });
    expect(w[0]).toBe(0);
    expect(w[255]).toBe(1);
    expect(w[51]).toBeCloseTo(0.2, 15);
  });

  it("samples each pixel on with frequency value/255 (seeded), never for 0 and always for 255", () => {
    const values = [0, 51, 128, 204, 255];
    const image = Uint8Array.from({ length: 20_000 }, (_, i) => values[i % values.length] as number);
    const out = new Uint8Array(image.length);
    binarizeInto(image, { kind: "stochastic" }, out, imageRng(7, 0));
    values.forEach((v, j) => {
      let on = 0;
      for (let i = j; i < image.length; i += values.length) on += out[i] as number;
      const share = on / (image.length / values.length);
      if (v === 0) expect(share).toBe(0);
      else if (v === 255) expect(share).toBe(1);
      // 4000 draws: standard error at most 0.008, so 0.03 is nearly four of them.
      else expect(Math.abs(share - v / 255)).toBeLessThan(0.03);
    });
  });

  it("gives an image the same bits whichever images are binarized with it", () => {
    const pixels = Uint8Array.from({ length: 4 * 16 }, (_, i) => (i * 37) % 256);
    const all = binarizeImages(pixels, 16, { kind: "stochastic" }, { seed: 3 });
    const third = binarizeImages(pixels, 16, { kind: "stochastic" }, { seed: 3, first: 2, count: 1 });
    expect([...third]).toEqual([...all.subarray(32, 48)]);
    const otherSeed = binarizeImages(pixels, 16, { kind: "stochastic" }, { seed: 4 });
    expect([...otherSeed]).not.toEqual([...all]);
    expect(() => binarizeImages(pixels, 16, { kind: "stochastic" })).toThrow(/seed/);
  });
});
