/**
 * The TensorFlow.js worker's prequential job, run in Node on wasm (the reference script's backend): equal to the
 * committed reference run of the same setting to the bit, with progress that only moves forward.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { blockBoundaries } from "../../src/lib/mdl/prequential.ts";
import type { PrequentialRun } from "../../src/lib/mdl/results.ts";
import { FIRST_BLOCK } from "../../src/lib/mdl/settings.ts";
import { prequentialArch, runPrequential, totalSteps } from "../../src/workers/prequential-engine.ts";
import type { PrequentialEvent } from "../../src/workers/prequential-protocol.ts";
import { useWasm } from "../lib/train/helpers.ts";

const liveRuns = (
  JSON.parse(readFileSync(join(process.cwd(), "content", "data", "description-length.json"), "utf8")) as { liveRuns: PrequentialRun[] }
).liveRuns;

describe("runPrequential", () => {
  beforeAll(useWasm);

  it("repeats the reference run of logistic regression on the first 4,096 labels, block by block", async () => {
    const ref = liveRuns.find((r) => r.arch === "logistic" && r.n === 4096);
    const events: PrequentialEvent[] = [];
    const result = await runPrequential(
      { kind: "prequential", arch: "logistic", n: 4096 },
      loadMnistNode(),
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(result.kind).toBe("prequential");
    expect(result.blocks.map((b) => b.bits)).toEqual(ref?.blocks.map((b) => b.bits));
    expect(result.totalBits).toBe(ref?.totalBits);
    expect(result.seconds).toBeGreaterThan(0);

    const blocks = events.filter((e) => e.type === "block");
    expect(blocks.map((e) => e.blocksDone)).toEqual(blockBoundaries(4096, FIRST_BLOCK).map((_, i) => i + 1));
    expect(blocks.at(-1)?.bitsSoFar).toBe(result.totalBits);
    const fractions = events.flatMap((e) => (e.type === "training" ? [e.fraction] : []));
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= (fractions[i - 1] as number)))).toBe(true);
  });

  it("stops at the next block when aborted", async () => {
    const controller = new AbortController();
    const run = runPrequential(
      { kind: "prequential", arch: "logistic", n: 4096 },
      loadMnistNode(),
      (e) => {
        if (e.type === "block") controller.abort();
      },
      controller.signal,
    );
    await expect(run).rejects.toThrow();
  });

  it("refuses settings the page does not offer, before any work", () => {
    expect(() => prequentialArch({ kind: "prequential", arch: "cnn", n: 4096 })).toThrow("unsupported setting cnn, n = 4096");
    expect(() => prequentialArch({ kind: "prequential", arch: "logistic", n: 5000 })).toThrow("unsupported setting logistic, n = 5000");
  });

  it("counts the training steps of every trained block", () => {
    // Blocks 64..2048 train on their prefix; each sees max(3 epochs, 20,000 images) at batch min(128, prefix).
    const steps = [64, 128, 256, 512, 1024, 2048].reduce(
      (s, t) => s + Math.max(3, Math.ceil(20_000 / t)) * Math.ceil(t / Math.min(128, t)),
      0,
    );
    expect(totalSteps(4096, 128, 20_000, 3)).toBe(steps);
  });
});
