import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { mlp, smallCnn } from "../../../src/lib/train/arch.ts";
import { measureThroughput } from "../../../src/lib/train/throughput.ts";
import { useWasm } from "./helpers.ts";

beforeAll(useWasm);

describe("measureThroughput", () => {
  const images = loadMnistNode().train;

  it("times the requested batches of the real training loop", async () => {
    for (const arch of [mlp(8), smallCnn(1)]) {
      const t = await measureThroughput(arch, images, { batchSize: 16, batches: 4, warmup: 1 });
      expect(t).toMatchObject({ batches: 4, batchSize: 16, backend: "wasm" });
      expect(t.imagesPerSecond).toBeGreaterThan(0);
      expect(t.msPerBatch * t.imagesPerSecond).toBeCloseTo(16_000, 6);
    }
  });

  it("refuses to run past the data", async () => {
    await expect(measureThroughput(mlp(8), { ...images, count: 10 }, { batchSize: 16 })).rejects.toThrow(/need 368/);
  });
});
