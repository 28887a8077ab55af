/**
 * The live demo's recipe search (rules in src/lib/train/recipe-search.ts): every candidate x 5 seeds on the
 * validation split, then the chosen recipe x 5 seeds on all 60,000 training images, evaluated on the test set once.
 * Each finished cell is saved to content/data/recipe-search.json with its provenance, so a second invocation
 * continues; cells run one per core, each in its own process.
 *
 *   tsx scripts/recipe-search.ts [--jobs N] [--allow-dirty]
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readServedManifest } from "../src/lib/data/node.ts";
import { withBatchAndPeak } from "../src/lib/train/recipe.ts";
import {
  SEARCH_CANDIDATES,
  SEARCH_EPOCHS,
  SEARCH_SEEDS,
  candidateKey,
  scoreCandidates,
  selectRecipe,
  validationData,
  type RecipeCandidate,
  type RecipeCell,
} from "../src/lib/train/recipe-search.ts";
import { train } from "../src/lib/train/train.ts";
import { codeVersion, engineAndData, refuseDirtyTree, runCellInChild, startReferenceRun, writeJsonAtomic } from "./reference-run.ts";

const OUT = "content/data/recipe-search.json";
const { values } = parseArgs({
  options: { cell: { type: "string" }, jobs: { type: "string" }, "allow-dirty": { type: "boolean", default: false } },
});

interface SearchFile {
  provenance: Record<string, unknown>;
  cells: Array<RecipeCell & { key: string; gitCommit: string }>;
}

const cellKey = (phase: RecipeCell["phase"], c: RecipeCandidate, seed: number): string => `${phase}:${candidateKey(c)}:s${seed}`;

function parseKey(key: string): { phase: RecipeCell["phase"]; candidate: RecipeCandidate; seed: number } {
  const m = /^(validation|test):b(\d+)-lr([\d.]+):s(\d+)$/.exec(key);
  if (m === null) throw new Error(`bad cell key ${key}`);
  return { phase: m[1] as RecipeCell["phase"], candidate: { batchSize: Number(m[2]), maxLr: Number(m[3]) }, seed: Number(m[4]) };
}

async function runChild(key: string): Promise<void> {
  const { phase, candidate, seed } = parseKey(key);
  const { mnist } = await startReferenceRun();
  const data = phase === "validation" ? validationData(mnist.train) : mnist;
  const r = await train({ ...withBatchAndPeak(candidate.batchSize, candidate.maxLr), seed, epochs: SEARCH_EPOCHS }, data);
  const cell: RecipeCell & { key: string; gitCommit: string } = {
    key,
    gitCommit: code.gitCommit,
    phase,
    ...candidate,
    seed,
    accuracies: r.epochs.map((e) => e.test?.accuracy ?? NaN),
    trainSeconds: r.trainSeconds,
    imagesPerSecond: r.imagesPerSecond,
  };
  console.log(`RESULT ${JSON.stringify(cell)}`);
}

function load(): SearchFile {
  if (!existsSync(OUT)) return { provenance: {}, cells: [] };
  return JSON.parse(readFileSync(OUT, "utf8")) as SearchFile;
}

// Read before any work, so a checkout made while the search runs is not credited with its cells.
const code = codeVersion();
const manifest = readServedManifest();

function provenance(): Record<string, unknown> {
  return {
    generatedBy: "scripts/recipe-search.ts",
    date: new Date().toISOString(),
    gitCommit: code.gitCommit,
    gitDirty: !code.clean,
    ...engineAndData(manifest),
    split: "validation cells train on training images [0, 50000) and score [50000, 60000); test cells train on all 60,000",
  };
}

async function runCells(file: SearchFile, keys: string[]): Promise<number> {
  const done = new Set(file.cells.map((c) => c.key));
  const todo = keys.filter((k) => !done.has(k));
  const jobs = Number(values.jobs ?? availableParallelism());
  console.log(`${keys.length - todo.length} cells cached, ${todo.length} to run, ${jobs} at a time`);
  let failures = 0;
  const worker = async (): Promise<void> => {
    for (let key = todo.shift(); key !== undefined; key = todo.shift()) {
      try {
        const cell = await runCellInChild<SearchFile["cells"][number]>(fileURLToPath(import.meta.url), key);
        file.cells.push(cell);
        file.provenance = provenance();
        writeJsonAtomic(OUT, file);
        console.log(
          `done ${key}: ${cell.accuracies.map((a) => (100 * a).toFixed(2)).join(", ")}% (${cell.imagesPerSecond.toFixed(0)} img/s)`,
        );
      } catch (e) {
        failures++;
        console.error((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return failures;
}

async function runParent(): Promise<void> {
  refuseDirtyTree(values["allow-dirty"]);
  const file = load();
  const validation = SEARCH_CANDIDATES.flatMap((c) => SEARCH_SEEDS.map((s) => cellKey("validation", c, s)));
  let failures = await runCells(file, validation);
  const scores = scoreCandidates(file.cells);
  for (const s of scores) {
    console.log(
      `${candidateKey(s)}: worst ${(100 * s.worst).toFixed(2)}%, mean ${(100 * s.mean).toFixed(2)}%${s.qualifies ? " qualifies" : ""}`,
    );
  }
  const chosen = selectRecipe(scores);
  if (chosen === undefined) console.log("no candidate qualifies (or some are unscored): nothing to confirm on the test set");
  else
    failures += await runCells(
      file,
      SEARCH_SEEDS.map((s) => cellKey("test", chosen, s)),
    );
  if (failures > 0) process.exitCode = 1;
}

if (values.cell !== undefined) await runChild(values.cell);
else await runParent();
