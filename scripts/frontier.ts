/**
 * The reference search for the smallest model file that classifies MNIST at 99%: `npm run frontier`.
 *
 *   tsx scripts/frontier.ts [--jobs N] [--minutes M] [--only SUBSTRING] [--allow-dirty]
 *
 * Resumable: every finished cell is written at once to content/data/frontier.json with its provenance, and cells
 * already there are skipped, so the next invocation continues. Cells run in parallel, one child process each
 * (default: one per core). With --minutes, no cell starts after M minutes, so an invocation fits its slot.
 * Reference results must come from a clean commit: without --allow-dirty a dirty tree is refused.
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readServedManifest } from "../src/lib/data/node.ts";
import { runCell } from "../src/lib/frontier/cell.ts";
import { GRID } from "../src/lib/frontier/grid.ts";
import {
  TRAIN_END,
  VALIDATION_END,
  cellKey,
  parseFrontierFile,
  type CellResult,
  type CellSpec,
  type FrontierFile,
} from "../src/lib/frontier/results.ts";
import { codeVersion, packageVersion, refuseDirtyTree, runCellInChild, startReferenceRun, writeJsonAtomic } from "./reference-run.ts";

const OUT = "content/data/frontier.json";
const { values } = parseArgs({
  options: {
    jobs: { type: "string" },
    minutes: { type: "string" },
    only: { type: "string" },
    cell: { type: "string" },
    "allow-dirty": { type: "boolean", default: false },
  },
});

function cellByKey(key: string): CellSpec {
  const c = GRID.find((g) => cellKey(g) === key);
  if (c === undefined) throw new Error(`no cell '${key}' in src/lib/frontier/grid.ts`);
  return c;
}

/** Child mode: train and score one cell, print its result as the last line. */
async function runChild(key: string): Promise<void> {
  const cell = cellByKey(key);
  // The commit whose code this process loaded: read before training, so a later checkout cannot be credited with it.
  const { gitCommit, clean } = codeVersion();
  const run = await startReferenceRun();
  const { train, test } = run.mnist;
  const split = (s: typeof train, start: number, end: number) => ({ pixels: s.pixels, labels: s.labels, start, end });
  const data = { train: split(train, 0, TRAIN_END), validation: split(train, TRAIN_END, VALIDATION_END), test: split(test, 0, test.count) };
  const recipe = {
    epochs: cell.epochs,
    batchSize: cell.batchSize,
    schedule: { kind: "oneCycle" as const, maxLr: cell.maxLr },
    augmentation: cell.augmentation,
    qat: cell.qat,
    weightDecay: cell.weightDecay,
    batchNorm: cell.batchNorm,
    seed: cell.seed,
  };
  const started = performance.now();
  const out = await runCell(cell.net, recipe, cell.exports, data, (e) =>
    console.error(`  ${cell.net} epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, ${e.seconds.toFixed(0)} s`),
  );
  const result: CellResult = {
    key,
    cell,
    trainSeconds: out.trainSeconds,
    evalSeconds: (performance.now() - started) / 1000 - out.trainSeconds,
    files: out.files,
    provenance: {
      gitCommit,
      clean,
      finishedAt: new Date().toISOString(),
      backend: run.choice.backend,
      backendDetail: run.choice.detail,
      tfjsVersion: packageVersion("@tensorflow/tfjs"),
      node: process.version,
    },
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

function load(): FrontierFile {
  if (existsSync(OUT)) return parseFrontierFile(readFileSync(OUT, "utf8"), OUT);
  const dataSha256 = Object.fromEntries(Object.entries(readServedManifest().files).map(([key, f]) => [key, f.sha256]));
  return { version: 1, split: { trainEnd: TRAIN_END, validationEnd: VALIDATION_END }, dataSha256, cells: [] };
}

function save(file: FrontierFile): void {
  const order = new Map(GRID.map((c, i) => [cellKey(c), i]));
  file.cells.sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));
  writeJsonAtomic(OUT, file);
}

async function runParent(): Promise<void> {
  refuseDirtyTree(values["allow-dirty"]);
  const file = load();
  const done = new Set(file.cells.map((c) => c.key));
  const todo = GRID.map(cellKey).filter((k) => !done.has(k) && (values.only === undefined || k.includes(values.only)));
  const jobs = Number(values.jobs ?? availableParallelism());
  const deadline = values.minutes === undefined ? Infinity : Date.now() + Number(values.minutes) * 60_000;
  console.log(`${done.size} cells cached, ${todo.length} to run, ${jobs} at a time`);
  const started = Date.now();
  let failures = 0;
  const worker = async (): Promise<void> => {
    for (let key = todo.shift(); key !== undefined && Date.now() < deadline; key = todo.shift()) {
      console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] start ${key}`);
      try {
        const result = await runCellInChild<CellResult>(fileURLToPath(import.meta.url), key);
        file.cells.push(result);
        save(file);
        const best = result.files
          .map((f) => `${f.weightBits}-bit ${f.fileBits} bits val ${(100 * f.validationAccuracy).toFixed(2)}%`)
          .join("; ");
        console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] done ${key}: ${best}`);
      } catch (e) {
        failures++;
        console.error((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  console.log(`${file.cells.length} cells in ${OUT}; ${todo.length} left${failures > 0 ? `; ${failures} failed` : ""}`);
  if (failures > 0) process.exitCode = 1;
}

if (values.cell !== undefined) await runChild(values.cell);
else await runParent();
