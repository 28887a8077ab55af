import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { mixtureCodeLength, scoreTables, type BernoulliMixture } from "../../../src/lib/stats/bernoulli-mixture.ts";
import type { Binarization } from "../../../src/lib/stats/binarization.ts";
import { classConditionalMixture, crossEntropyFromCounts, smoothedProbabilities } from "../../../src/lib/stats/independent-model.ts";
import { countPixels, countPixelsSync, onCounts } from "../../../src/lib/stats/pixel-counts.ts";
import { sparseBinaryImages, type SparseBinaryImages } from "../../../src/lib/stats/sparse-images.ts";
import { sliceSplit } from "./helpers.ts";

const T127: Binarization = { kind: "threshold", threshold: 127 };

function sparse(pixels: number, images: number[][]): SparseBinaryImages {
  const offsets = [0];
  for (const img of images) offsets.push((offsets.at(-1) as number) + img.length);
  return {
    count: images.length,
    pixels,
    offsets: Uint32Array.from(offsets),
    on: Uint16Array.from(images.flat()),
    sourceIndex: Uint32Array.from(images.keys()),
  };
}

describe("mixtureCodeLength", () => {
  it("matches a hand-worked two-pixel, two-component mixture", async () => {
    const model: BernoulliMixture = {
      components: 2,
      pixels: 2,
      weights: Float64Array.from([0.25, 0.75]),
      means: Float64Array.from([0.5, 0.5, 0.9, 0.2]),
    };
    // P(1,0) = .25*.25 + .75*.9*.8 = .6025; P(0,0) = .0625 + .75*.1*.8 = .1225; P(1,1) = .0625 + .75*.9*.2 = .1975.
    const r = await mixtureCodeLength(model, sparse(2, [[0], [], [0, 1]]));
    expect(r.totalBits).toBeCloseTo(-Math.log2(0.6025) - Math.log2(0.1225) - Math.log2(0.1975), 12);
    expect(r.bitsPerImage).toBeCloseTo(r.totalBits / 3, 14);
  });

  it("rejects a mean of exactly 0 or 1", () => {
    const model: BernoulliMixture = {
      components: 1,
      pixels: 2,
      weights: Float64Array.of(1),
      means: Float64Array.of(0, 0.5),
    };
    expect(() => scoreTables(model)).toThrow(RangeError);
  });

  it("with one component equals the independent model's count-based code length (MNIST test set)", async () => {
    const { train, test } = loadMnistNode();
    const trainCounts = countPixelsSync(sliceSplit(train, 5000));
    const testCounts = await countPixels(test);
    const q = smoothedProbabilities(onCounts(trainCounts, T127), 5000, 0.5);
    const one: BernoulliMixture = { components: 1, pixels: 784, weights: Float64Array.of(1), means: q };
    const r = await mixtureCodeLength(one, await sparseBinaryImages(test, T127));
    expect(r.bitsPerImage).toBeCloseTo(crossEntropyFromCounts(q, onCounts(testCounts, T127), 10000), 9);
  });

  it("the class-conditional mixture equals a dense natural-log computation on 500 test images", async () => {
    const { train, test } = loadMnistNode();
    const model = classConditionalMixture(await countPixels(train), T127);
    const held = sliceSplit(test, 500);
    const r = await mixtureCodeLength(model, await sparseBinaryImages(held, T127));
    let nats = 0;
    const logJoint = new Float64Array(10);
    for (let n = 0; n < 500; n++) {
      for (let k = 0; k < 10; k++) {
        let s = Math.log(model.weights[k] as number);
        for (let i = 0; i < 784; i++) {
          const mu = model.means[k * 784 + i] as number;
          s += Math.log((held.pixels[n * 784 + i] as number) > 127 ? mu : 1 - mu);
        }
        logJoint[k] = s;
      }
      const m = Math.max(...logJoint);
      nats -= m + Math.log(logJoint.reduce((acc, v) => acc + Math.exp(v - m), 0));
    }
    expect(r.bitsPerImage).toBeCloseTo(nats / Math.LN2 / 500, 8);
  });
});
