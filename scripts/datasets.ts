/**
 * The dataset sweep for the commenter's plot: for every dataset of src/lib/datasets/catalog.ts, the image code lengths
 * of chapter 2's coders, a budget prequential code of its training labels, and a budget search for small model files
 * (src/lib/datasets/measure.ts, the same code as the reader's own-data island, at the sweep's budget).
 *
 *   tsx scripts/datasets.ts [--jobs N] [--only SUBSTRING] [--allow-dirty]
 *
 * Resumable: each finished cell (dataset × quantity) is written at once to content/data/datasets.json with its
 * provenance and the SHA-256 of the source files, and cells already there are skipped. One child process per cell,
 * one per core by default. Fashion-MNIST cells need Debian's dataset-fashion-mnist and are skipped, with a message,
 * where it is missing. Refuses a dirty tree without --allow-dirty.
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadMnistNode, readServedManifest } from "../src/lib/data/node.ts";
import type { Mnist } from "../src/lib/data/mnist.ts";
import { DATASETS, datasetById } from "../src/lib/datasets/catalog.ts";
import { fashionMnistAvailable, loadFashionMnist } from "../src/lib/datasets/fashion-mnist.ts";
import { SWEEP_LABELS, SWEEP_MODELS } from "../src/lib/datasets/budgets.ts";
import { measureImages, measureLabels, measureModels, repeatTo28 } from "../src/lib/datasets/measure.ts";
import { parseDatasetsFile, type DatasetCell, type DatasetsFile, type Quantity } from "../src/lib/datasets/results.ts";
import { codeVersion, packageVersion, refuseDirtyTree, runCellInChild, startReferenceRun, writeJsonAtomic } from "./reference-run.ts";

const OUT = "content/data/datasets.json";
const QUANTITIES: readonly Quantity[] = ["images", "labels", "models"];

const { values } = parseArgs({
  options: {
    jobs: { type: "string" },
    only: { type: "string" },
    cell: { type: "string" },
    "allow-dirty": { type: "boolean", default: false },
    // Takes the cells from the end of the list: a second clone running with it meets the first in the middle.
    reverse: { type: "boolean", default: false },
  },
});

function source(id: string): { data: Mnist; sha256: Record<string, string> } {
  const spec = datasetById(id);
  if (spec.source === "fashion-mnist") {
    const f = loadFashionMnist();
    return { data: spec.make(f), sha256: f.sha256 };
  }
  const sha256 = Object.fromEntries(Object.entries(readServedManifest().files).map(([k, f]) => [k, f.sha256]));
  return { data: spec.make(loadMnistNode()), sha256 };
}

async function runChild(key: string): Promise<void> {
  const [id, quantity] = key.split(":") as [string, Quantity];
  const { gitCommit, clean } = codeVersion();
  await startReferenceRun();
  const { data, sha256 } = source(id);
  const started = performance.now();
  const result: DatasetCell["result"] =
    quantity === "images"
      ? await measureImages(data)
      : quantity === "models"
        ? await measureModels(data, SWEEP_MODELS, repeatTo28, {
            onEpoch: (net, e) => console.error(`  ${id} ${net}: epoch ${e.epoch}/${e.epochs}`),
          })
        : await measureLabels(data.train, datasetById(id).classes, SWEEP_LABELS, repeatTo28, {
            onBlock: (b, done, of) => console.error(`  ${id}: block ${done}/${of}, ${b.bitsPerLabel.toFixed(3)} bits/label`),
          });
  const cell: DatasetCell = {
    key,
    dataset: id,
    quantity,
    result,
    seconds: (performance.now() - started) / 1000,
    sourceSha256: sha256,
    provenance: {
      gitCommit,
      clean,
      finishedAt: new Date().toISOString(),
      node: process.version,
      tfjsVersion: packageVersion("@tensorflow/tfjs"),
    },
  };
  console.log(`RESULT ${JSON.stringify(cell)}`);
}

function load(): DatasetsFile {
  if (!existsSync(OUT)) return { version: 1, cells: [] };
  return parseDatasetsFile(readFileSync(OUT, "utf8"), OUT);
}

function save(file: DatasetsFile): void {
  const order = new Map<string, number>(
    DATASETS.flatMap((d, i) => QUANTITIES.map((q, j): [string, number] => [`${d.id}:${q}`, QUANTITIES.length * i + j])),
  );
  file.cells.sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));
  writeJsonAtomic(OUT, file);
}

async function runParent(): Promise<void> {
  refuseDirtyTree(values["allow-dirty"]);
  const file = load();
  const done = new Set(file.cells.map((c) => c.key));
  const fashion = fashionMnistAvailable();
  if (!fashion) console.log("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): its cells are skipped");
  const todo = DATASETS.filter((d) => d.source !== "fashion-mnist" || fashion)
    .flatMap((d) => QUANTITIES.map((q) => `${d.id}:${q}`))
    .filter((k) => !done.has(k) && (values.only === undefined || k.includes(values.only)))
    // The long cells first, so two short ones end the run rather than one long one.
    .sort((a, b) => Number(a.endsWith(":images")) - Number(b.endsWith(":images")));
  if (values.reverse) todo.reverse();
  const jobs = Number(values.jobs ?? availableParallelism());
  console.log(`${done.size} cells cached, ${todo.length} to run, ${jobs} at a time`);
  const started = Date.now();
  let failures = 0;
  const worker = async (): Promise<void> => {
    for (let key = todo.shift(); key !== undefined; key = todo.shift()) {
      try {
        const cell = await runCellInChild<DatasetCell>(fileURLToPath(import.meta.url), key);
        file.cells = file.cells.filter((c) => c.key !== key).concat(cell);
        save(file);
        console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${key}: ${JSON.stringify(cell.result).slice(0, 160)}`);
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
