/**
 * The committed dataset sweep (image and label cells so far), checked rather than trusted: an image cell recomputed
 * here gives the same numbers, the random-labels point sits where theory puts it (its labels cannot be coded in fewer
 * than about N log2 10 bits), the source files are the checked ones, and every cell comes from a clean commit in this
 * repository's history.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readDatasets } from "../../src/build/datasets-build.ts";
import { datasetsView } from "../../src/chapters/description-length/datasets-view.ts";
import { loadMnistNode, readServedManifest } from "../../src/lib/data/node.ts";
import { DATASETS, datasetById } from "../../src/lib/datasets/catalog.ts";
import type { ImagesResult, LabelsResult } from "../../src/lib/datasets/results.ts";
import { HALF_INTENSITY } from "../../src/lib/stats/binarization.ts";
import { contextModelCodeLengths } from "../../src/lib/stats/context-model.ts";
import { independentCrossEntropy } from "../../src/lib/stats/independent-model.ts";
import { countPixelsSync } from "../../src/lib/stats/pixel-counts.ts";

const f = readDatasets();
const result = <T>(id: string, q: string): T => f.cells.find((c) => c.dataset === id && c.quantity === q)!.result as T;

describe("the committed dataset sweep", () => {
  it("has the image and label cells of every dataset in the catalog", () => {
    const keys = new Set(f.cells.map((c) => c.key));
    for (const d of DATASETS) for (const q of ["images", "labels"]) expect(keys.has(`${d.id}:${q}`), `${d.id}:${q}`).toBe(true);
    // A dataset without its model cell is named as missing rather than plotted.
    const view = datasetsView(f, DATASETS);
    for (const d of DATASETS) {
      const plotted = view.points.some((p) => p.id === d.id);
      expect(plotted || view.values.missing.includes(d.label), d.id).toBe(true);
    }
  });

  it("an image cell recomputed here gives the committed numbers exactly", async () => {
    const data = datasetById("mnist-7x7").make(loadMnistNode());
    const committed = result<ImagesResult>("mnist-7x7", "images");
    expect(independentCrossEntropy(countPixelsSync(data.train), countPixelsSync(data.test), HALF_INTENSITY)).toBe(
      committed.independentBitsPerImage,
    );
    const [context] = await contextModelCodeLengths(data.test, HALF_INTENSITY, { templateSizes: [10] });
    expect(context!.bitsPerImage).toBe(committed.contextBitsPerImage);
  });

  it("random labels cost about N log2 10 bits however they are coded, and MNIST's cost far less", () => {
    const random = result<LabelsResult>("mnist-random-labels", "labels");
    const floor = random.n * Math.log2(10);
    // Saving k bits on uniformly random labels happens with probability at most 2^-k.
    expect(random.bitLength).toBeGreaterThan(floor - 30);
    expect(random.bitLength).toBeLessThan(floor * 1.01);
    expect(result<LabelsResult>("mnist", "labels").bitLength).toBeLessThan(floor / 10);
  });

  it("the MNIST cells used the served files, and every cell ran from a clean commit in history", () => {
    const sha = Object.fromEntries(Object.entries(readServedManifest().files).map(([k, v]) => [k, v.sha256]));
    for (const cell of f.cells) {
      if (datasetById(cell.dataset).source === "mnist") expect(cell.sourceSha256, cell.key).toEqual(sha);
      expect(cell.provenance.clean, cell.key).toBe(true);
      expect(() => execFileSync("git", ["cat-file", "-e", `${cell.provenance.gitCommit}^{commit}`]), cell.key).not.toThrow();
    }
  });
});
