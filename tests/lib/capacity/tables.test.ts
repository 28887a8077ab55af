import { describe, expect, it } from "vitest";
import { coverCountsByRecurrence } from "../../../src/lib/capacity/cover.ts";
import { experimentRow } from "../../../src/lib/capacity/experiment.ts";
import { exactRowCells, experimentRowCells, formatCoverShare, formatPercent, formatShare } from "../../../src/lib/capacity/text.ts";
import { COVER_TABLE_RATIOS, coverTableRows, decimalDigits, exactCountRows, formatBigInt } from "../../../src/lib/capacity/tables.ts";

describe("exactCountRows", () => {
  it("gives T(N, K) around N = 2K equal to the recurrence, with 2^N beside it", () => {
    const table = coverCountsByRecurrence(44, 20);
    const rows = exactCountRows(20);
    expect(rows.map((r) => r.n)).toEqual([38, 39, 40, 41, 42]);
    for (const row of rows) {
      expect(row.count).toBe(table[row.n - 1]?.[19]);
      expect(row.total).toBe(1n << BigInt(row.n));
    }
    // N = 2K: exactly half of all labellings.
    expect(rows[2]?.count).toBe(2n ** 39n);
    expect(rows[2]?.fraction).toBe(0.5);
  });

  it("drops N below 1 and matches hand counts at K = 1", () => {
    const rows = exactCountRows(1, [-2, -1, 0, 1]);
    expect(rows.map((r) => [r.n, r.count])).toEqual([
      [1, 2n],
      [2, 2n],
      [3, 2n],
    ]);
  });
});

describe("coverTableRows", () => {
  it("uses integer N = ratio K for the default K and the exact fractions", () => {
    const rows = coverTableRows([5, 20, 100, 1000]);
    expect(rows.map((r) => r.ratio)).toEqual(COVER_TABLE_RATIOS);
    for (const row of rows) {
      for (const cell of row.cells) expect(cell.n).toBeCloseTo(row.ratio * cell.k, 9);
    }
    const atTwo = rows.find((r) => r.ratio === 2);
    expect(atTwo?.cells.map((c) => c.fraction)).toEqual([0.5, 0.5, 0.5, 0.5]);
    const atOne = rows.find((r) => r.ratio === 1);
    expect(atOne?.cells.map((c) => c.fraction)).toEqual([1, 1, 1, 1]);
  });

  it("rounds N for a K where ratio K is not whole", () => {
    const [row] = coverTableRows([7], [1.6]);
    expect(row?.cells[0]?.n).toBe(11);
  });
});

describe("formatBigInt", () => {
  it("groups digits like en-US number formatting, beyond double precision too", () => {
    for (const x of [0, 7, 999, 1000, 123456, 1234567890, -45678]) expect(formatBigInt(BigInt(x))).toBe(x.toLocaleString("en-US"));
    expect(formatBigInt(2n ** 64n)).toBe("18,446,744,073,709,551,616");
    expect(decimalDigits(2n ** 64n)).toBe(20);
    expect(decimalDigits(-100n)).toBe(3);
  });
});

describe("cell text", () => {
  it("formats shares without hiding that Cover's fraction is never exactly 0", () => {
    expect(formatShare(1)).toBe("1");
    expect(formatShare(0)).toBe("0");
    expect(formatShare(0.5)).toBe("0.5000");
    expect(formatShare(1e-9)).toBe("< 0.0001");
    expect(formatShare(0.999999)).toBe("> 0.9999");
    expect(formatShare(0.12345)).toBe("0.1235");
    expect(formatPercent(0.2191)).toBe("21.9%");
    // Rounds to 1.0 as a double, but N > K: not every labelling is realisable.
    const [row] = coverTableRows([1000], [1.6]);
    expect(row?.cells[0]?.fraction).toBe(1);
    expect(formatCoverShare(1, 1600, 1000)).toBe("> 0.9999");
    expect(formatCoverShare(1, 1000, 1000)).toBe("1");
  });

  it("writes experiment and exact rows", () => {
    expect(experimentRowCells(experimentRow(40, 20, 1000, 500))).toEqual(["40", "2.00", "500 / 1,000", "0.500", "0.469 – 0.531", "0.5000"]);
    expect(exactRowCells(exactCountRows(2, [0])[0]!)).toEqual(["4", "8", "16", "0.5000"]);
  });
});
