import { describe, expect, it } from "vitest";
import { bitsLadder } from "../../../src/lib/stats/bits-ladder.ts";
import { PUBLISHED_DENSITY_RESULTS, publishedBits } from "../../../src/lib/stats/published.ts";

describe("published density results", () => {
  it("convert nats to bits with 1 nat = 1.4427 bits", () => {
    const pixelRnn = PUBLISHED_DENSITY_RESULTS.find((r) => r.model.startsWith("PixelRNN"));
    if (!pixelRnn) throw new Error("PixelRNN missing");
    expect(pixelRnn.nats).toBe(79.2);
    expect(publishedBits(pixelRnn)).toBeCloseTo(79.2 * 1.4427, 2);
  });

  it("carry the references' verification tags: NADE, RBM and the Bernoulli mixture are unverified", () => {
    const unverified = PUBLISHED_DENSITY_RESULTS.filter((r) => !r.verified).map((r) => r.model);
    expect(unverified.sort()).toEqual(["Mixture of 500 Bernoullis", "NADE", "RBM (500 hidden units)"]);
  });
});

describe("bitsLadder", () => {
  const rungs = bitsLadder({
    binarization: { kind: "threshold", threshold: 127 },
    pixelsPerImage: 784,
    independentTrainEntropy: 297.26,
    contextModel: { templateSize: 10, bitsPerImage: 120.33, images: 60000 },
    labelEntropy: 3.3199,
  });

  it("runs from 784 raw bits down to the label, sorted, with the seed's 191 in between", () => {
    expect(rungs[0]).toMatchObject({ bitsPerImage: 784, kind: "computed" });
    const values = rungs.map((r) => r.bitsPerImage);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(rungs.find((r) => r.kind === "seed")?.bitsPerImage).toBe(191);
    expect(rungs.at(-1)?.bitsPerImage).toBeCloseTo(3.3199, 4);
    expect(rungs.find((r) => r.label.startsWith("A label: log2"))?.bitsPerImage).toBeCloseTo(3.3219, 4);
  });

  it("includes only the computed rungs it was given, and flags unverified published figures", () => {
    expect(rungs.filter((r) => r.kind === "computed")).toHaveLength(5);
    const published = rungs.filter((r) => r.kind === "published");
    expect(published).toHaveLength(PUBLISHED_DENSITY_RESULTS.length);
    for (const r of published) {
      const source = PUBLISHED_DENSITY_RESULTS.find((p) => p.model === r.label);
      expect(r.approximate === true).toBe(!source?.verified || source.approximate === true);
      expect(r.source).toBe(source?.citation);
    }
  });

  it("adds the stochastic reference rungs on the test images, and says which images every rung is measured on", () => {
    const withStochastic = bitsLadder({
      binarization: { kind: "threshold", threshold: 127 },
      pixelsPerImage: 784,
      contextModel: { templateSize: 10, bitsPerImage: 120.33, images: 60000 },
      stochastic: { seed: 7, templateSize: 10, contextBitsPerImage: 151.5, noiseBitsPerImage: 65.7 },
    });
    const context = withStochastic.find((r) => r.bitsPerImage === 151.5);
    expect(context).toMatchObject({ images: "test", binarization: "stochastic, seed 7", kind: "computed" });
    expect(withStochastic.find((r) => r.bitsPerImage === 65.7)?.label).toBe("Coin flips of a stochastic binarization");
    expect(withStochastic.find((r) => r.bitsPerImage === 120.33)?.images).toBe("training");
    // Every published rung is a test-set figure of a fixed or dynamic stochastic binarization.
    for (const r of withStochastic.filter((x) => x.kind === "published")) {
      expect(r.images).toBe("test");
      expect(r.binarization).toMatch(/^(fixed|dynamic) stochastic$/);
    }
    expect(PUBLISHED_DENSITY_RESULTS.filter((r) => r.binarization === "dynamic stochastic").map((r) => r.model.split(" ")[0])).toEqual([
      "LMConv,",
      "IWAE",
    ]);
  });
});
