/**
 * The chapter 4 reference sweep, in Node with the site's own engine on the wasm backend:
 *   1. the size ladder (every network of sizeLadder(), 5 seeds, the first 10,000 training images, 2 epochs);
 *   2. the 21,840-parameter network with the live demo's recipe on the full data (2 seeds, 3 epochs);
 *   3. memorisation of random labels for a few small networks.
 * Writes content/data/overparameterization-sweep.json with its provenance. Single-threaded on purpose (one core).
 *
 *   nice tsx scripts/experiments.ts [--only ladder,full,memorize] [--out content/data/overparameterization-sweep.json] [--allow-dirty]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { codeVersion, engineAndData, refuseDirtyTree, startReferenceRun } from "./reference-run.ts";
import { archKey, paramCount, parseArchKey, sizeLadder } from "../src/lib/train/arch.ts";
import { LIVE_RECIPE, peakLr } from "../src/lib/train/recipe.ts";
import {
  LADDER_DEFAULTS,
  MEMORIZE_DEFAULTS,
  ladderCell,
  ladderConfig,
  memorizeConfig,
  searchMemorization,
  type LadderCell,
  type MemorizeResult,
} from "../src/lib/train/sweep.ts";
import { train } from "../src/lib/train/train.ts";
import {
  CURVE_EVERY,
  MISCLASSIFIED_SHOWN,
  partProvenance,
  type FullRun,
  type SweepFile,
  type SweepPart,
} from "../src/lib/train/sweep-file.ts";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "ladder,full,memorize" },
    out: { type: "string", default: "content/data/overparameterization-sweep.json" },
    "allow-dirty": { type: "boolean", default: false },
  },
});
refuseDirtyTree(values["allow-dirty"]);
// Read before any work, tracked files only: an untracked node_modules link in a clone is not a code change.
const code = codeVersion();
const parts = new Set(values.only.split(","));

const LADDER_SEEDS = [1, 2, 3, 4, 5];
const FULL_SEEDS = [1, 2];
const MEMORIZE_ARCHS = ["logistic", "mlp-8", "mlp-16", "mlp-32", "mlp-64"];
const MEMORIZE_SIZES = [250, 500, 750, 1000, 1500, 2000, 3000, 4000];
const MEMORIZE_SEED = 1;

const { choice, mnist, manifest, seconds, log } = await startReferenceRun();

const previous = ((): Partial<SweepFile> => {
  try {
    return JSON.parse(readFileSync(values.out, "utf8")) as SweepFile;
  } catch {
    return {};
  }
})();

const ladder: LadderCell[] = [];
if (parts.has("ladder")) {
  for (const arch of sizeLadder()) {
    for (const seed of LADDER_SEEDS) {
      const r = await train(ladderConfig(arch, seed), mnist);
      const cell = ladderCell(archKey(arch), seed, r);
      ladder.push(cell);
      log(`ladder ${cell.arch} seed ${seed}: ${(100 * cell.testAccuracy).toFixed(2)}%, loss ${cell.trainLoss.toFixed(4)}`);
    }
  }
}

const full: FullRun[] = [];
if (parts.has("full")) {
  for (const seed of FULL_SEEDS) {
    const curve: FullRun["curve"] = [];
    const r = await train({ ...LIVE_RECIPE, seed }, mnist, {
      onBatch: (b) => {
        if (b.batchesDone % CURVE_EVERY === 0) curve.push({ step: b.batchesDone, loss: b.loss });
      },
    });
    const wrong = r.test?.misclassified.slice(0, MISCLASSIFIED_SHOWN) ?? [];
    full.push({
      arch: archKey(LIVE_RECIPE.arch),
      params: r.paramCount,
      seed,
      epochs: r.epochs.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, testAccuracy: e.test?.accuracy ?? NaN })),
      testAccuracy: r.test?.accuracy ?? NaN,
      trainSeconds: r.trainSeconds,
      imagesPerSecond: r.imagesPerSecond,
      curve,
      confusion: r.test?.confusion ?? [],
      misclassified: wrong.map((index) => ({ index, predicted: r.test?.predictions[index] ?? -1 })),
    });
    log(`full seed ${seed}: ${(100 * (r.test?.accuracy ?? NaN)).toFixed(2)}% in ${r.trainSeconds.toFixed(0)} s`);
  }
}

const memorization: MemorizeResult[] = [];
if (parts.has("memorize")) {
  for (const key of MEMORIZE_ARCHS) {
    const arch = parseArchKey(key);
    const result = await searchMemorization(arch, MEMORIZE_SEED, MEMORIZE_SIZES, async (n) => {
      const r = await train(memorizeConfig(arch, n, MEMORIZE_SEED), { train: mnist.train });
      return r.train?.accuracy ?? 0;
    });
    memorization.push(result);
    log(
      `memorize ${key} (${paramCount(arch)} params): largest n ${result.largestFitted}, ${result.bitsPerParameter.toFixed(3)} bits/param`,
    );
  }
}

const peak = peakLr(LIVE_RECIPE) ?? "none";
const command = `tsx scripts/experiments.ts --only ${values.only}`;
const date = new Date().toISOString();
const ran = new Set<SweepPart>([...parts].map((p) => (p === "memorize" ? "memorization" : p)) as SweepPart[]);
const out: SweepFile = {
  provenance: {
    generatedBy: "scripts/experiments.ts",
    command,
    date,
    gitCommit: code.gitCommit,
    gitDirty: !code.clean,
    backend: choice.backend,
    backendDetail: choice.detail,
    ...engineAndData(manifest),
    wallSeconds: seconds(),
    parts: partProvenance(ran, { command, date, gitCommit: code.gitCommit }, previous.provenance),
  },
  ladder: parts.has("ladder")
    ? { settings: LADDER_DEFAULTS, seeds: LADDER_SEEDS, cells: ladder }
    : (previous.ladder ?? { settings: LADDER_DEFAULTS, seeds: [], cells: [] }),
  full: parts.has("full")
    ? {
        recipe: `LIVE_RECIPE (Adam, one-cycle peak ${peak}, batch ${LIVE_RECIPE.batchSize}, ${LIVE_RECIPE.epochs} epochs, all 60,000 images)`,
        runs: full,
      }
    : (previous.full ?? { recipe: "", runs: [] }),
  memorization: parts.has("memorize")
    ? { settings: MEMORIZE_DEFAULTS, sizes: MEMORIZE_SIZES, results: memorization }
    : (previous.memorization ?? { settings: MEMORIZE_DEFAULTS, sizes: [], results: [] }),
};
writeFileSync(values.out, JSON.stringify(out, null, 1) + "\n");
log(`wrote ${values.out}`);
