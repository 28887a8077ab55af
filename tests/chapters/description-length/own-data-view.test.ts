import { describe, expect, it } from "vitest";
import {
  OWN_POINT_LABEL,
  ownDataJson,
  ownDataView,
  ownPanels,
  roleForName,
} from "../../../src/chapters/description-length/own-data-view.ts";
import { OWN_DEFAULTS } from "../../../src/lib/datasets/own-budget.ts";
import type { OwnChecked, OwnDataMeasured } from "../../../src/workers/own-data-protocol.ts";

const checked: OwnChecked = {
  trainCount: 1_200,
  testCount: 200,
  rows: 20,
  cols: 20,
  classesSeen: 10,
  classCounts: Array.from({ length: 10 }, () => 120),
  compressed: { trainImages: true, trainLabels: false },
  testFromTrain: true,
};
const file = (weightBits: number, fileBits: number, validationAccuracy: number) => ({
  net: "c2k3p2-c4k3p2-c8k3-gap",
  weightBits,
  fileBits,
  params: 482,
  validationAccuracy,
  testAccuracy: validationAccuracy - 0.01,
});
const measured: OwnDataMeasured = {
  budget: OWN_DEFAULTS,
  images: { rows: 20, cols: 20, independentBitsPerImage: 61.25, contextBitsPerImage: 40.5 },
  labels: { n: 1_000, classes: 10, bitLength: 812, idealBits: 811.2, blocks: [] },
  // Best validation accuracy 0.95, so the target is 0.945: the 5-bit file (0.946) is the smallest within it.
  models: { trainEnd: 1_000, validation: 200, files: [file(4, 2_000, 0.9), file(5, 2_400, 0.946), file(8, 3_800, 0.95)] },
  seconds: { images: 0.5, labels: 3.25, models: 10 },
};

describe("roleForName", () => {
  it("reads the MNIST family's file names, and gives up on names that do not say", () => {
    expect(roleForName("train-images-idx3-ubyte.gz")).toBe("trainImages");
    expect(roleForName("t10k-labels-idx1-ubyte")).toBe("testLabels");
    expect(roleForName("emnist-digits-test-images-idx3-ubyte.gz")).toBe("testImages");
    expect(roleForName("Train-Labels.IDX1")).toBe("trainLabels");
    expect(roleForName("data.bin")).toBeUndefined();
    expect(roleForName("images-and-labels.tar")).toBeUndefined();
  });
});

describe("ownDataView", () => {
  it("lists the four files before anything is checked, with dashes for the results", () => {
    const v = ownDataView({ files: [{ role: "trainLabels", name: "l.gz", bytes: 2_048 }], budget: OWN_DEFAULTS });
    expect(v.tables?.files.map((r) => r[1])).toEqual(["none chosen", "l.gz", "none chosen", "none chosen"]);
    expect(v.tables?.files[1]?.[2]).toBe("2.0 kB");
    expect(v.values.described).toBe("No files checked yet.");
    expect(v.values.chosen).toBe("–");
    expect(v.values.budget).toContain("first 5,000 training labels");
  });

  it("describes the checked files and picks the smallest file within half a point of the best on validation", () => {
    const v = ownDataView({ files: [], budget: OWN_DEFAULTS, checked, measured });
    expect(v.values.described).toBe(
      "1,200 training images of 20×20 pixels in 10 classes; no test files, so the last 200 of them are the test set; the networks see them resampled to 28×28.",
    );
    expect(v.values.target).toBe("≥ 94.50% on 200 validation images");
    expect(v.values.chosen).toBe("2,400 bits (482 parameters at 5 bits)");
    expect(v.values["labels-per-label"]).toBe("0.812");
    expect(v.tables?.models.map((r) => r[4])).toEqual(["below target", "smallest within target", "within target"]);
  });
});

describe("ownPanels and the JSON record", () => {
  const sweep = {
    byImage: { points: [{ label: "MNIST", x: 120, modelBits: 27_000 }], xLabel: "x", summary: "Images." },
    byLabels: { points: [{ label: "MNIST", x: 10_000, modelBits: 27_000 }], xLabel: "x", summary: "Labels." },
  };

  it("adds the reader's point to both panels at the chosen file's bits, highlighted", () => {
    const p = ownPanels(sweep, checked, measured);
    expect(p?.byImage.points.at(-1)).toEqual({ label: OWN_POINT_LABEL, x: 40.5, modelBits: 2_400 });
    expect(p?.byLabels.points.at(-1)).toEqual({ label: OWN_POINT_LABEL, x: 812, modelBits: 2_400 });
    expect(p?.byImage.highlight).toBe(OWN_POINT_LABEL);
    expect(p?.byLabels.summary).toContain("first 1,000 labels");
    expect(sweep.byImage.points).toHaveLength(1);
  });

  it("has no point when even the best file is below chance by more than noise (the chance rule's target is then unmet)", () => {
    // Two classes, 200 validation images: chance 0.5, three standard errors 0.106, so the target is 0.394.
    const worse = { ...measured, models: { ...measured.models, files: [file(4, 2_000, 0.3), file(8, 3_800, 0.31)] } };
    expect(ownPanels(sweep, { ...checked, classesSeen: 2 }, worse)).toBeUndefined();
    expect(ownDataView({ files: [], budget: OWN_DEFAULTS, checked: { ...checked, classesSeen: 2 }, measured: worse }).values.chosen).toBe(
      "none",
    );
  });

  it("records the files by checksum, the budget, the rule and the chosen file", () => {
    const json = JSON.parse(
      ownDataJson(
        { files: [{ role: "trainImages", name: "a.gz", bytes: 10 }], budget: OWN_DEFAULTS, checked, measured },
        { trainImages: "ab" },
        {
          url: "https://example.org/",
          finishedAt: "2026-12-01T00:00:00.000Z",
        },
      ),
    ) as Record<string, unknown>;
    expect(json["files"]).toEqual([{ role: "trainImages", name: "a.gz", bytes: 10, sha256: "ab" }]);
    expect(json["budget"]).toEqual(OWN_DEFAULTS);
    expect(json["target"]).toBeCloseTo(0.945, 12);
    expect((json["chosen"] as { fileBits: number }).fileBits).toBe(2_400);
    expect(json["targetRule"]).toContain("0.5 points");
  });
});
