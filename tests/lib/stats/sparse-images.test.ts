import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { binarizeImages } from "../../../src/lib/stats/binarization.ts";
import { sparseBinaryImages } from "../../../src/lib/stats/sparse-images.ts";

describe("sparseBinaryImages", () => {
  const { train } = loadMnistNode();

  it("lists exactly the on pixels of each image, for a threshold and a seeded stochastic binarization", async () => {
    for (const b of [{ kind: "threshold", threshold: 127 } as const, { kind: "stochastic" } as const]) {
      const dense = binarizeImages(train.pixels, 784, b, { count: 500, seed: 11 });
      const sparse = await sparseBinaryImages(train, b, {
        indices: Array.from({ length: 500 }, (_, i) => i),
        seed: 11,
      });
      expect(sparse.count).toBe(500);
      for (let n = 0; n < 500; n++) {
        const expected: number[] = [];
        for (let i = 0; i < 784; i++) if (dense[n * 784 + i] === 1) expected.push(i);
        expect([...sparse.on.subarray(sparse.offsets[n], sparse.offsets[n + 1])]).toEqual(expected);
      }
    }
  });

  it("keeps an image's stochastic bits when it is taken as part of a subset", async () => {
    const b = { kind: "stochastic" } as const;
    const all = await sparseBinaryImages(train, b, { indices: [0, 1, 2, 3, 4, 5], seed: 5 });
    const some = await sparseBinaryImages(train, b, { indices: [4, 1], seed: 5 });
    expect([...some.sourceIndex]).toEqual([4, 1]);
    expect([...some.on.subarray(0, some.offsets[1])]).toEqual([...all.on.subarray(all.offsets[4], all.offsets[5])]);
    expect([...some.on.subarray(some.offsets[1], some.offsets[2])]).toEqual([...all.on.subarray(all.offsets[1], all.offsets[2])]);
  });
});
