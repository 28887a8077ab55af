import { describe, expect, it } from "vitest";
import { ladderCells } from "../../src/chapters/binarization/ch12-format.ts";
import { labelQuantities, thresholdQuantities } from "../../src/chapters/entropy/quantities.ts";
import { seedSearchTable } from "../../src/chapters/entropy/seed-table.ts";
import { binarizationSummary } from "../../src/lib/stats/binarization-summary.ts";
import { bitsLadder } from "../../src/lib/stats/bits-ladder.ts";
import { countPixelsSync } from "../../src/lib/stats/pixel-counts.ts";
import { seedSearch } from "../../src/lib/stats/seed-search.ts";

/** A tiny two-class dataset of 2 × 2 images, small enough to check the tables by hand. */
const split = {
  count: 4,
  rows: 2,
  cols: 2,
  pixels: Uint8Array.from([255, 0, 0, 0, 255, 200, 0, 0, 0, 0, 90, 255, 10, 0, 255, 255]),
  labels: Uint8Array.from([0, 0, 1, 1]),
};
const counts = countPixelsSync(split, 2);

describe("chapter 1-2 tables", () => {
  it("the seed-search table has one row per reading, one column per usual binarization, and marks the best row", () => {
    const search = seedSearch(counts, counts, 1);
    const table = seedSearchTable(search);
    expect(table.rows.map((r) => r.id)).toEqual(
      search.rows
        .filter((r) => r.data === "train" && r.unit === "bits")
        .map((r) => r.reading)
        .filter((id, k, all) => all.indexOf(id) === k),
    );
    expect(table.columns).toEqual(["> 0", "> 127", "stochastic (p = value/255)"]);
    for (const r of table.rows) expect(r.cells).toHaveLength(3);
    expect(table.rows.filter((r) => r.best).length).toBeLessThanOrEqual(1);
    // Hand check: at "> 0" pixel 0 is on in 3 of 4 images, so -sum p log2 p includes -(3/4) log2 (3/4).
    const unnormalized = table.rows.find((r) => r.id === "unnormalized-heatmap-entropy");
    const p = [3 / 4, 2 / 4, 2 / 4, 2 / 4];
    const expected = p.reduce((a, x) => a - x * Math.log2(x), 0);
    expect(unnormalized?.cells[0]).toBe(expected.toFixed(3));
  });

  it("quantity rows have unique keys and print the summary's values", () => {
    const s = binarizationSummary(counts, counts, { kind: "threshold", threshold: 0 });
    const rows = [...thresholdQuantities(s, counts.pixels), ...labelQuantities([2, 2])];
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.find((r) => r.key === "label-entropy")?.value).toBe("1.00 bits");
    expect(rows.find((r) => r.key === "index-bits")?.value).toBe("2.00 bits");
    expect(rows.find((r) => r.key === "labelling-bits")?.value).toBe("4 bits");
  });

  it("ladder rows mark approximate published figures", () => {
    const rungs = bitsLadder({ binarization: { kind: "threshold", threshold: 127 }, pixelsPerImage: 784 });
    const approx = rungs.filter((r) => r.approximate);
    expect(approx.length).toBeGreaterThan(0);
    for (const r of approx) {
      const cells = ladderCells(r);
      expect(cells[0]).toMatch(/\(approximate\)$/);
      expect(cells[1]).toMatch(/^≈ /);
    }
    expect(ladderCells(rungs[0]!)[1]).toBe("784.00");
  });
});
