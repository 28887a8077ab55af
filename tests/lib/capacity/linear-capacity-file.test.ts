import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { capacityBracket, parseLinearCapacity } from "../../../src/lib/capacity/linear-capacity-results.ts";
import { imagePoints } from "../../../src/lib/capacity/one-vs-rest.ts";
import { decideSeparability } from "../../../src/lib/capacity/separability.ts";
import { loadLpSolver, type LpSolver } from "../../../src/lib/capacity/solver.ts";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { trainingLabels } from "../../../src/lib/train/train.ts";

const path = "content/data/linear-capacity.json";
const file = parseLinearCapacity(readFileSync(path, "utf8"), path);
let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

describe("the committed linear-capacity search", () => {
  it("comes from clean commits and brackets the capacity within its resolution", () => {
    expect(file.cells.every((c) => c.provenance.clean)).toBe(true);
    const { fits, fails } = capacityBracket(file);
    expect(fits).toBeDefined();
    expect((fails ?? Infinity) - (fits ?? 0)).toBeLessThanOrEqual(file.resolution);
  });

  it("is reproduced: the class that failed at the smallest failing n fails again, with a fresh LP on freshly drawn labels", () => {
    const { fails } = capacityBracket(file);
    const cell = file.cells.find((c) => c.n === fails)!;
    const failed = cell.classes.at(-1)!;
    const mnist = loadMnistNode();
    const labels = trainingLabels({ kind: "random", seed: file.seed }, mnist.train.labels, cell.n);
    const { dimension, points } = imagePoints(mnist.train, cell.n);
    const set = { dimension, points, labels: Int8Array.from(labels, (l) => (l === failed.label ? 1 : -1)) };
    expect(decideSeparability(solver, set).separable).toBe(false);
  }, 60_000);
});
