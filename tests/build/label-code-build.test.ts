/**
 * The committed label code, checked from its files rather than trusted: the served stream is the recorded one, its
 * length is what the coder's bound allows for the recorded ideal length, its first block decodes here (with no model,
 * as the plan says) to the real first labels, the block costs add up, and every cell ran from a clean commit.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { chosenCode, readLabelCode, servedLabelStream } from "../../src/build/label-code-build.ts";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { decodeLabels, type Expert } from "../../src/lib/mdl/label-code.ts";
import {
  CELLS,
  PRECISION_BITS,
  RECIPES_COMPARED,
  VARIANTS,
  cellId,
  chooseShortest,
  recipeIndex,
  variantById,
} from "../../src/lib/mdl/label-code-plan.ts";

const f = readLabelCode();
const labels = loadMnistNode().train.labels;
const shipped = chosenCode(f);
const plan = variantById(shipped.id);

describe("the committed label code", () => {
  it("serves the recorded stream, whose length is within the coder's bound of its ideal length", () => {
    const s = servedLabelStream(f);
    expect(s.sha256).toBe(shipped.stream?.sha256);
    expect(s.bytes.length).toBe(Math.ceil(shipped.bitLength / 8));
    expect(shipped.stream?.decodedEqual).toBe(true);
    for (const v of [...f.variants, ...f.live]) {
      expect(v.bitLength).toBeLessThanOrEqual(v.idealBits + 2 + 0.01);
      expect(v.bitLength).toBeGreaterThan(v.idealBits - 2);
    }
  });

  it("block costs add up to the ideal length, and the blocks follow the variant's ends", () => {
    for (const v of f.variants) {
      const sum = v.blocks.reduce((a, b) => a + b.bits, 0);
      expect(v.idealBits, v.id).toBeCloseTo(sum + v.recipeBits, 6);
      v.blocks.forEach((b, k) => {
        expect(b.end).toBe(v.ends[k]);
        expect(b.start).toBe(k === 0 ? 0 : v.ends[k - 1]);
      });
      expect(v.recipeBits).toBeCloseTo(Math.log2(RECIPES_COMPARED.length), 9);
    }
    expect(f.recipesCompared).toEqual([...RECIPES_COMPARED]);
    expect(f.variants.map((v) => v.id)).toEqual(VARIANTS.map((v) => v.id));
    expect(shipped.ends).toEqual([...plan.ends]);
  });

  it("ships the shortest of the compared codes (chosen again here)", () => {
    expect(chooseShortest(f.variants).id).toBe(f.chosen);
    for (const v of f.variants) expect(v.bitLength).toBeGreaterThanOrEqual(shipped.bitLength);
  });

  it("the stream's recipe symbol and its first block decode here, with no model, to the real first labels", async () => {
    const s = servedLabelStream(f);
    const first = plan.ends[0]!;
    // The first block is coded with every expert uniform: nothing may be asked of them.
    const unused: Expert = { name: "unused", predict: () => Promise.reject(new Error("the first block needs no model")) };
    const experts = plan.experts.map(() => unused);
    const setting = { ends: [first], mixture: plan.mixture, precisionBits: PRECISION_BITS, recipe: recipeIndex(plan) };
    const back = await decodeLabels(s.bytes, first, experts, setting);
    expect(Array.from(back.labels)).toEqual(Array.from(labels.subarray(0, first)));
    expect(back.blocks[0]!.bits).toBeCloseTo(shipped.blocks[0]!.bits, 9);
  });

  it("has every planned cell, each from a clean commit in this repository's history", () => {
    const ids = new Set(f.cells.map((c) => c.id));
    for (const c of CELLS) expect(ids.has(cellId(c)), cellId(c)).toBe(true);
    for (const cell of f.cells) {
      expect(cell.provenance.clean, cell.id).toBe(true);
      expect(() => execFileSync("git", ["cat-file", "-e", `${cell.provenance.gitCommit}^{commit}`]), cell.id).not.toThrow();
    }
    expect(shipped.clean).toBe(true);
  });
});
