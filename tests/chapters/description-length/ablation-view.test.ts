import { describe, expect, it } from "vitest";
import { ablationView } from "../../../src/chapters/description-length/ablation-view.ts";
import type { ScoredFile } from "../../../src/lib/frontier/cell.ts";
import { ABLATION } from "../../../src/lib/frontier/grid.ts";
import { cellKey, type CellResult, type CellSpec, type FrontierFile } from "../../../src/lib/frontier/results.ts";

function scored(weightBits: number, fileBits: number, validationAccuracy: number, testAccuracy: number): ScoredFile {
  return {
    weightBits,
    biasBits: 6,
    fileBits,
    codedBits: fileBits - 3,
    params: 4_978,
    trainErrors: 500,
    trainCount: 50_000,
    validationAccuracy,
    testAccuracy,
    file: "",
  };
}

function cell(spec: CellSpec, files: ScoredFile[]): CellResult {
  const provenance = {
    gitCommit: "0".repeat(40),
    clean: true,
    finishedAt: "",
    backend: "wasm",
    backendDetail: "",
    tfjsVersion: "",
    node: "",
  };
  return { key: cellKey(spec), cell: spec, trainSeconds: 1, evalSeconds: 1, files, provenance };
}

const file: FrontierFile = {
  version: 1,
  split: { trainEnd: 50_000, validationEnd: 60_000 },
  dataSha256: {},
  cells: [
    cell(ABLATION.full, [scored(3, 12_760, 0.9875, 0.9892)]),
    cell(ABLATION.noBatchNorm, [scored(3, 12_000, 0.985, 0.987)]),
    cell(ABLATION.floatThenRounded, [scored(4, 13_000, 0.95, 0.951), scored(8, 34_000, 0.9884, 0.9889)]),
  ],
};

describe("ablationView", () => {
  const rows = ablationView(file).tables?.ablation ?? [];

  it("one row per file of each ablation cell, changes against the full recipe in points, bits per parameter", () => {
    expect(rows[0]).toEqual([
      "Full recipe: batch norm, augmentation, quantization-aware training at 3 bits",
      "12,760 bits",
      "98.75%",
      "±0.00",
      "98.92%",
      "2.56",
    ]);
    // 0.985 - 0.9875 = -0.25 points; 12,000 / 4,978 = 2.41 bits per parameter.
    expect(rows[1]).toEqual(["Without batch norm", "12,000 bits", "98.50%", "−0.25", "98.70%", "2.41"]);
    expect(rows[3]?.[0]).toBe("Trained in float, rounded after (no quantization-aware training), 4-bit weights");
    expect(rows[3]?.[3]).toBe("−3.75");
    expect(rows[4]?.[3]).toBe("+0.09");
  });

  it("says 'not run' for a cell the search has not reached", () => {
    expect(rows[2]).toEqual(["Without augmentation", "–", "not run", "–", "–", "–"]);
    expect(rows.map((r) => r[0]).slice(-2)).toEqual([
      "Quantization-aware at 2 bits instead of 3",
      "Quantization-aware at 4 bits instead of 3",
    ]);
    expect(rows.at(-1)?.[2]).toBe("not run");
  });
});
