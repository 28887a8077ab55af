import { describe, expect, it } from "vitest";
import type { PrequentialBlock } from "../../../src/lib/mdl/prequential.ts";
import type { PrequentialRun } from "../../../src/lib/mdl/results.ts";
import {
  liveOutcome,
  liveView,
  prequentialView,
  referenceKey,
  type Reference,
} from "../../../src/chapters/description-length/prequential-view.ts";

const block = (start: number, end: number, bits: number, accuracy: number): PrequentialBlock => ({
  start,
  end,
  trainedOn: start,
  bits,
  bitsPerLabel: bits / (end - start),
  accuracy,
  seconds: 0,
});
const blocks = [block(0, 64, 64 * Math.log2(10), 0.1), block(64, 128, 40.4, 0.75)];
const reference: Reference = { totalBits: blocks[0]!.bits + blocks[1]!.bits, blocks };
const settings = { arch: "logistic", n: 4096 };

describe("liveView", () => {
  it("shows the setting's reference run before any run", () => {
    const v = liveView({ settings, reference });
    expect(v.values).toEqual({
      "ref-setting": "logistic regression 784→10 (7,850 parameters) on the first 4,096 labels",
      "ref-total": "253 bits",
      "live-total": "",
      "live-per-label": "",
      "live-caption": "Reference run, block by block",
    });
    expect(v.tables?.live).toEqual([
      ["1–64", "0", "213 bits", "3.322", "uniform"],
      ["65–128", "64", "40 bits", "0.631", "75.00%"],
    ]);
  });

  it("fills in the browser's blocks as they come, then its totals", () => {
    const running = liveView({ settings, reference, run: { blocks: blocks.slice(0, 1) } });
    expect(running.values["live-caption"]).toBe("Your browser's run, block by block (filling in)");
    expect(running.tables?.live).toHaveLength(1);
    const done = liveView({ settings, reference, run: { blocks, result: { totalBits: 253.2, bitsPerLabel: 253.2 / 128 } } });
    expect(done.values["live-caption"]).toBe("Your browser's run, block by block");
    expect(done.values["live-total"]).toBe("253 bits");
    expect(done.values["live-per-label"]).toBe("1.978");
    expect(done.values["ref-total"]).toBe("253 bits");
  });

  it("says when a setting has no reference run", () => {
    const v = liveView({ settings: { arch: "mlp-32", n: 60_000 }, reference: undefined });
    expect(v.values["ref-total"]).toBe("not computed");
    expect(v.tables?.live).toEqual([]);
  });
});

describe("liveOutcome", () => {
  it("matches when the totals read the same, and says by how much they differ otherwise", () => {
    expect(liveOutcome(reference, reference.totalBits, 2.5)).toEqual({
      match: true,
      text: "Computed 253 bits in 2.5 s in your browser. It matches the reference run to the bit.",
    });
    const off = liveOutcome(reference, reference.totalBits + 3, 0.4);
    expect(off.match).toBe(false);
    expect(off.text).toMatch(/^Computed 256 bits in 400 ms in your browser\. The reference run gave 253 bits \(\+3 bits here\): /);
    expect(liveOutcome(undefined, 10, 1)).toEqual({
      match: false,
      text: "Computed 10 bits in 1.0 s in your browser. There is no reference run for this setting.",
    });
  });
});

describe("prequentialView", () => {
  const run = (arch: string, params: number, bits: readonly number[]): PrequentialRun => {
    const bs = [block(0, 64, bits[0]!, 0.1), block(64, 128, bits[1]!, 0.8)];
    const total = bs.reduce((s, b) => s + b.bits, 0);
    return { arch, params, n: 128, firstBlock: 64, recipe: "", blocks: bs, totalBits: total, bitsPerLabel: total / 128, uniformBits: 0 };
  };
  const v = prequentialView({
    labels: { n: 128, uniformBits: 128 * Math.log2(10), entropyBits: 420 },
    prequential: [run("logistic", 7850, [212.6, 30]), run("mlp-32", 25_450, [212.6, 20])],
    backend: "wasm",
    recipe: "Adam",
  });

  it("lists the two baselines and every family with its parameters, total and bits per label", () => {
    expect(v.tables?.families).toEqual([
      ["Uniform, 128 × log₂ 10", "0", "425 bits", "3.322"],
      ["Class frequencies only, N·H(Y)", "0", "420 bits", "3.281"],
      ["Prequential, logistic regression 784→10", "7,850", "243 bits", "1.895"],
      ["Prequential, MLP 784→32→10", "25,450", "233 bits", "1.817"],
    ]);
    expect(v.families).toEqual(["logistic regression 784→10", "MLP 784→32→10"]);
    expect(v.tables?.["family-blocks"]).toEqual([
      ["1–64", "3.322", "3.322"],
      ["65–128", "0.469", "0.313"],
    ]);
    expect(v.values).toEqual({
      n: "128",
      "block-ends": "64, 128",
      recipe: "Each block's model is trained from scratch: Adam.",
      "ref-label": "Reference run (Node, wasm)",
    });
    expect(v.chart.uniform).toBeCloseTo(Math.log2(10), 12);
    expect(v.chart.series.map((s) => s.label)).toEqual(v.families);
  });

  it("keys reference runs by setting", () => {
    expect(referenceKey({ arch: "mlp-32", n: 4096 })).toBe("mlp-32@4096");
  });
});
