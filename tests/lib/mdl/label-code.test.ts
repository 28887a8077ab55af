import { describe, expect, it } from "vitest";
import { DEFAULT_MIXTURE } from "../../../src/lib/mdl/mixture.ts";
import {
  LabelStreamError,
  decodeLabels,
  encodeLabels,
  geometricEnds,
  type Expert,
  type LabelCodeSetting,
} from "../../../src/lib/mdl/label-code.ts";
import { createRng } from "../../../src/lib/random.ts";

/** Laplace's rule over the labels seen so far: a real learner that is a deterministic function of the sent labels. */
const counting: Expert = {
  name: "counts",
  predict: (labels, start, end) => {
    const counts = new Float64Array(10).fill(1);
    for (const l of labels) counts[l]!++;
    const total = counts.reduce((a, b) => a + b, 0);
    const out = new Float64Array((end - start) * 10);
    for (let i = 0; i < end - start; i++) for (let c = 0; c < 10; c++) out[i * 10 + c] = Math.log(counts[c]! / total);
    return Promise.resolve(out);
  },
};

/** Knows the answer from a hidden copy of the labels, and says so with probability 0.99. */
function oracle(truth: Uint8Array): Expert {
  return {
    name: "oracle",
    predict: (_labels, start, end) => {
      const out = new Float64Array((end - start) * 10);
      for (let i = start; i < end; i++) for (let c = 0; c < 10; c++) out[(i - start) * 10 + c] = Math.log(c === truth[i] ? 0.99 : 0.01 / 9);
      return Promise.resolve(out);
    },
  };
}

function skewedLabels(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length: n }, () => (rng.next() < 0.5 ? 3 : Math.floor(rng.next() * 10)));
}

const setting = (n: number, of = 1): LabelCodeSetting => ({
  ends: geometricEnds(n, 8, Math.SQRT2),
  mixture: DEFAULT_MIXTURE,
  precisionBits: 20,
  recipe: { index: 0, of },
});

describe("geometric block ends", () => {
  it("grow by the ratio, stay distinct and end at n", () => {
    expect(geometricEnds(100, 8, 2)).toEqual([8, 16, 32, 64, 100]);
    expect(geometricEnds(64, 8, Math.SQRT2)).toEqual([8, 11, 16, 23, 32, 45, 64]);
    expect(geometricEnds(5, 8, 2)).toEqual([5]);
    expect(geometricEnds(20, 1, 1.1).slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => geometricEnds(10, 8, 1)).toThrow(RangeError);
  });
});

describe("label code", () => {
  it("decodes back to the labels, and the stream is within 2 bits of its ideal length", async () => {
    const labels = skewedLabels(3000, 1);
    const experts = [counting];
    const code = await encodeLabels(labels, experts, setting(labels.length));
    expect(code.bytes.length).toBe(Math.ceil(code.bitLength / 8));
    expect(code.bitLength).toBeLessThanOrEqual(code.idealBits + 2);
    expect(code.bitLength).toBeGreaterThan(code.idealBits - 2);
    // The skew is learnt: well below log2(10) bits per label.
    expect(code.idealBits / labels.length).toBeLessThan(3);
    const back = await decodeLabels(code.bytes, labels.length, experts, setting(labels.length));
    expect(Array.from(back.labels)).toEqual(Array.from(labels));
    expect(back.blocks.map((b) => b.bits)).toEqual(code.blocks.map((b) => b.bits));
  });

  it("block costs add up to the ideal length, the first block is uniform, and the recipe index costs log2 of the recipes compared", async () => {
    const labels = skewedLabels(500, 2);
    const code = await encodeLabels(labels, [counting], { ...setting(500, 12), recipe: { index: 5, of: 12 } });
    expect(code.recipeBits).toBeCloseTo(Math.log2(12), 12);
    const sum = code.blocks.reduce((a, b) => a + b.bits, 0);
    expect(code.idealBits).toBeCloseTo(sum + Math.log2(12), 9);
    // Uniform mixture of uniform experts, through a 2^20 table: 8 labels at log2(10) bits, to 1e-4.
    expect(code.blocks[0]!.bits).toBeCloseTo(8 * Math.log2(10), 3);
    await expect(decodeLabels(code.bytes, 500, [counting], { ...setting(500, 12), recipe: { index: 4, of: 12 } })).rejects.toThrow(
      LabelStreamError,
    );
  });

  it("an expert only ever sees the labels before its block, and they are the true ones in the encoder and the decoder", async () => {
    const labels = skewedLabels(400, 3);
    const seen: number[] = [];
    const checking: Expert = {
      name: "checking",
      predict: (sent, start, end) => {
        expect(sent.length).toBe(start);
        expect(Array.from(sent)).toEqual(Array.from(labels.subarray(0, start)));
        seen.push(start);
        return counting.predict(sent, start, end);
      },
    };
    const code = await encodeLabels(labels, [checking], setting(400));
    await decodeLabels(code.bytes, 400, [checking], setting(400));
    const starts = setting(400).ends.slice(0, -1);
    expect(seen).toEqual([...starts, ...starts]);
  });

  it("a block's cost depends only on the labels before its end (nothing is fitted on labels not yet sent)", async () => {
    const a = skewedLabels(1000, 4);
    const b = a.slice();
    for (let i = 600; i < 1000; i++) b[i] = (b[i]! + 1) % 10;
    const ca = await encodeLabels(a, [counting], setting(1000));
    const cb = await encodeLabels(b, [counting], setting(1000));
    const ends = setting(1000).ends;
    ends.forEach((end, k) => {
      if (end <= 600) expect(cb.blocks[k]!.bits).toBe(ca.blocks[k]!.bits);
    });
    expect(cb.idealBits).not.toBe(ca.idealBits);
  });

  it("mixing a good expert with a poor one costs about the good one's code plus the price of finding it", async () => {
    const labels = skewedLabels(4000, 5);
    const alone = await encodeLabels(labels, [oracle(labels)], setting(4000));
    const mixed = await encodeLabels(labels, [counting, oracle(labels)], setting(4000));
    // The oracle alone: about 4000 * -log2(0.99) plus the first block and the uniform share.
    expect(alone.idealBits).toBeLessThan(4000 * -Math.log2(0.99) + 8 * Math.log2(10) + 60);
    expect(mixed.idealBits).toBeLessThan(alone.idealBits + 10);
  });

  it("a corrupted or truncated stream does not decode to the labels", async () => {
    const labels = skewedLabels(1000, 6);
    const code = await encodeLabels(labels, [counting], setting(1000));
    const flipped = code.bytes.slice();
    flipped[10] = flipped[10]! ^ 0x10;
    const bad = await decodeLabels(flipped, 1000, [counting], setting(1000)).then(
      (r) => r.labels,
      (e: unknown) => e,
    );
    if (bad instanceof Uint8Array) expect(Array.from(bad)).not.toEqual(Array.from(labels));
    else expect(bad).toBeInstanceOf(LabelStreamError);
    await expect(decodeLabels(code.bytes.subarray(0, 20), 1000, [counting], setting(1000))).rejects.toThrow(LabelStreamError);
  });

  it("rejects settings that do not describe the labels", async () => {
    await expect(encodeLabels([1, 2, 3], [counting], { ...setting(3), ends: [2] })).rejects.toThrow(RangeError);
    await expect(encodeLabels([1, 2, 3], [counting], { ...setting(3), ends: [2, 2, 3] })).rejects.toThrow(RangeError);
    await expect(encodeLabels([1, 2, 3], [], setting(3))).rejects.toThrow(RangeError);
    await expect(encodeLabels([1, 2, 11], [counting], setting(3))).rejects.toThrow(RangeError);
  });
});
