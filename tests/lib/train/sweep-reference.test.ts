import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode, readServedManifest } from "../../../src/lib/data/node.ts";
import { parseArchKey } from "../../../src/lib/train/arch.ts";
import { validateSweepFile } from "../../../src/lib/train/sweep-file.ts";
import { ladderConfig } from "../../../src/lib/train/sweep.ts";
import { train } from "../../../src/lib/train/train.ts";
import { useWasm } from "./helpers.ts";

const sweep = validateSweepFile(
  JSON.parse(readFileSync(new URL("../../../content/data/overparameterization-sweep.json", import.meta.url), "utf8")),
);

beforeAll(useWasm);

describe("the committed reference sweep", () => {
  it("records its provenance, and the data it was computed from is the data served", () => {
    const p = sweep.provenance;
    expect(p.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(p.backend).toBe("wasm");
    expect(p.tfjs).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number.isNaN(Date.parse(p.date))).toBe(false);
    const files = readServedManifest().files;
    expect(p.data.sha256).toEqual(Object.fromEntries(Object.entries(files).map(([k, f]) => [k, f.sha256])));
  });

  it("reproduces one ladder cell (mlp-8, seed 1) within tolerance", async () => {
    const cell = sweep.ladder.cells.find((c) => c.arch === "mlp-8" && c.seed === 1);
    expect(cell).toBeDefined();
    const r = await train(ladderConfig(parseArchKey("mlp-8"), 1, sweep.ladder.settings), loadMnistNode());
    // wasm repeats bit for bit on one machine; the tolerance covers a different SIMD build elsewhere.
    expect(Math.abs((r.test?.accuracy ?? 0) - (cell?.testAccuracy ?? NaN))).toBeLessThanOrEqual(0.003);
    expect(Math.abs((r.epochs.at(-1)?.trainLoss ?? 0) - (cell?.trainLoss ?? NaN))).toBeLessThanOrEqual(0.01);
    expect(r.paramCount).toBe(cell?.params);
  });
});
