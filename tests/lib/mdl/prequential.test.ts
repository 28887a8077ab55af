import { describe, expect, it } from "vitest";
import {
  MAX_BITS_PER_LABEL,
  PROB_FLOOR,
  blockBoundaries,
  codeLengthOfPredictions,
  epochsForBlock,
  labelBits,
  prequentialCode,
  type FitPredict,
} from "../../../src/lib/mdl/prequential.ts";

/** Test models answer at once; the code under test still awaits them like a real training run. */
const sync =
  (f: (t: number, s: number, e: number) => ArrayLike<number>): FitPredict =>
  (t, s, e) =>
    Promise.resolve(f(t, s, e));

const uniform: FitPredict = sync((_t, s, e) => new Float64Array((e - s) * 10).fill(0.1));

function perfect(labels: ArrayLike<number>): FitPredict {
  return sync((_t, s, e) => {
    const p = new Float64Array((e - s) * 10);
    for (let i = s; i < e; i++) p[(i - s) * 10 + (labels[i] as number)] = 1;
    return p;
  });
}

const labelsOf = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) % 10);

describe("block boundaries", () => {
  it("double from 64 and end at n", () => {
    expect(blockBoundaries(60_000)).toEqual([64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 60000]);
    expect(blockBoundaries(128)).toEqual([64, 128]);
    expect(blockBoundaries(50)).toEqual([50]);
    expect(blockBoundaries(10, 3)).toEqual([3, 6, 10]);
    expect(() => blockBoundaries(0)).toThrow(RangeError);
  });
});

describe("label bits", () => {
  it("are −log2 p, floored", () => {
    expect(labelBits(0.5)).toBe(1);
    expect(labelBits(1)).toBe(0);
    expect(labelBits(0)).toBe(MAX_BITS_PER_LABEL);
    expect(labelBits(PROB_FLOOR / 8)).toBe(20);
    expect(codeLengthOfPredictions([1], [0.5, 0.25, 0.25], 3)).toBe(2);
    expect(codeLengthOfPredictions([0], [Number.NaN, 0.5], 2)).toBe(20);
    expect(() => codeLengthOfPredictions([0, 1], [0.5, 0.5], 2)).toThrow(RangeError);
  });
});

describe("prequential code", () => {
  it("with uniform predictions is exactly n log2 10", async () => {
    for (const n of [1, 64, 100, 1000, 60_000]) {
      const r = await prequentialCode(labelsOf(n), uniform);
      expect(r.totalBits).toBeCloseTo(n * Math.log2(10), 6);
      expect(r.uniformBits).toBe(n * Math.log2(10));
      expect(r.bitsPerLabel).toBeCloseTo(Math.log2(10), 12);
    }
  });

  it("with a perfect predictor costs only the first block", async () => {
    const labels = labelsOf(1000);
    const r = await prequentialCode(labels, perfect(labels));
    expect(r.totalBits).toBe(64 * Math.log2(10));
    expect(r.blocks.slice(1).every((b) => b.bits === 0 && b.accuracy === 1)).toBe(true);
  });

  it("matches a hand-worked case", async () => {
    // n = 10, blocks [0,3) [3,6) [6,10) over 2 classes; block 2 gives the true label 1/2, block 3 gives it 1/4 and
    // once 0: 3·1 + 3·1 + (3·2 + 20) = 32 bits.
    const labels = [0, 1, 0, 1, 1, 0, 1, 1, 0, 0];
    const calls: number[][] = [];
    const fit = sync((t, s, e) => {
      calls.push([t, s, e]);
      if (s === 3) return [0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
      return [0.75, 0.25, 0.75, 0.25, 0.25, 0.75, 0, 1];
    });
    const r = await prequentialCode(labels, fit, { firstBlock: 3, classes: 2 });
    expect(calls).toEqual([
      [3, 3, 6],
      [6, 6, 10],
    ]);
    expect(r.blocks.map((b) => b.bits)).toEqual([3, 3, 26]);
    expect(r.totalBits).toBe(32);
    expect(r.blocks[2]?.accuracy).toBe(0);
  });

  it("agrees with a naive label-by-label sum", async () => {
    const labels = labelsOf(700);
    // A deterministic, label-independent pseudo-model: probabilities from the index alone.
    const fit = sync((t, s, e) => {
      const p: number[] = [];
      for (let i = s; i < e; i++) {
        const raw = Array.from({ length: 10 }, (_, c) => 1 + ((i * 31 + c * 17 + t) % 13));
        const z = raw.reduce((a, b) => a + b, 0);
        p.push(...raw.map((v) => v / z));
      }
      return p;
    });
    const r = await prequentialCode(labels, fit);
    let naive = 64 * Math.log2(10);
    for (const [start, end] of [
      [64, 128],
      [128, 256],
      [256, 512],
      [512, 700],
    ] as const) {
      const probs = await fit(start, start, end);
      for (let i = start; i < end; i++) naive += -Math.log2(probs[(i - start) * 10 + (labels[i] as number)] as number);
    }
    expect(r.totalBits).toBeCloseTo(naive, 8);
  });

  it("reports progress and stops when aborted", async () => {
    const seen: number[] = [];
    const controller = new AbortController();
    const fit: FitPredict = async (t, s, e) => {
      if (t >= 256) controller.abort(new Error("stop"));
      return uniform(t, s, e);
    };
    await expect(
      prequentialCode(labelsOf(2000), fit, { signal: controller.signal, onProgress: (p) => seen.push(p.coded) }),
    ).rejects.toThrow("stop");
    expect(seen).toEqual([64, 128, 256]);
  });

  it("gives small blocks enough steps", () => {
    expect(epochsForBlock(64, 20_000, 3)).toBe(313);
    expect(epochsForBlock(32_768, 20_000, 3)).toBe(3);
  });
});
