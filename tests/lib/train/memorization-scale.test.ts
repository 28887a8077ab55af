import { describe, expect, it } from "vitest";
import {
  SCALE_GRID,
  bitsStored,
  cellBitsPerParameter,
  parseScaleFile,
  scaleKey,
  type ScaleCell,
} from "../../../src/lib/train/memorization-scale.ts";
import { paramCount, parseArchKey } from "../../../src/lib/train/arch.ts";

/** H(Y | guess) for uniform Y over 10 classes when the guess is right with probability a and else uniform on the other 9. */
function conditionalEntropyByEnumeration(a: number): number {
  const p = [a, ...Array.from({ length: 9 }, () => (1 - a) / 9)];
  return -p.filter((x) => x > 0).reduce((s, x) => s + x * Math.log2(x), 0);
}

describe("bitsStored", () => {
  it("is n log2 10 for a perfect fit and 0 at chance", () => {
    expect(bitsStored(1000, 1)).toBeCloseTo(1000 * Math.log2(10), 9);
    expect(bitsStored(1000, 0.1)).toBeCloseTo(0, 9);
  });
  it("equals n (log2 10 - H(Y | guess)) with the errors spread evenly, computed by enumeration", () => {
    for (const a of [0.3, 0.5, 0.9, 0.99]) {
      expect(bitsStored(500, a)).toBeCloseTo(500 * (Math.log2(10) - conditionalEntropyByEnumeration(a)), 6);
    }
  });
  it("never goes below zero (below chance the bound says nothing)", () => {
    expect(bitsStored(100, 0.05)).toBe(0);
  });
});

describe("SCALE_GRID", () => {
  it("has one key per cell and only architectures the trainer knows", () => {
    const keys = SCALE_GRID.map(scaleKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SCALE_GRID) expect(paramCount(parseArchKey(s.arch))).toBeGreaterThan(0);
  });
  it("reaches the whole training set for the large MLP and at least 16,000 images for the CNN", () => {
    expect(SCALE_GRID.some((s) => s.arch === "mlp-512" && s.n === 60_000)).toBe(true);
    expect(Math.max(...SCALE_GRID.filter((s) => s.arch.startsWith("cnn")).map((s) => s.n))).toBeGreaterThanOrEqual(16_000);
  });
});

describe("parseScaleFile", () => {
  const cell = (over: Partial<ScaleCell>): ScaleCell => ({
    ...SCALE_GRID[0]!,
    key: scaleKey(SCALE_GRID[0]!),
    params: 50_890,
    trainAccuracy: 1,
    curve: [],
    seconds: 1,
    provenance: { gitCommit: "x", clean: true, finishedAt: "", node: "", tfjs: "", backend: "" },
    ...over,
  });
  it("names the file for bad JSON, a wrong version and an impossible accuracy", () => {
    expect(() => parseScaleFile("{", "m.json")).toThrow(/m\.json: not valid JSON/);
    expect(() => parseScaleFile('{"version":2,"cells":[]}', "m.json")).toThrow(/m\.json: not a memorisation-scale file/);
    expect(() => parseScaleFile(JSON.stringify({ version: 1, cells: [cell({ trainAccuracy: 1.5 })] }), "m.json")).toThrow(
      /m\.json: cell .* no valid accuracy/,
    );
  });
  it("gives bits per parameter from n for a fit and from the bound otherwise", () => {
    const f = parseScaleFile(JSON.stringify({ version: 1, cells: [cell({}), cell({ trainAccuracy: 0.5 })] }), "m.json");
    expect(cellBitsPerParameter(f.cells[0]!)).toBeCloseTo((3000 * Math.log2(10)) / 50_890, 9);
    expect(cellBitsPerParameter(f.cells[1]!)).toBeCloseTo(bitsStored(3000, 0.5) / 50_890, 9);
  });
});
