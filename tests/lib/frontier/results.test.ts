import { describe, expect, it } from "vitest";
import type { ScoredFile } from "../../../src/lib/frontier/cell.ts";
import { GRID } from "../../../src/lib/frontier/grid.ts";
import {
  SELECTION_ACCURACY,
  TRAIN_END,
  candidates,
  cellKey,
  parseFrontierFile,
  selectModel,
  validationFrontier,
  type CellResult,
  type CellSpec,
  type FrontierFile,
} from "../../../src/lib/frontier/results.ts";

interface C {
  id: string;
  fileBits: number;
  validationAccuracy: number;
}
const c = (id: string, fileBits: number, validationAccuracy: number): C => ({ id, fileBits, validationAccuracy });
const ids = (list: readonly C[]): string[] => list.map((x) => x.id);

describe("validationFrontier", () => {
  it("keeps, in order of size, each candidate more accurate than every smaller one", () => {
    const all = [c("a", 300, 0.97), c("b", 100, 0.9), c("c", 200, 0.95), c("d", 250, 0.94), c("e", 400, 0.96), c("f", 500, 0.99)];
    // By size: b .90, c .95, d .94 (worse than c: off), a .97, e .96 (off), f .99.
    expect(ids(validationFrontier(all))).toEqual(["b", "c", "a", "f"]);
    // Input order does not matter.
    expect(ids(validationFrontier([...all].reverse()))).toEqual(["b", "c", "a", "f"]);
  });

  it("equal sizes: the more accurate one wins and the other is dropped", () => {
    expect(ids(validationFrontier([c("lo", 100, 0.9), c("hi", 100, 0.95), c("x", 200, 0.93)]))).toEqual(["hi"]);
    expect(ids(validationFrontier([c("hi", 100, 0.95), c("lo", 100, 0.9), c("y", 200, 0.96)]))).toEqual(["hi", "y"]);
  });

  it("ties in accuracy: a larger file that is only as accurate is not on the frontier", () => {
    expect(ids(validationFrontier([c("small", 100, 0.95), c("big", 200, 0.95)]))).toEqual(["small"]);
    // Full ties (same size, same accuracy) keep exactly one, the first given.
    expect(ids(validationFrontier([c("first", 100, 0.95), c("second", 100, 0.95)]))).toEqual(["first"]);
  });

  it("is empty for no candidates and does not modify its input", () => {
    expect(validationFrontier([])).toEqual([]);
    const all = [c("a", 300, 0.97), c("b", 100, 0.9)];
    validationFrontier(all);
    expect(ids(all)).toEqual(["a", "b"]);
  });

  it("accuracy 0 is still on the frontier (the running best starts below 0)", () => {
    expect(ids(validationFrontier([c("z", 10, 0)]))).toEqual(["z"]);
  });
});

describe("selectModel", () => {
  it("picks the smallest candidate at or above the selection accuracy", () => {
    expect(SELECTION_ACCURACY).toBe(0.991);
    const all = [c("a", 900, 0.995), c("b", 500, 0.9912), c("c", 400, 0.9909), c("d", 700, 0.993)];
    expect(selectModel(all)?.id).toBe("b");
  });

  it("exactly at the threshold counts (991 of 1,000 and 9,910 of 10,000 correct)", () => {
    expect(selectModel([c("x", 100, 1 - 9 / 1000)])?.id).toBe("x");
    expect(selectModel([c("y", 100, 1 - 90 / 10_000)])?.id).toBe("y");
    expect(selectModel([c("z", 100, 1 - 91 / 10_000)])).toBeUndefined();
  });

  it("equal sizes above the threshold: the more accurate one", () => {
    expect(selectModel([c("lo", 100, 0.992), c("hi", 100, 0.996)])?.id).toBe("hi");
  });

  it("none above the threshold: undefined", () => {
    expect(selectModel([c("a", 100, 0.99), c("b", 200, 0.9905)])).toBeUndefined();
    expect(selectModel([])).toBeUndefined();
  });

  it("agrees with a brute-force rule on random lists: the smallest qualifying size, most accurate among those", () => {
    let state = 12345;
    const rand = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    for (let trial = 0; trial < 500; trial++) {
      const all = Array.from({ length: 1 + rand(12) }, (_, i) => c(`k${i}`, 100 * (1 + rand(8)), 0.985 + rand(12) / 1000));
      const qualifying = all.filter((x) => x.validationAccuracy >= SELECTION_ACCURACY);
      const got = selectModel(all);
      if (qualifying.length === 0) {
        expect(got).toBeUndefined();
        continue;
      }
      const size = Math.min(...qualifying.map((x) => x.fileBits));
      const best = Math.max(...qualifying.filter((x) => x.fileBits === size).map((x) => x.validationAccuracy));
      expect(got?.fileBits).toBe(size);
      expect(got?.validationAccuracy).toBe(best);
    }
  });
});

describe("cellKey, candidates, parseFrontierFile", () => {
  const cell: CellSpec = {
    net: "c6k3p2-c12k3p2-c16k3-gap",
    epochs: 30,
    batchSize: 128,
    maxLr: 0.01,
    augmentation: { shift: 2, rotate: 10, scale: 0.1 },
    qat: { weightBits: 4, biasBits: 8, fromEpoch: 15 },
    weightDecay: 0,
    batchNorm: false,
    seed: 1,
    exports: [
      { weightBits: 4, biasBits: 8 },
      { weightBits: 3, biasBits: 8 },
    ],
  };

  it("spells every field of a cell", () => {
    expect(cellKey(cell)).toBe("c6k3p2-c12k3p2-c16k3-gap|e30|b128|lr0.01|aug2,10,0.1|qat4/8@15|wd0|s1|x4/8,3/8");
    expect(cellKey({ ...cell, qat: null, seed: 2 })).toBe("c6k3p2-c12k3p2-c16k3-gap|e30|b128|lr0.01|aug2,10,0.1|float|wd0|s2|x4/8,3/8");
    // Batch norm is marked only when on, so keys of cells cached before it existed do not change.
    expect(cellKey({ ...cell, batchNorm: true })).toBe("c6k3p2-c12k3p2-c16k3-gap|e30|b128|lr0.01|aug2,10,0.1|qat4/8@15|wd0|bn|s1|x4/8,3/8");
  });

  it("gives every cell of the grid its own key (finished cells are cached by key)", () => {
    const keys = GRID.map(cellKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("lists one candidate per exported file", () => {
    const file = (weightBits: number): ScoredFile => ({
      weightBits,
      biasBits: 8,
      fileBits: 1000 * weightBits,
      codedBits: 1000 * weightBits,
      params: 2634,
      trainErrors: 0,
      trainCount: 50_000,
      validationAccuracy: 0.99,
      testAccuracy: 0.99,
      file: "",
    });
    const result: CellResult = {
      key: cellKey(cell),
      cell,
      trainSeconds: 1,
      evalSeconds: 1,
      files: [file(4), file(3)],
      provenance: { gitCommit: "x", clean: true, finishedAt: "", backend: "wasm", backendDetail: "", tfjsVersion: "4.22.0", node: "v22" },
    };
    const f: FrontierFile = { version: 1, split: { trainEnd: TRAIN_END, validationEnd: 60_000 }, dataSha256: {}, cells: [result] };
    const list = candidates(f);
    expect(list.map((x) => x.key)).toEqual([`${cellKey(cell)}#4/8`, `${cellKey(cell)}#3/8`]);
    expect(list.every((x) => x.net === cell.net && x.cellKey === cellKey(cell))).toBe(true);
    expect(parseFrontierFile(JSON.stringify(f), "f.json")).toEqual(f);
    expect(() => parseFrontierFile(JSON.stringify({ ...f, version: 2 }), "f.json")).toThrow(/f\.json is not a frontier results file/);
    expect(() => parseFrontierFile(JSON.stringify({ ...f, split: { trainEnd: 40_000 } }), "f.json")).toThrow(/50000-image/);
  });
});
