import { describe, expect, it } from "vitest";
import { commenterView } from "../../../src/chapters/description-length/commenter-view.ts";
import type { PrequentialRun } from "../../../src/lib/mdl/results.ts";

describe("commenterView", () => {
  const prequential = { arch: "mlp-95", totalBits: 5_432.1 } as PrequentialRun;
  const inputs = {
    labels: { n: 60_000, uniformBits: 199_315.7, entropyBits: 199_000.2 },
    smallest: { modelBits: 25_000, source: "a small network (this chapter's frontier)" },
    prequential,
    independentEntropy: 101.26,
    context: { templateSize: 12, bitsPerImage: 55.54 },
    binarization: "intensity ≥ 128",
    seedBits: 191,
    bitsPerWeight: 2,
    cnnParams: 21_840,
  };

  it("puts the chart's every point and line in the table, from the same numbers", () => {
    const v = commenterView(inputs);
    expect(v.chart.points.map((p) => [p.label, p.bitsPerImage, p.modelBits, p.kind])).toEqual([
      ["independent pixels", 101.26, 25_000, "measured"],
      ["context model", 55.54, 25_000, "measured"],
      ["the seed's 191", 191, 25_000, "measured"],
      ["seed: 95 neurons × 2 bits", 191, 190, "seed"],
    ]);
    expect(v.chart.lines.map((l) => [l.label, l.bits])).toEqual([
      ["uniform code of labels", 199_315.7],
      ["N·H(Y)", 199_000.2],
      ["prequential code", 5_432.1],
      ["21,840 float32 weights", 698_880],
    ]);
    const rows = v.tables?.commenter ?? [];
    expect(rows.map((r) => r.slice(1, 3))).toEqual([
      ["25,000 bits", ""],
      ["", "101.3"],
      ["", "55.5"],
      ["", "191"],
      ["190 bits", ""],
      ["5,432 bits", ""],
      ["199,316 bits", ""],
      ["199,000 bits", ""],
      ["698,880 bits", ""],
    ]);
    expect(rows[0]?.[3]).toBe("a small network (this chapter's frontier)");
    expect(rows[1]?.[3]).toBe("Chapter 2 (binarized at intensity ≥ 128)");
    expect(v.values.n).toBe("60,000");
  });

  it("leaves the context model out when Chapter 2 has none", () => {
    const v = commenterView({ ...inputs, context: undefined });
    expect(v.chart.points).toHaveLength(3);
    expect(v.tables?.commenter).toHaveLength(8);
  });
});
