/**
 * The committed reference search, checked from its files rather than trusted: the shipped model file decodes, and the
 * decoded network scores exactly the recorded accuracies when evaluated here; the selection rule picks it; every cell
 * comes from a clean commit of this repository.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { frontierSelection, readFrontier } from "../../src/build/frontier-build.ts";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { errorsOn } from "../../src/lib/frontier/cell.ts";
import { decodeModelFile, encodeModelFile } from "../../src/lib/frontier/model-file.ts";
import { paramCount } from "../../src/lib/frontier/net.ts";
import { SELECTION_ACCURACY, TRAIN_END, VALIDATION_END, candidates } from "../../src/lib/frontier/results.ts";

const mnist = loadMnistNode();
const split = (s: typeof mnist.train, start: number, end: number) => ({ pixels: s.pixels, labels: s.labels, start, end });
const f = readFrontier();
const selection = frontierSelection(f);

describe("the committed frontier", () => {
  it("selects the smallest file at or above the selection accuracy on validation (recomputed here)", () => {
    const qualifying = candidates(f).filter((c) => c.validationAccuracy >= SELECTION_ACCURACY);
    if (qualifying.length === 0) {
      expect(selection.met).toBe(false);
      return;
    }
    const minBits = Math.min(...qualifying.map((c) => c.fileBits));
    const best = qualifying.filter((c) => c.fileBits === minBits).sort((a, b) => b.validationAccuracy - a.validationAccuracy)[0]!;
    expect(selection.met).toBe(true);
    expect(selection.chosen.candidate.key).toBe(best.key);
  });

  for (const which of ["chosen", "reference"] as const) {
    it(`the ${which} model file decodes, re-encodes to the same bytes, and scores its recorded accuracies`, () => {
      const m = selection[which];
      const model = decodeModelFile(m.bytes, m.path);
      expect(encodeModelFile(model)).toEqual(m.bytes);
      expect(m.bytes.length * 8).toBe(m.candidate.fileBits);
      expect(paramCount(model.spec)).toBe(m.candidate.params);
      const testErrors = errorsOn(model, split(mnist.test, 0, 10_000));
      expect(1 - testErrors / 10_000).toBe(m.candidate.testAccuracy);
      const validationErrors = errorsOn(model, split(mnist.train, TRAIN_END, VALIDATION_END));
      expect(1 - validationErrors / (VALIDATION_END - TRAIN_END)).toBe(m.candidate.validationAccuracy);
    });
  }

  it("the chosen model's training errors (the Occam bound's input) are what the file gives", () => {
    const m = selection.chosen;
    expect(errorsOn(decodeModelFile(m.bytes, m.path), split(mnist.train, 0, TRAIN_END))).toBe(m.candidate.trainErrors);
    expect(m.candidate.trainCount).toBe(TRAIN_END);
  });

  it("every cell ran from a clean commit that is in this repository's history", () => {
    for (const cell of f.cells) {
      expect(cell.provenance.clean, cell.key).toBe(true);
      expect(() => execFileSync("git", ["cat-file", "-e", `${cell.provenance.gitCommit}^{commit}`]), cell.key).not.toThrow();
    }
  });
});
