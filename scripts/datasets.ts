/**
 * The dataset sweep for the commenter's plot: for every dataset of src/lib/datasets/catalog.ts, the image code lengths
 * of chapter 2's coders, a budget prequential code of its training labels, and a budget search for small model files
 * (three networks trained 3 epochs each, at four bit widths, scored on a validation split of the training images and once on the test set).
 *
 *   tsx scripts/datasets.ts [--jobs N] [--only SUBSTRING] [--allow-dirty]
 *
 * Resumable: each finished cell (dataset × quantity) is written at once to content/data/datasets.json with its
 * provenance and the SHA-256 of the source files, and cells already there are skipped. One child process per cell,
 * one per core by default. Fashion-MNIST cells need Debian's dataset-fashion-mnist and are skipped, with a message,
 * where it is missing. Refuses a dirty tree without --allow-dirty.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadMnistNode, readServedManifest } from "../src/lib/data/node.ts";
import type { Mnist } from "../src/lib/data/mnist.ts";
import { DATASETS, datasetById } from "../src/lib/datasets/catalog.ts";
import { fashionMnistAvailable, loadFashionMnist } from "../src/lib/datasets/fashion-mnist.ts";
import { parseDatasetsFile, type DatasetCell, type DatasetsFile, type Quantity } from "../src/lib/datasets/results.ts";
import { upsample } from "../src/lib/datasets/variants.ts";
import { scoreExport } from "../src/lib/frontier/cell.ts";
import { parseNetKey } from "../src/lib/frontier/net.ts";
import { trainSmall } from "../src/lib/frontier/train-small.ts";
import { encodeLabels, geometricEnds } from "../src/lib/mdl/label-code.ts";
import { DEFAULT_MIXTURE } from "../src/lib/mdl/mixture.ts";
import { trainingExpert, type FamilySpec } from "../src/lib/mdl/tf-experts.ts";
import { contextModelCodeLengths } from "../src/lib/stats/context-model.ts";
import { independentCrossEntropy } from "../src/lib/stats/independent-model.ts";
import { countPixelsSync } from "../src/lib/stats/pixel-counts.ts";
import { HALF_INTENSITY } from "../src/lib/stats/binarization.ts";
import { codeVersion, packageVersion, refuseDirtyTree, runCellInChild, startReferenceRun } from "./reference-run.ts";

const OUT = "content/data/datasets.json";
const QUANTITIES: readonly Quantity[] = ["images", "labels", "models"];

/**
 * The budget model search: a ladder of three networks (482, 1,674 and 6,218 parameters; the largest is the frontier's
 * shipped one), each trained in float with augmentation and written at 4 to 8 bits. One network alone would make the
 * plot's y a choice among four bit widths of one file, the same on every dataset by construction.
 */
export const BUDGET_NETS: readonly string[] = ["c2k3p2-c4k3p2-c8k3-gap", "c4k3p2-c8k3p2-c16k3-gap", "c8k3p2-c16k3p2-c32k3-gap"];
const BUDGET_EPOCHS = 3;
const BUDGET_EXPORTS = [4, 5, 6, 8].map((b) => ({ weightBits: b, biasBits: 8 }));

/** The budget label code: logistic regression and the frontier's 6,218-parameter CNN, doubling blocks from 16. */
export const BUDGET_FAMILIES: readonly FamilySpec[] = [
  { kind: "tfjs", arch: "logistic", maxLr: 0.01, minEpochs: 3, minImages: 5_000, batchSize: 128, seed: 1 },
  {
    kind: "net",
    net: "c8k3p2-c16k3p2-c32k3-gap",
    seeds: [1],
    minEpochs: 3,
    minImages: 5_000,
    batchSize: 64,
    maxLr: 0.005,
    augmentation: { shift: 2, rotate: 10, scale: 0.1 },
    weightDecay: 0,
  },
];

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
  let result: DatasetCell["result"];
  if (quantity === "images") {
    // Chapter 2's coders on the half-intensity binarization: the independent-pixel code fitted on the training images
    // and scored on the test images, and the adaptive context model coding the test images from nothing.
    const independent = independentCrossEntropy(countPixelsSync(data.train), countPixelsSync(data.test), HALF_INTENSITY);
    const [context] = await contextModelCodeLengths(data.test, HALF_INTENSITY, { templateSizes: [10] });
    result = {
      rows: data.train.rows,
      cols: data.train.cols,
      independentBitsPerImage: independent,
      contextBitsPerImage: context!.bitsPerImage,
    };
  } else if (quantity === "models") {
    // The first five sixths of the training images train, the last sixth validates (50,000 and 10,000 for MNIST).
    const factor = 28 / data.train.rows;
    const train = upsample(data.train, factor);
    const test = upsample(data.test, factor);
    const trainEnd = Math.floor((train.count * 5) / 6);
    const split = (x: typeof train, start: number, end: number) => ({ pixels: x.pixels, labels: x.labels, start, end });
    const cellData = {
      train: split(train, 0, trainEnd),
      validation: split(train, trainEnd, train.count),
      test: split(test, 0, test.count),
    };
    const files = [];
    for (const net of BUDGET_NETS) {
      const recipe = {
        epochs: BUDGET_EPOCHS,
        batchSize: 128,
        schedule: { kind: "oneCycle" as const, maxLr: 0.01 },
        augmentation: { shift: 2, rotate: 10, scale: 0.1 },
        qat: null,
        weightDecay: 0,
        batchNorm: true,
        seed: 1,
      };
      const spec = parseNetKey(net);
      const weights = await trainSmall(spec, { pixels: train.pixels, labels: train.labels, count: trainEnd }, recipe, (e) =>
        console.error(`  ${id} ${net}: epoch ${e.epoch}/${e.epochs}`),
      );
      // Scored on validation and test only: the training-set errors (the frontier's Occam bound) are not needed here,
      // and they are most of the scoring time.
      const scoring = { ...cellData, train: split(train, 0, 0) };
      const out = { files: BUDGET_EXPORTS.map((e) => scoreExport(spec, weights, e, scoring)) };
      files.push(
        ...out.files.map((f) => ({
          net,
          weightBits: f.weightBits,
          fileBits: f.fileBits,
          params: f.params,
          validationAccuracy: f.validationAccuracy,
          testAccuracy: f.testAccuracy,
        })),
      );
    }
    result = { trainEnd, validation: train.count - trainEnd, files };
  } else {
    // The models take 28×28 inputs: a smaller image is enlarged by repeating pixels, which adds no information.
    const factor = 28 / data.train.rows;
    const train = upsample(data.train, factor);
    const n = train.count;
    const ends = geometricEnds(n, 16, 2);
    const code = await encodeLabels(
      train.labels,
      BUDGET_FAMILIES.map((f) => trainingExpert(f, train)),
      { ends, mixture: DEFAULT_MIXTURE, precisionBits: 20, recipe: { index: 0, of: 1 } },
      { onBlock: (b, done, of) => console.error(`  ${id}: block ${done}/${of}, ${b.bitsPerLabel.toFixed(3)} bits/label`) },
    );
    result = {
      n,
      classes: datasetById(id).classes,
      bitLength: code.bitLength,
      idealBits: code.idealBits,
      blocks: code.blocks.map((b) => ({ end: b.end, bits: b.bits })),
    };
  }
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
    DATASETS.flatMap((d, i) => QUANTITIES.map((q, j): [string, number] => [`${d.id}:${q}`, 2 * i + j])),
  );
  file.cells.sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));
  writeFileSync(`${OUT}.tmp`, `${JSON.stringify(file, null, 1)}\n`);
  renameSync(`${OUT}.tmp`, OUT);
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
