import { describe, expect, it } from "vitest";
import { memorizeScaleView, trainPercent } from "../../../src/chapters/overparameterization/memorize-scale-view.ts";
import type { ScaleCell, ScaleFile } from "../../../src/lib/train/memorization-scale.ts";

const provenance = { gitCommit: "0123456789abcdef", clean: true, finishedAt: "", node: "", tfjs: "", backend: "" };
function cell(arch: string, params: number, n: number, maxLr: number, trainAccuracy: number): ScaleCell {
  const settings = { epochs: 150, batchSize: 128, maxLr };
  return { arch, params, n, settings, seed: 1, key: `${arch}:${n}:${maxLr}`, trainAccuracy, curve: [], seconds: 600, provenance };
}
const CNN = "cnn-10k5p2-20k5p2-50";
const file: ScaleFile = {
  version: 1,
  cells: [
    cell("mlp-64", 50_890, 3_000, 0.01, 0.99),
    cell("mlp-64", 50_890, 3_000, 0.001, 1),
    cell("mlp-512", 407_050, 60_000, 0.001, 0.9),
    cell(CNN, 21_840, 4_000, 0.001, 1),
    cell(CNN, 21_840, 8_000, 0.001, 0.99995),
    cell(CNN, 21_840, 16_000, 0.001, 0.8),
  ],
};

describe("memorizeScaleView", () => {
  const v = memorizeScaleView(file);
  it("takes the CNN's largest perfect fit and the first failure above it", () => {
    expect(v.values["cnn-fit-n"]).toBe("4,000");
    // 4,000 log2 10 / 21,840 by hand: 13,287.7 / 21,840 = 0.608.
    expect(v.values["cnn-fit-bits"]).toBe("0.61");
    expect(v.values["cnn-fail-n"]).toBe("8,000");
  });
  it("reports the CNN's largest n and what all 60,000 labels would need of it", () => {
    expect(v.values["cnn-largest-n"]).toBe("16,000");
    expect(v.values["cnn-largest-acc"]).toBe("80.00%");
    // 60,000 × 3.3219 / 21,840 = 9.13 bits per parameter.
    expect(v.values["cnn-full-need"]).toBe("9.1");
  });
  it("never rounds a near miss up to 100%", () => {
    expect(v.values["cnn-fail-acc"]).toBe("99.99%");
    expect(trainPercent(1)).toBe("100.00%");
  });
  it("counts a partial fit by the bound: 90% on 60,000 labels", () => {
    // log2 10 - H_b(0.9) - 0.1 log2 9 = 3.3219 - 0.4690 - 0.3170 = 2.5359 bits per label; × 60,000 / 407,050.
    expect(v.values["mlp-full-bits"]).toBe("0.37");
  });
  it("orders the ablation by rate, fast first", () => {
    expect(v.values["ablation-fast-acc"]).toBe("99.00%");
    expect(v.values["ablation-slow-acc"]).toBe("100.00%");
  });
  it("has one row per cell with ≥ only on partial fits", () => {
    const rows = v.tables?.cells ?? [];
    expect(rows).toHaveLength(file.cells.length);
    expect(rows[1]?.[5]).toBe("9,966");
    expect(rows[0]?.[5]?.startsWith("≥ ")).toBe(true);
  });
  it("refuses a file without the whole-training-set cells", () => {
    expect(() => memorizeScaleView({ version: 1, cells: file.cells.slice(0, 2) })).toThrow(/no cell for mlp-512 on 60,000/);
  });
});
