import { describe, expect, it } from "vitest";
import { frontierSelection } from "../../../src/build/frontier-build.ts";
import { buildTimeDocument } from "../../../src/charts/document.ts";
import { frontierChart } from "../../../src/charts/frontier.ts";
import {
  accuracyInterval,
  frontierInputs,
  frontierView,
  recipeText,
  type FrontierView,
} from "../../../src/chapters/description-length/frontier-view.ts";
import type { ScoredFile } from "../../../src/lib/frontier/cell.ts";
import { NETS } from "../../../src/lib/frontier/grid.ts";
import { PUBLISHED } from "../../../src/lib/frontier/published.ts";
import { cellKey, type CellResult, type CellSpec, type FrontierFile } from "../../../src/lib/frontier/results.ts";

// A hand-made results file. Every expected number below is worked out by hand in the comments, not by the view's code.
const AUG = { shift: 2, rotate: 10, scale: 0.1 };
const spec = (net: string, extra: Partial<CellSpec>): CellSpec => ({
  net,
  epochs: 30,
  batchSize: 128,
  maxLr: 0.01,
  augmentation: AUG,
  qat: { weightBits: 3, biasBits: 6, fromEpoch: 15 },
  weightDecay: 0,
  batchNorm: true,
  seed: 1,
  exports: [{ weightBits: 3, biasBits: 6 }],
  ...extra,
});
/** [weight bits, bias bits, file bits, training errors of 50,000, validation accuracy, test accuracy] */
type F = [number, number, number, number, number, number];
const cellOf = (net: string, params: number, extra: Partial<CellSpec>, files: F[]): CellResult => {
  const cell = spec(net, { ...extra, exports: files.map(([w, b]) => ({ weightBits: w, biasBits: b })) });
  return {
    key: cellKey(cell),
    cell,
    trainSeconds: 100,
    evalSeconds: 5,
    files: files.map(([weightBits, biasBits, fileBits, trainErrors, validationAccuracy, testAccuracy]): ScoredFile => ({
      weightBits,
      biasBits,
      fileBits,
      codedBits: fileBits,
      params,
      trainErrors,
      trainCount: 50_000,
      validationAccuracy,
      testAccuracy,
      file: "AAAA",
    })),
    provenance: {
      gitCommit: "0123456789abcdef",
      clean: true,
      finishedAt: "2026-12-01T11:00:00Z",
      backend: "wasm",
      backendDetail: "SIMD",
      tfjsVersion: "4.22.0",
      node: "22.12.0",
    },
  };
};
const qat = (bits: number) => ({ qat: { weightBits: bits, biasBits: 6, fromEpoch: 15 } });
const float = { qat: null };

const file: FrontierFile = {
  version: 1,
  split: { trainEnd: 50_000, validationEnd: 60_000 },
  dataSha256: {},
  cells: [
    cellOf(NETS.medium, 4_978, qat(3), [[3, 6, 16_000, 250, 0.9915, 0.992]]), // A
    cellOf(NETS.medium, 4_978, qat(2), [[2, 6, 11_200, 600, 0.988, 0.9871]]), // B
    cellOf(NETS.small, 2_634, qat(4), [[4, 6, 11_600, 700, 0.986, 0.985]]), // C
    cellOf(NETS.large, 6_218, qat(2), [[2, 6, 13_600, 400, 0.9912, 0.9905]]), // D
    cellOf(NETS.medium, 4_978, { ...float, batchNorm: false, augmentation: { shift: 0, rotate: 0, scale: 0 } }, [
      [4, 8, 20_800, 500, 0.9908, 0.991], // E1
      [8, 8, 40_000, 300, 0.9921, 0.9925], // E2
    ]),
    cellOf(NETS.pytorch2017, 21_840, { ...float, epochs: 10, batchNorm: false }, [
      [4, 8, 87_600, 150, 0.9905, 0.991],
      [8, 8, 175_000, 120, 0.9912, 0.9918],
    ]),
  ],
};

// By size the small files are B 11,200 (.9880), C 11,600 (.9860: below B, off), D 13,600 (.9912), A 16,000 (.9915),
// E1 20,800 (.9908: off), E2 40,000 (.9921): the frontier is B, D, A, E2, and the first of them at ≥ 99.10% is D.
const inputs = frontierInputs(file, frontierSelection(file));
const v: FrontierView = frontierView(inputs);
const LARGE = "conv 1→8 3×3, pool 2, conv 8→16 3×3, pool 2, conv 16→32 3×3, GAP, 32→10";

describe("frontierInputs", () => {
  it("takes the build's selection and counts cells and validation images from the file", () => {
    expect(inputs.chosen.fileBits).toBe(13_600);
    expect(inputs.met).toBe(true);
    expect(inputs.reference.fileBits).toBe(175_000);
    expect(inputs.frontier.map((c) => c.fileBits)).toEqual([11_200, 13_600, 16_000, 40_000]);
    expect(inputs).toMatchObject({ cells: 6, validationImages: 10_000, testImages: 10_000 });
    expect(inputs.all).toHaveLength(8);
    expect(inputs.small).toHaveLength(6);
  });
});

describe("frontierView: the named values", () => {
  it("the shipped model: bits, bytes, parameters, network, bit widths", () => {
    expect(v.values).toMatchObject({
      "chosen-bits": "13,600 bits",
      "chosen-kbits": "13.6 kbits",
      "chosen-bytes": "1,700 bytes",
      "chosen-params": "6,218",
      "chosen-net": LARGE,
      "chosen-widths": "2-bit weights, 6-bit biases",
      "chosen-train-error": "0.80%", // 400 / 50,000
      met: "yes",
      "selection-accuracy": "99.10%",
      target: "99.00%",
    });
    expect(v.values["chosen-recipe"]).toBe(
      "30 epochs, batch 128, one-cycle learning rate up to 0.01, quantization-aware at 2/6 bits from epoch 16, batch norm, " +
        "augmented (shift ±2 px, rotate ±10°, scale ±10%), seed 1",
    );
  });

  it("accuracies with their 95% intervals, ±1.96 standard errors on 10,000 images", () => {
    // Validation .9912: SE = √(.9912 × .0088 / 10,000) = 9.3395e-4, × 1.96 = .0018305: .98937 to .99303.
    expect(v.values["chosen-validation"]).toBe("99.12%");
    expect(v.values["chosen-validation-interval"]).toBe("98.94–99.30%");
    expect(v.values["chosen-validation-pm"]).toBe("±0.18 points");
    // Test .9905: SE = √(.9905 × .0095 / 10,000) = 9.7004e-4, × 1.96 = .0019013: .98860 to .99240.
    expect(v.values["chosen-test"]).toBe("99.05%");
    expect(v.values["chosen-test-interval"]).toBe("98.86–99.24%");
    expect(v.values["chosen-test-pm"]).toBe("±0.19 points");
    expect(accuracyInterval(0.9912, 10_000).halfWidth).toBeCloseTo(0.0018305, 6);
    // Clipped to [0, 1]; a perfect score has no width.
    expect(accuracyInterval(1, 100)).toEqual({ low: 1, high: 1, halfWidth: 0 });
    expect(accuracyInterval(0.999, 10).high).toBe(1);
  });

  it("counts: files, small files, cells, the frontier, the images", () => {
    expect(v.values).toMatchObject({
      candidates: "8",
      "small-candidates": "6",
      cells: "6",
      "frontier-count": "4",
      "train-images": "50,000",
      "validation-images": "10,000",
      "test-images": "10,000",
    });
    // At or above 99.10% on validation: A (.9915), D (.9912), E2 (.9921) and the 8-bit comparison (.9912), of 8 files.
    expect(v.values.selection).toBe(
      "Of the 8 files the search wrote, 4 reach 99.10% on the validation images; this is the smallest of them.",
    );
    expect(v.values.summary).toBe(
      `Shipped: ${LARGE} (6,218 parameters, 2-bit weights, 6-bit biases) in a file of 13,600 bits (1,700 bytes): ` +
        "99.12% on validation (98.94–99.30%), 99.05% on the test set (98.86–99.24%).",
    );
  });

  it("the comparison network at its widest bit width, and its size over the shipped file's", () => {
    expect(v.values).toMatchObject({
      "reference-bits": "175,000 bits",
      "reference-kbits": "175.0 kbits",
      "reference-params": "21,840",
      "reference-net": "conv 1→10 5×5, pool 2, conv 10→20 5×5, pool 2, flatten, 320→50→10",
      "reference-widths": "8-bit weights, 8-bit biases",
      "reference-validation": "99.12%",
      "reference-test": "99.18% (±0.18 points)",
      "reference-ratio": "12.9×", // 175,000 / 13,600 = 12.87
    });
  });

  it("each published point's size, with 'about' where derived, and its bits over the shipped file's", () => {
    expect(v.values).toMatchObject({
      "bits-han2016": "about 360 kbits",
      "bits-ullrich2017": "about 85 kbits",
      "bits-louizos2017": "about 33 kbits",
      "bits-joshwarn": "22,304 bits",
      "bits-ruslangrimov": "61,952 bits",
      "bits-bitnetmcu": "42,880 bits",
      "gap-han2016": "26.5×", // 360,000 / 13,600 = 26.47
      "gap-ullrich2017": "6.3×", // 85,000 / 13,600 = 6.25 (half rounds up)
      "gap-louizos2017": "2.4×", // 33,000 / 13,600 = 2.43
      "gap-joshwarn": "1.6×", // 22,304 / 13,600 = 1.64
      "gap-ruslangrimov": "4.6×", // 61,952 / 13,600 = 4.56
      "gap-bitnetmcu": "3.2×", // 42,880 / 13,600 = 3.15
    });
  });

  it("not met: says so, and ships the most accurate on validation", () => {
    const below = structuredClone(file);
    for (const c of below.cells) for (const f of c.files) f.validationAccuracy = Math.min(f.validationAccuracy, 0.99);
    const w = frontierView(frontierInputs(below, frontierSelection(below)));
    expect(w.values.met).toBe("no");
    expect(w.values.selection).toBe(
      "None of the 8 files has reached 99.10% on the validation images yet; shown is the most accurate small one.",
    );
    expect(w.values.summary.startsWith("Best so far: ")).toBe(true);
    expect(w.chart.chosen).toBeDefined();
  });
});

describe("frontierView: chart data and the table behind it", () => {
  it("every file of the search is a candidate; the frontier flags the small networks' validation frontier", () => {
    expect(v.chart.target).toBe(0.99);
    expect(v.chart.candidates).toHaveLength(8);
    expect(v.chart.candidates.filter((c) => c.onFrontier).map((c) => c.fileBits)).toEqual([16_000, 11_200, 13_600, 40_000]);
    expect(v.chart.chosen).toBe(inputs.chosen.key);
    expect(v.chart.candidates.find((c) => c.key === v.chart.chosen)?.label).toBe("6,218 parameters at 2/6 bits");
    // Only published points with a checked test accuracy are drawn: all but Bayesian compression.
    expect(v.chart.published.map((p) => p.label)).toEqual(PUBLISHED.filter((p) => p.id !== "louizos2017").map((p) => p.chartLabel));
  });

  it("draws: the shipped key is a candidate, and the label counts every file and the frontier", () => {
    const label = frontierChart(v.chart, { document: buildTimeDocument(), width: 360 }).getAttribute("aria-label") ?? "";
    expect(label).toContain("for 8 candidate networks");
    expect(label).toContain("the 4 on the frontier");
    expect(label).toContain("5 published results");
  });

  it("rows by size, candidates and published points formatted, the shipped row found", () => {
    const rows = v.tables?.frontier ?? [];
    expect(rows.map((r) => r[1])).toEqual([
      "11,200 bits",
      "11,600 bits",
      "13,600 bits",
      "16,000 bits",
      "20,800 bits",
      "22,304 bits",
      "about 33 kbits",
      "40,000 bits",
      "42,880 bits",
      "61,952 bits",
      "about 85 kbits",
      "87,600 bits",
      "175,000 bits",
      "about 360 kbits",
    ]);
    expect(v.chosenRow).toBe(2);
    expect(rows[2]).toEqual([
      "6,218 parameters at 2/6 bits",
      "13,600 bits",
      "6,218",
      "99.12%",
      "99.05%",
      "yes, shipped",
      LARGE,
      recipeText(inputs.chosen.cell),
    ]);
    expect(rows[1]?.[5]).toBe("no"); // C, under B on validation
    expect(rows[0]?.[5]).toBe("yes"); // B
    expect(rows[11]?.[5]).toBe("no (comparison network)");
    expect(rows[4]?.[7]).toContain("trained in float, rounded after, no batch norm, no augmentation");
    // A published row: dashes where a column does not apply, its selection and caveats in the last column.
    expect(rows[5]).toEqual([
      "697 parameters, float32 (JoshWarn)",
      "22,304 bits",
      "697",
      "–",
      "99.03%",
      "–",
      "a 697-parameter network",
      "selected on the test set: the test images served as validation, with early stopping on them, best of many runs",
    ]);
    expect(rows[6]?.[4]).toBe("not checked");
    expect(rows[8]?.[7]).toContain("16×16");
    for (const r of rows) expect(r).toHaveLength(v.columns.length);
  });

  it("cites every published point", () => {
    const sources = v.tables?.sources ?? [];
    expect(sources).toHaveLength(PUBLISHED.length);
    expect(sources[0]).toEqual([
      "Deep Compression LeNet-5 (Han et al. 2016)",
      "Han, Mao & Dally, “Deep Compression: Compressing Deep Neural Networks with Pruning, Trained Quantization and Huffman Coding”, ICLR 2016",
      "44 KB × 8,192 bits per KB ≈ 360 kbits",
    ]);
    expect(sources[2]?.[2]).toContain("771× (about 18 kbits)");
    expect(sources[5]?.[1]).toBe("cpldcpu, BitNetMCU (GitHub repository, https://github.com/cpldcpu/BitNetMCU)");
    expect(sources[5]?.[2]).toBe("42,880 bits as shipped");
  });
});

describe("frontierView: the Occam table", () => {
  /** KL(q‖p) between Bernoullis, written out here (not the module's). */
  const kl = (q: number, p: number) => (q === 0 ? 0 : q * Math.log(q / p)) + (1 - q) * Math.log((1 - q) / (1 - p));

  it("a row per frontier file in order of size, then the comparison network", () => {
    expect(v.occamColumns).toEqual(["Model", "Bits", "Training error", "Bound (95%)", "Test error", "Vacuous?"]);
    expect(v.occam.map((o) => o.candidate.fileBits)).toEqual([11_200, 13_600, 16_000, 40_000, 175_000]);
    expect(v.chosenOccamRow).toBe(1);
    expect(v.values).toMatchObject({
      "occam-delta": "0.05",
      "occam-confidence": "95%",
      "occam-n": "50,000",
      "occam-vacuous": "90%",
      "occam-rows": "5",
    });
  });

  it("each bound spends exactly its complexity (L ln 2 + ln 20) / n in KL, and lies above the training error", () => {
    for (const { candidate: c, result: r } of v.occam) {
      const q = c.trainErrors / 50_000;
      const complexity = (c.fileBits * Math.log(2) + Math.log(20)) / 50_000;
      expect(r.empiricalError).toBe(q);
      expect(r.complexity).toBeCloseTo(complexity, 12);
      expect(r.bound).toBeGreaterThan(q);
      expect(kl(q, r.bound)).toBeCloseTo(complexity, 9);
      // The largest such p: a hair more overshoots the budget.
      expect(kl(q, r.bound + 1e-6)).toBeGreaterThan(complexity);
    }
  });

  it("the rows, formatted; the comparison network's bound is vacuous", () => {
    // Shipped: q = 400 / 50,000 = .008, c = (13,600 × .693147 + 2.995732) / 50,000 = .188596; KL(.008‖p) = c at p = .20080.
    // Comparison: q = .0024, c = (175,000 × .693147 + 2.995732) / 50,000 = 2.426075; p = .91359 ≥ .9: vacuous.
    const rows = v.tables?.occam ?? [];
    expect(rows[1]).toEqual(["6,218 parameters at 2/6 bits (shipped)", "13,600 bits", "0.80%", "20.08%", "0.95%", "no"]);
    expect(rows[4]).toEqual(["21,840 parameters at 8/8 bits (comparison)", "175,000 bits", "0.24%", "91.36%", "0.82%", "yes"]);
    expect(rows[0]?.slice(2)).toEqual(["1.20%", "18.32%", "1.29%", "no"]);
    expect(v.values["chosen-bound"]).toBe("20.08%");
    expect(v.values["reference-bound"]).toBe("91.36%");
    expect(v.values["occam-vacuous-count"]).toBe("1");
  });
});
