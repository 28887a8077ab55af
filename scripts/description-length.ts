/**
 * The chapter 5 reference run, in Node with the site's own engine on the wasm backend:
 *   1. the prequential code of the 60,000 training labels for a few model families (src/lib/mdl/settings.ts);
 *   2. the same code for every setting the page's live island offers (so a live run can be checked against it);
 *   3. the two-part code: networks trained on all the data, quantized to b bits with and without pruning, each
 *      quantized network evaluated on the test set.
 * Writes content/data/description-length.json with its provenance. Single-threaded (one core):
 *
 *   nice npm run description-length [-- --quick] [-- --out path]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { git, packageVersion, startReferenceRun } from "./reference-run.ts";
import { classCounts } from "../src/lib/data/mnist.ts";
import { blockBoundaries, prequentialCode } from "../src/lib/mdl/prequential.ts";
import { QUANT_BITS, quantizeModel } from "../src/lib/mdl/quantize.ts";
import {
  smallestAtLeast,
  type DescriptionLengthFile,
  type PrequentialRun,
  type TrainedNetwork,
  type TwoPartCell,
} from "../src/lib/mdl/results.ts";
import {
  FIRST_BLOCK,
  LIVE_ARCHS,
  LIVE_SIZES,
  MDL_SEED,
  PREQUENTIAL_ARCHS,
  PRUNE_FRACTIONS,
  TWO_PART_ARCHS,
  TWO_PART_EPOCHS,
  blockRecipe,
} from "../src/lib/mdl/settings.ts";
import { describeRecipe, tfFitPredict } from "../src/lib/mdl/tf-prequential.ts";
import { labelEntropy, labellingBits } from "../src/lib/stats/labels.ts";
import { archKey, paramCount, type Arch } from "../src/lib/train/arch.ts";
import { modelFromWeights } from "../src/lib/train/build.ts";
import { evaluate } from "../src/lib/train/evaluate.ts";
import { DEFAULT_RECIPE } from "../src/lib/train/recipe.ts";
import { train } from "../src/lib/train/train.ts";
import type { Mnist } from "../src/lib/data/mnist.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "content/data/description-length.json" },
    // A seconds-long smoke run on a small prefix, to check the script end to end.
    quick: { type: "boolean", default: false },
  },
});

const { choice, mnist: full, manifest, seconds, log } = await startReferenceRun();

const quickN = 2_000;
const mnist: Mnist = values.quick
  ? {
      train: {
        ...full.train,
        count: quickN,
        pixels: full.train.pixels.subarray(0, quickN * 784),
        labels: full.train.labels.subarray(0, quickN),
      },
      test: { ...full.test, count: 1000, pixels: full.test.pixels.subarray(0, 1000 * 784), labels: full.test.labels.subarray(0, 1000) },
    }
  : full;
const recipeFor = (arch: Arch) => (values.quick ? { ...blockRecipe(arch), minImages: 500, minEpochs: 1 } : blockRecipe(arch));

async function prequential(arch: Arch, n: number): Promise<PrequentialRun> {
  const recipe = recipeFor(arch);
  const labels = mnist.train.labels.subarray(0, n);
  const r = await prequentialCode(labels, tfFitPredict(recipe, mnist.train), {
    firstBlock: FIRST_BLOCK,
    onProgress: (p) => log(`  ${archKey(arch)} n=${n}: block to ${p.coded}, ${p.last.bitsPerLabel.toFixed(3)} bits/label`),
  });
  return {
    arch: archKey(arch),
    params: paramCount(arch),
    n,
    firstBlock: FIRST_BLOCK,
    recipe: describeRecipe(recipe),
    blocks: r.blocks,
    totalBits: r.totalBits,
    bitsPerLabel: r.bitsPerLabel,
    uniformBits: r.uniformBits,
  };
}

const n = mnist.train.count;
const prequentialRuns: PrequentialRun[] = [];
for (const arch of PREQUENTIAL_ARCHS) {
  const run = await prequential(arch, n);
  prequentialRuns.push(run);
  log(`prequential ${run.arch}: ${run.totalBits.toFixed(0)} bits (${run.bitsPerLabel.toFixed(4)} per label)`);
}

const liveRuns: PrequentialRun[] = [];
for (const arch of LIVE_ARCHS) {
  for (const size of LIVE_SIZES.map((s) => Math.min(s, n))) {
    const done = prequentialRuns.find((r) => r.arch === archKey(arch) && r.n === size);
    const run = done ?? (await prequential(arch, size));
    liveRuns.push(run);
    log(`live ${run.arch} n=${size}: ${run.totalBits.toFixed(1)} bits`);
  }
}

const networks: TrainedNetwork[] = [];
const cells: TwoPartCell[] = [];
const trained = new Map<string, Awaited<ReturnType<typeof train>>>();
for (const arch of TWO_PART_ARCHS) {
  const config = { ...DEFAULT_RECIPE, arch, seed: MDL_SEED, epochs: values.quick ? 1 : TWO_PART_EPOCHS, evaluateEachEpoch: false };
  const r = await train(config, mnist);
  trained.set(archKey(arch), r);
  networks.push({
    arch: archKey(arch),
    params: r.paramCount,
    seed: MDL_SEED,
    epochs: config.epochs,
    testAccuracy: r.test?.accuracy ?? NaN,
    trainSeconds: r.trainSeconds,
  });
  log(`trained ${archKey(arch)}: ${(100 * (r.test?.accuracy ?? NaN)).toFixed(2)}% in ${r.trainSeconds.toFixed(0)} s`);
  for (const prune of PRUNE_FRACTIONS) {
    for (const bits of QUANT_BITS) {
      const q = quantizeModel(r.weights, bits, prune);
      const model = modelFromWeights(arch, q.weights);
      try {
        const e = await evaluate(model, arch, mnist.test);
        cells.push({
          arch: archKey(arch),
          params: r.paramCount,
          bits,
          pruneFraction: prune,
          modelBits: q.modelBits,
          testAccuracy: e.accuracy,
          testBitsPerLabel: e.loss / Math.LN2,
        });
        log(`  b=${bits} prune=${prune}: ${q.modelBits.toFixed(0)} bits, ${(100 * e.accuracy).toFixed(2)}%`);
      } finally {
        model.dispose();
      }
    }
  }
}

let best: DescriptionLengthFile["best"];
const chosen = smallestAtLeast(cells);
if (chosen !== undefined) {
  const arch = TWO_PART_ARCHS.find((a) => archKey(a) === chosen.arch) as Arch;
  const weights = trained.get(chosen.arch)?.weights ?? [];
  const model = modelFromWeights(arch, quantizeModel(weights, chosen.bits, chosen.pruneFraction).weights);
  try {
    const e = await evaluate(model, arch, mnist.train);
    best = { cell: chosen, trainDataBits: (e.loss * e.count) / Math.LN2 };
  } finally {
    model.dispose();
  }
}

const counts = classCounts(mnist.train.labels);
const live = liveRuns.find((r) => r.arch === "logistic" && r.n === Math.min(60_000, n)) ?? liveRuns[0];
if (live === undefined) throw new Error("no live-setting runs");
const file: DescriptionLengthFile & { liveRuns: PrequentialRun[] } = {
  provenance: {
    seed: MDL_SEED,
    backend: choice.backend,
    backendDetail: choice.detail,
    tfjsVersion: packageVersion("@tensorflow/tfjs"),
    gitCommit: git("rev-parse HEAD"),
    dataSha256: Object.fromEntries(Object.entries(manifest.files).map(([k, f]) => [k, f.sha256])),
    date: new Date().toISOString(),
    node: process.version,
    seconds: seconds(),
  },
  labels: { n, classCounts: counts, uniformBits: n * Math.log2(10), entropyBits: labellingBits(counts) },
  prequential: prequentialRuns,
  live,
  liveRuns,
  networks,
  twoPart: cells,
  ...(best === undefined ? {} : { best }),
};
writeFileSync(values.out, `${JSON.stringify(file, null, 1)}\n`);
log(`wrote ${values.out}; blocks ${blockBoundaries(n, FIRST_BLOCK).join(", ")}; H(Y) = ${labelEntropy(counts).toFixed(4)} bits`);
