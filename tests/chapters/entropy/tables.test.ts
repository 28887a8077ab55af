import { describe, expect, it } from "vitest";
import { bitsLadderView, ladderCells, liveLadderView } from "../../../src/chapters/entropy/bits-ladder-view.ts";
import { labelQuantities, quantityRows, thresholdQuantities } from "../../../src/chapters/entropy/quantities.ts";
import { seedSearchTable, seedSearchView } from "../../../src/chapters/entropy/seed-search-view.ts";
import { binarizationSummary } from "../../../src/lib/stats/binarization-summary.ts";
import { bitsLadder } from "../../../src/lib/stats/bits-ladder.ts";
import { countPixelsSync } from "../../../src/lib/stats/pixel-counts.ts";
import { seedSearch } from "../../../src/lib/stats/seed-search.ts";

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
    const rows = quantityRows(counts.pixels, 4);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const values: Record<string, string> = { ...thresholdQuantities(s).values, ...labelQuantities([2, 2]).values };
    // Every row has its value, and every value its row.
    expect(Object.keys(values).sort()).toEqual(rows.map((r) => r.key).sort());
    expect(values["label-entropy"]).toBe("1.00 bits");
    expect(values["index-bits"]).toBe("2.00 bits");
    expect(values["labelling-bits"]).toBe("4 bits");
    // Hand check: at "> 0" the heatmap is p = (3/4, 1/4, 1/2, 1/2), so sum_i H_b(p_i) = 2 H_b(1/4) + 2.
    const hb = (p: number): number => -p * Math.log2(p) - (1 - p) * Math.log2(1 - p);
    expect(values["independent-train"]).toBe(`${(2 * hb(1 / 4) + 2).toFixed(2)} bits`);
  });

  it("the seed-search view has the compact table's cells, the best reading and one full row per search row", () => {
    const search = seedSearch(counts, counts, 1);
    const view = seedSearchView(search);
    const table = seedSearchTable(search);
    for (const r of table.rows) {
      r.cells.forEach((c, j) => expect(view.values[`seed-${r.id}-${j}`]).toBe(c));
      expect(view.values[`seed-${r.id}-closest`]).toBe(r.closest);
    }
    expect(view.values.best).toContain(search.best.binarizationLabel);
    expect(view.values.best.endsWith(`, ${search.best.value.toFixed(3)} ${search.best.unit}`)).toBe(true);
    const full = view.tables?.["seed-full"] ?? [];
    expect(full).toHaveLength(search.rows.length);
    expect(full[0]).toEqual([
      search.rows[0]?.reading,
      search.rows[0]?.data,
      search.rows[0]?.binarizationLabel,
      search.rows[0]?.chosenBy,
      `${search.rows[0]?.value.toFixed(3)} ${search.rows[0]?.unit}`,
    ]);
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

  it("the ladder view says whether its bars are built or live, and has one row per rung", () => {
    const inputs = { binarization: { kind: "threshold", threshold: 0 }, pixelsPerImage: 784 } as const;
    const rungs = bitsLadder(inputs);
    expect(bitsLadderView(rungs).values["ladder-label"]).toBe("built for the default binarization");
    const live = liveLadderView(inputs);
    expect(live.view.values["ladder-label"]).toBe("live, > 0");
    expect(live.view.tables?.ladder).toEqual(rungs.map(ladderCells));
  });
});
