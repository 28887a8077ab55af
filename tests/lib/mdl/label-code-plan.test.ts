import { describe, expect, it } from "vitest";
import {
  CELLS,
  CUMULATIVE,
  DOUBLING_ENDS,
  FINE_ENDS,
  LABELS,
  LEAVE_ONE_OUT,
  LIVE_LABEL_SIZES,
  PREFIXES,
  RECIPES_COMPARED,
  FULL,
  VARIANTS,
  chooseShortest,
  variantById,
  cellId,
  liveSetting,
  predictionEnd,
  recipeIndex,
} from "../../../src/lib/mdl/label-code-plan.ts";

describe("label code plan", () => {
  it("fine blocks start at 8 and grow by about sqrt 2; every doubling block start is a fine one", () => {
    expect(FINE_ENDS.slice(0, 6)).toEqual([8, 11, 16, 23, 32, 45]);
    expect(FINE_ENDS.at(-1)).toBe(LABELS);
    expect(DOUBLING_ENDS).toEqual([64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 60000]);
    for (const s of DOUBLING_ENDS.slice(0, -1)) expect(PREFIXES).toContain(s);
  });

  it("every block of every variant is predicted by a cell trained on exactly the labels before it", () => {
    const cells = new Map(CELLS.map((c) => [cellId(c), c]));
    for (const v of [...CUMULATIVE, ...LEAVE_ONE_OUT]) {
      v.ends.slice(0, -1).forEach((start, k) => {
        const end = v.ends[k + 1]!;
        for (const families of v.experts) {
          for (const family of families) {
            const cell = cells.get(cellId({ family, prefix: start }));
            expect(cell, `${v.id}: ${cellId({ family, prefix: start })}`).toBeDefined();
            expect(cell!.end).toBeGreaterThanOrEqual(end);
          }
        }
      });
    }
    expect(predictionEnd(32768)).toBe(60000);
    expect(predictionEnd(100)).toBe(200);
  });

  it("every variant is a compared recipe with its own index; the shortest is chosen, ties to the first listed", () => {
    expect(new Set(RECIPES_COMPARED).size).toBe(RECIPES_COMPARED.length);
    for (const v of VARIANTS) {
      const r = recipeIndex(v);
      expect(r.of).toBe(RECIPES_COMPARED.length);
      expect(RECIPES_COMPARED[r.index]).toBe(v.id);
      expect(variantById(v.id)).toBe(v);
    }
    expect(recipeIndex(FULL).index).toBe(RECIPES_COMPARED.indexOf("full"));
    expect(() => recipeIndex({ ...FULL, id: "never compared" })).toThrow();
    expect(
      chooseShortest([
        { id: "a", bitLength: 5 },
        { id: "b", bitLength: 3 },
        { id: "c", bitLength: 3 },
      ]).id,
    ).toBe("b");
    expect(() => chooseShortest([])).toThrow();
  });

  it("the live setting runs on the offered sizes only, with no recipe symbol", () => {
    for (const n of LIVE_LABEL_SIZES) {
      const s = liveSetting(n);
      expect(s.ends.at(-1)).toBe(n);
      expect(s.ends.slice(0, -1).every((e) => PREFIXES.includes(e))).toBe(true);
      expect(s.recipe).toEqual({ index: 0, of: 1 });
    }
    expect(() => liveSetting(5000)).toThrow(RangeError);
  });
});
