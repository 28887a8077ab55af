/**
 * How many random labels the ten-class linear model (logistic regression's 7,850 parameters) can memorise, decided
 * exactly: for the memorisation search's random labels (seed 1) on the first n training images, one LP per class
 * (src/lib/capacity/one-vs-rest.ts); n grows by half from 1,000 until the LPs fail, then is bisected to 50 images.
 *
 *   tsx scripts/linear-capacity.ts [--allow-dirty] [--minutes M]
 *
 * Resumable: each decided n is written at once to content/data/linear-capacity.json with its provenance.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadLpSolver } from "../src/lib/capacity/solver.ts";
import { oneVsRest } from "../src/lib/capacity/one-vs-rest.ts";
import { capacityBracket, nextSize, parseLinearCapacity, type LinearCapacityFile } from "../src/lib/capacity/linear-capacity-results.ts";
import { loadMnistNode } from "../src/lib/data/node.ts";
import { trainingLabels } from "../src/lib/train/train.ts";
import { codeVersion, refuseDirtyTree, writeJsonAtomic } from "./reference-run.ts";

const OUT = "content/data/linear-capacity.json";
const { values } = parseArgs({ options: { "allow-dirty": { type: "boolean", default: false }, minutes: { type: "string" } } });
refuseDirtyTree(values["allow-dirty"]);
const deadline = Date.now() + Number(values.minutes ?? 55) * 60_000;

const file: LinearCapacityFile = existsSync(OUT)
  ? parseLinearCapacity(readFileSync(OUT, "utf8"), OUT)
  : { version: 1, seed: 1, resolution: 50, cells: [] };
const mnist = loadMnistNode();
const labels = trainingLabels({ kind: "random", seed: file.seed }, mnist.train.labels, mnist.train.count);
const solver = await loadLpSolver();
for (
  let n = nextSize(file, 1_000, mnist.train.count);
  n !== undefined && Date.now() < deadline;
  n = nextSize(file, 1_000, mnist.train.count)
) {
  const started = performance.now();
  const verdict = oneVsRest(solver, mnist.train, labels, n);
  const { gitCommit, clean } = codeVersion();
  file.cells.push({
    ...verdict,
    seconds: (performance.now() - started) / 1000,
    provenance: { gitCommit, clean, finishedAt: new Date().toISOString(), node: process.version },
  });
  file.cells.sort((a, b) => a.n - b.n);
  writeJsonAtomic(OUT, file);
  console.log(
    `n = ${n}: ${verdict.fits ? "fits" : `class ${verdict.classes.at(-1)?.label} not separable`} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}
console.log(`bracket: ${JSON.stringify(capacityBracket(file))}`);
