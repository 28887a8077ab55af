/**
 * Memorisation at scale for chapter 4: the cells of SCALE_GRID (src/lib/train/memorization-scale.ts), each a network
 * trained on the first n training images with random labels (seed 1, the chapter's labels), scored on those labels.
 *
 *   tsx scripts/memorize-scale.ts [--jobs N] [--only SUBSTRING] [--allow-dirty]
 *
 * Resumable: each finished cell is written at once to content/data/memorization-scale.json with its provenance, and
 * cells already there are skipped. One child process per cell, one per core by default; the longest cells start first.
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { paramCount, parseArchKey } from "../src/lib/train/arch.ts";
import { SCALE_GRID, parseScaleFile, scaleKey, type ScaleCell, type ScaleFile } from "../src/lib/train/memorization-scale.ts";
import { memorizeConfig } from "../src/lib/train/sweep.ts";
import { train } from "../src/lib/train/train.ts";
import { codeVersion, packageVersion, refuseDirtyTree, runCellInChild, startReferenceRun, writeJsonAtomic } from "./reference-run.ts";

const OUT = "content/data/memorization-scale.json";
const { values } = parseArgs({
  options: {
    jobs: { type: "string" },
    only: { type: "string" },
    cell: { type: "string" },
    "allow-dirty": { type: "boolean", default: false },
  },
});

async function runChild(key: string): Promise<void> {
  const spec = SCALE_GRID.find((s) => scaleKey(s) === key);
  if (spec === undefined) throw new Error(`no cell ${key} in SCALE_GRID`);
  const { gitCommit, clean } = codeVersion();
  const { mnist, choice } = await startReferenceRun();
  const arch = parseArchKey(spec.arch);
  const every = Math.max(1, Math.round(spec.settings.epochs / 10));
  const curve: ScaleCell["curve"] = [];
  const r = await train(
    memorizeConfig(arch, spec.n, spec.seed, spec.settings),
    { train: mnist.train },
    {
      onEpoch: (e) => {
        if (e.epoch % every === 0) {
          curve.push({ epoch: e.epoch, trainAccuracy: e.trainAccuracy });
          console.error(`  ${key}: epoch ${e.epoch}, ${(100 * e.trainAccuracy).toFixed(2)}%`);
        }
      },
    },
  );
  const cell: ScaleCell = {
    ...spec,
    key,
    params: paramCount(arch),
    trainAccuracy: r.train?.accuracy ?? 0,
    curve,
    seconds: r.trainSeconds,
    provenance: {
      gitCommit,
      clean,
      finishedAt: new Date().toISOString(),
      node: process.version,
      tfjs: packageVersion("@tensorflow/tfjs"),
      backend: `${choice.backend} (${choice.detail})`,
    },
  };
  console.log(`RESULT ${JSON.stringify(cell)}`);
}

function load(): ScaleFile {
  return existsSync(OUT) ? parseScaleFile(readFileSync(OUT, "utf8"), OUT) : { version: 1, cells: [] };
}

async function runParent(): Promise<void> {
  refuseDirtyTree(values["allow-dirty"]);
  const file = load();
  const done = new Set(file.cells.map((c) => c.key));
  const cost = (k: string): number => {
    const s = SCALE_GRID.find((g) => scaleKey(g) === k)!;
    return s.n * s.settings.epochs * (s.arch.startsWith("cnn") ? 4 : 1);
  };
  const todo = SCALE_GRID.map(scaleKey)
    .filter((k) => !done.has(k) && (values.only === undefined || k.includes(values.only)))
    .sort((a, b) => cost(b) - cost(a));
  const jobs = Number(values.jobs ?? availableParallelism());
  console.log(`${done.size} cells cached, ${todo.length} to run, ${jobs} at a time`);
  const started = Date.now();
  let failures = 0;
  const order = new Map(SCALE_GRID.map((s, i) => [scaleKey(s), i]));
  const worker = async (): Promise<void> => {
    for (let key = todo.shift(); key !== undefined; key = todo.shift()) {
      try {
        const cell = await runCellInChild<ScaleCell>(fileURLToPath(import.meta.url), key);
        file.cells = file.cells.filter((c) => c.key !== key).concat(cell);
        file.cells.sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));
        writeJsonAtomic(OUT, file);
        console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${key}: ${(100 * cell.trainAccuracy).toFixed(3)}%`);
      } catch (e) {
        failures++;
        console.error((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  console.log(`${file.cells.length} cells in ${OUT}${failures > 0 ? `; ${failures} failed` : ""}`);
  if (failures > 0) process.exitCode = 1;
}

if (values.cell !== undefined) await runChild(values.cell);
else await runParent();
