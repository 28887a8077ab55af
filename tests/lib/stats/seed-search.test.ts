import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { countPixels, onCounts } from "../../../src/lib/stats/pixel-counts.ts";
import { SEED_READINGS, seedSearch, type SeedReadingId } from "../../../src/lib/stats/seed-search.ts";

function reading(id: SeedReadingId) {
  const r = SEED_READINGS.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
}

describe("seed readings on a hand-worked histogram (on-counts 1, 1, 2, 0 over 3 images)", () => {
  const on = [1, 1, 2, 0];
  const L = Math.log2(3);
  it.each([
    ["normalized-histogram-entropy", 1.5],
    ["unnormalized-heatmap-entropy", (4 / 3) * L - 2 / 3],
    ["independent-pixel-entropy", 3 * L - 2],
    ["normalized-histogram-binary-entropies", 5 - 1.5 * L],
    ["pooled-binary-entropy", 4 * L - 8 / 3],
  ] as const)("%s = %d bits", (id, expected) => {
    expect(reading(id).bits(on, 3)).toBeCloseTo(expected, 13);
  });
});

describe("the seed's 191 bits on MNIST", () => {
  const mnist = loadMnistNode();

  it("comes from -sum p_i log2 p_i of the any-ink heatmap (p_i = on-count / 60,000), by a direct rescan", async () => {
    const anyInk = new Float64Array(784);
    for (let n = 0; n < 60000; n++) {
      for (let i = 0; i < 784; i++) if (mnist.train.pixels[n * 784 + i] !== 0) anyInk[i] = (anyInk[i] as number) + 1;
    }
    let nats = 0;
    for (const c of anyInk) if (c > 0) nats -= (c / 60000) * Math.log(c / 60000);
    const direct = nats / Math.LN2;
    expect(direct).toBeGreaterThan(190);
    expect(direct).toBeLessThan(191);

    const train = await countPixels(mnist.train);
    const test = await countPixels(mnist.test);
    const search = seedSearch(train, test);
    expect(search.best.reading).toBe("unnormalized-heatmap-entropy");
    expect(search.best.data).toBe("train");
    expect(search.best.unit).toBe("bits");
    expect(search.best.binarization).toEqual({ kind: "threshold", threshold: 0 });
    expect(search.best.value).toBeCloseTo(direct, 9);
    expect(search.best.value).toBeCloseTo(190.7876, 4);

    // The table holds every reading x unit x data set x (3 conventions + 1 closest threshold).
    expect(search.rows).toHaveLength(SEED_READINGS.length * 2 * 2 * 4);
    // The normalized histogram (what "normalize to a distribution" means) cannot exceed log2 784 bits.
    for (const r of search.rows.filter((x) => x.reading === "normalized-histogram-entropy" && x.unit === "bits")) {
      expect(r.value).toBeLessThanOrEqual(Math.log2(784));
    }

    // Each "closest threshold" row is a local best and matches the count-derived value at its threshold.
    for (const r of search.rows.filter((x) => x.chosenBy === "closest threshold" && x.data === "train")) {
      if (r.binarization.kind !== "threshold") throw new Error("closest rows are thresholds");
      const t = r.binarization.threshold;
      const valueAt = (u: number): number => {
        const bits = reading(r.reading).bits(onCounts(train, { kind: "threshold", threshold: u }), 60000);
        return r.unit === "bits" ? bits : bits * Math.LN2;
      };
      expect(r.value).toBeCloseTo(valueAt(t), 9);
      for (const u of [t - 1, t + 1].filter((x) => x >= 0 && x <= 254)) {
        expect(Math.abs(valueAt(u) - 191)).toBeGreaterThanOrEqual(Math.abs(r.value - 191));
      }
    }
  });
});
