import { describe, expect, it } from "vitest";
import { twoPartView } from "../../../src/chapters/description-length/two-part-view.ts";
import { twoPartCells } from "../../lib/mdl/two-part-cell.ts";

const cell = twoPartCells({ params: 7850, testBitsPerLabel: 0 });
/** One network's cells, each given as [bits per weight, fraction pruned, model bits, test accuracy]. */
const network = (arch: string, grid: Array<[number, number, number, number]>) => grid.map((c) => cell(arch, ...c));

describe("twoPartView", () => {
  const cells = [
    ...network("logistic", [
      [2, 0, 10_000, 0.9],
      [2, 0.5, 8_000, 0.89],
      [8, 0, 60_000, 0.92],
      [8, 0.5, 40_000, 0.92],
    ]),
    ...network("mlp-32", [
      [2, 0, 50_000, 0.985],
      [2, 0.5, 30_000, 0.99],
      [8, 0, 200_000, 0.991],
      [8, 0.5, 120_000, 0.9912],
    ]),
  ];
  const v = twoPartView({ cells, seed: 1, testImages: 10_000 });

  it("names the smallest network at or above 99% and marks its cells in the table", () => {
    expect(v.values.best).toBe(
      "Smallest at or above 99.00%: MLP 784→32→10 (25,450 parameters) at 2 bits per weight, pruning 50%: 30,000 bits for 99.00% (95% interval 98.80–99.20%) test accuracy, picked on the test set itself, which flatters it.",
    );
    expect(v.best).toEqual({ row: 2, cells: [4, 5] });
    expect(v.tables?.["two-part"]?.[2]).toEqual([
      "MLP 784→32→10 (25,450 parameters)",
      "2",
      "50,000 bits",
      "98.50%",
      "30,000 bits",
      "99.00%",
    ]);
    expect(v.chart.smallest).toBe(cells[5]);
  });

  it("has one row per network and bit width, and one column pair per pruning level", () => {
    expect(v.tables?.["two-part"]).toHaveLength(4);
    expect(v.columns).toEqual(["Bits, pruning none", "Accuracy, pruning none", "Bits, pruning 50%", "Accuracy, pruning 50%"]);
    expect(v.values).toMatchObject({ "bits-list": "2, 8", "prune-max": "50%", "test-images": "10,000", seed: "1" });
  });

  it("says so when nothing reached the target", () => {
    const none = twoPartView({ cells: cells.slice(0, 4), seed: 1, testImages: 10_000 });
    expect(none.values.best).toBe("No quantized network reached 99.00% on the test set.");
    expect(none.best).toBeUndefined();
    expect(none.chart.smallest).toBeUndefined();
  });
});
