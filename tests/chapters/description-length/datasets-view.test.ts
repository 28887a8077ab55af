import { describe, expect, it } from "vitest";
import { datasetsView } from "../../../src/chapters/description-length/datasets-view.ts";
import type { DatasetSpec } from "../../../src/lib/datasets/catalog.ts";
import type { DatasetCell, DatasetsFile } from "../../../src/lib/datasets/results.ts";
import { PUBLISHED } from "../../../src/lib/frontier/published.ts";

const spec = (id: string, classes = 10): DatasetSpec => ({
  id,
  label: id.toUpperCase(),
  source: "mnist",
  moves: "",
  classes,
  make: (m) => m,
});
const provenance = { gitCommit: "0".repeat(40), clean: true, finishedAt: "", node: "", tfjsVersion: "" };
const cell = (dataset: string, quantity: DatasetCell["quantity"], result: DatasetCell["result"]): DatasetCell => ({
  key: `${dataset}:${quantity}`,
  dataset,
  quantity,
  result,
  seconds: 1,
  sourceSha256: {},
  provenance,
});
const file = (fileA: number, accA: number, fileB: number, accB: number) => ({
  trainEnd: 50_000,
  validation: 10_000,
  files: [
    { net: "n", weightBits: 4, fileBits: fileA, params: 6218, validationAccuracy: accA, testAccuracy: accA - 0.001 },
    { net: "n", weightBits: 8, fileBits: fileB, params: 6218, validationAccuracy: accB, testAccuracy: accB },
  ],
});

const data: DatasetsFile = {
  version: 1,
  cells: [
    cell("a", "images", { rows: 28, cols: 28, independentBitsPerImage: 120.5, contextBitsPerImage: 80.25 }),
    cell("a", "labels", { n: 60_000, classes: 10, bitLength: 3000, idealBits: 2999.5, blocks: [] }),
    cell("a", "models", file(20_000, 0.985, 40_000, 0.99)),
    cell("r", "images", { rows: 28, cols: 28, independentBitsPerImage: 120.5, contextBitsPerImage: 80.25 }),
    cell("r", "labels", { n: 60_000, classes: 10, bitLength: 199_400, idealBits: 199_399, blocks: [] }),
    cell("r", "models", file(20_000, 0.1, 40_000, 0.105)),
    cell("x", "images", { rows: 7, cols: 7, independentBitsPerImage: 16, contextBitsPerImage: 20 }),
  ],
};

describe("datasets view", () => {
  const view = datasetsView(data, [spec("a"), spec("r"), spec("x")]);

  it("picks each dataset's smallest file within half a point of its best validation accuracy", () => {
    // a: best 99%, target 98.5%: the 20,000-bit file at 98.5% qualifies.
    expect(view.points[0]!.target).toBeCloseTo(0.985, 12);
    expect(view.points[0]!.chosen?.fileBits).toBe(20_000);
    // Random labels: the best is within noise of chance (3 × 0.003 on 10,000 images), so chance less that noise.
    expect(view.points[1]!.target).toBeCloseTo(0.091, 12);
    expect(view.points[1]!.chosen?.fileBits).toBe(20_000);
  });

  it("tables every complete dataset, names the incomplete ones, and plots both panels", () => {
    expect(view.tables!.datasets[0]).toEqual([
      "A",
      "28×28",
      "120.5",
      "80.3",
      "3,000 bits (60,000 labels)",
      "≥ 98.50%",
      "20,000 bits (4-bit)",
      "98.50%",
      "98.40%",
    ]);
    expect(view.values.count).toBe("2");
    expect([view.values["at-largest"], view.values["image-min"], view.values["model-max"]]).toEqual(["2", "80", "20,000 bits"]);
    // Two points are too few for a rank correlation.
    expect(view.values["rho-labels"]).toBe("–");
    expect(view.values.missing).toBe("X");
    expect(view.byImage.points).toEqual([
      { label: "A", x: 80.25, modelBits: 20_000 },
      { label: "R", x: 80.25, modelBits: 20_000 },
    ]);
    expect(view.byLabels.points.map((p) => p.x)).toEqual([3000, 199_400]);
  });

  it("puts the published MNIST classifiers with a test accuracy at MNIST's x on both panels, and tables them", () => {
    expect(view.byImage.published).toEqual([]);
    const renamed: DatasetsFile = {
      version: 1,
      cells: data.cells.map((c) => (c.dataset === "a" ? { ...c, dataset: "mnist", key: c.key.replace("a:", "mnist:") } : c)),
    };
    const withMnist = datasetsView(renamed, [spec("mnist"), spec("r")]);
    const drawn = PUBLISHED.filter((p) => p.testAccuracy !== null);
    expect(withMnist.byImage.published?.map((p) => [p.x, p.modelBits])).toEqual(drawn.map((p) => [80.25, p.bits]));
    expect(withMnist.byLabels.published?.every((p) => p.x === 3000)).toBe(true);
    expect(withMnist.tables!.published.map((r) => r[0])).toEqual(drawn.map((p) => p.label));
    expect(withMnist.tables!.published[0]?.[1]).toMatch(/^about /);
  });
});
