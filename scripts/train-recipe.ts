/**
 * Trains one network in Node with the site's engine and prints per-epoch test accuracy, seconds and images/s:
 * how the default recipe in src/lib/train/recipe.ts was chosen and verified.
 *
 *   tsx scripts/train-recipe.ts [--arch cnn-10k5p2-20k5p2-50] [--epochs 3] [--batch 128] [--max-lr 0.01]
 *       [--schedule oneCycle|constant] [--pct-start 0.3] [--optimizer adam|momentum|sgd|adadelta] [--seed 1]
 *       [--subset N] [--backend wasm|cpu] [--no-kernels]
 *   tsx scripts/train-recipe.ts --bench [--batch 64]   images/s per backend and wasm kernel set
 */
import { parseArgs } from "node:util";
import { loadMnistNode } from "../src/lib/data/node.ts";
import { archKey, describeArch, paramCount, parseArchKey } from "../src/lib/train/arch.ts";
import { selectBackend, type BackendName } from "../src/lib/train/backend.ts";
import { DEFAULT_RECIPE } from "../src/lib/train/recipe.ts";
import { train, type TrainConfig } from "../src/lib/train/train.ts";
import { measureThroughput } from "../src/lib/train/throughput.ts";
import { WASM_TRAINING_KERNELS, registerWasmTrainingKernels, unregisterWasmTrainingKernels } from "../src/lib/train/wasm-kernels.ts";

const { values } = parseArgs({
  options: {
    arch: { type: "string" },
    epochs: { type: "string" },
    batch: { type: "string" },
    "max-lr": { type: "string" },
    schedule: { type: "string" },
    "pct-start": { type: "string" },
    optimizer: { type: "string" },
    seed: { type: "string" },
    subset: { type: "string" },
    backend: { type: "string", default: "wasm" },
    "no-kernels": { type: "boolean", default: false },
    bench: { type: "boolean", default: false },
  },
});

/** Images/s of the 21,840-parameter CNN and an MLP on cpu and on wasm with none, some or all of our kernels. */
async function bench(batchSize: number): Promise<void> {
  const images = loadMnistNode().train;
  const kernelSets: Array<[string, readonly string[]]> = [
    ["none (package as shipped)", []],
    ["Conv2DBackpropFilter only (the minimum to train a CNN)", ["Conv2DBackpropFilter"]],
    ["all", WASM_TRAINING_KERNELS],
  ];
  for (const arch of [DEFAULT_RECIPE.arch, parseArchKey("mlp-95"), parseArchKey("mlp-512")]) {
    console.log(`\n${describeArch(arch)}, batch ${batchSize}`);
    await selectBackend({ order: ["wasm"] });
    for (const [label, names] of kernelSets) {
      unregisterWasmTrainingKernels();
      registerWasmTrainingKernels(names);
      try {
        const t = await measureThroughput(arch, images, { batchSize, batches: 30 });
        console.log(`  wasm, kernels ${label}: ${t.imagesPerSecond.toFixed(0)} img/s (${t.msPerBatch.toFixed(1)} ms/batch)`);
      } catch (e) {
        console.log(`  wasm, kernels ${label}: throws: ${(e as Error).message}`);
      }
    }
    registerWasmTrainingKernels();
    await selectBackend({ order: ["cpu"] });
    const batches = arch.kind === "cnn" ? 3 : 10;
    const t = await measureThroughput(arch, images, { batchSize, batches, warmup: 1 });
    console.log(`  cpu: ${t.imagesPerSecond.toFixed(0)} img/s (${t.msPerBatch.toFixed(1)} ms/batch)`);
  }
}

if (values.bench) {
  await bench(values.batch === undefined ? 64 : Number(values.batch));
  process.exit(0);
}

const base = DEFAULT_RECIPE;
const lr = values["max-lr"] === undefined ? undefined : Number(values["max-lr"]);
const schedule: TrainConfig["schedule"] =
  values.schedule === "constant"
    ? { kind: "constant", lr: lr ?? 1e-3 }
    : base.schedule.kind === "oneCycle"
      ? {
          ...base.schedule,
          ...(lr === undefined ? {} : { maxLr: lr }),
          ...(values["pct-start"] === undefined ? {} : { pctStart: Number(values["pct-start"]) }),
        }
      : base.schedule;
const optimizer: TrainConfig["optimizer"] =
  values.optimizer === undefined || values.optimizer === "adam"
    ? base.optimizer
    : values.optimizer === "momentum"
      ? { kind: "momentum", momentum: 0.9, nesterov: true }
      : values.optimizer === "adadelta"
        ? { kind: "adadelta" }
        : { kind: "sgd" };
const config: TrainConfig = {
  ...base,
  arch: values.arch === undefined ? base.arch : parseArchKey(values.arch),
  epochs: values.epochs === undefined ? base.epochs : Number(values.epochs),
  batchSize: values.batch === undefined ? base.batchSize : Number(values.batch),
  seed: values.seed === undefined ? base.seed : Number(values.seed),
  schedule,
  optimizer,
  ...(values.subset === undefined ? {} : { trainSubset: Number(values.subset) }),
};

const choice = await selectBackend({ order: [values.backend as BackendName] });
if (values["no-kernels"]) unregisterWasmTrainingKernels();
const mnist = loadMnistNode();
console.log(`${describeArch(config.arch)} (${archKey(config.arch)}, ${paramCount(config.arch)} parameters)`);
console.log(`backend ${choice.backend} (${choice.detail}), ${JSON.stringify({ ...config, arch: undefined })}`);
const result = await train(config, mnist, {
  onBatch(s) {
    if (s.batch % 100 === 0) {
      console.log(
        `  epoch ${s.epoch} batch ${s.batch}/${s.batchesPerEpoch} loss ${s.loss.toFixed(4)} lr ${s.learningRate.toExponential(2)} ${s.imagesPerSecond.toFixed(0)} img/s`,
      );
    }
  },
  onEpoch(s) {
    const test = s.test === undefined ? "" : ` test ${(100 * s.test.accuracy).toFixed(2)}% (loss ${s.test.loss.toFixed(4)})`;
    console.log(
      `epoch ${s.epoch}: train loss ${s.trainLoss.toFixed(4)} acc ${(100 * s.trainAccuracy).toFixed(2)}%${test}, ${s.seconds.toFixed(1)} s, ${s.imagesPerSecond.toFixed(0)} img/s`,
    );
  },
});
console.log(
  `done: ${result.trainSeconds.toFixed(1)} s training, ${result.imagesPerSecond.toFixed(0)} img/s, test ${result.test === undefined ? "-" : (100 * result.test.accuracy).toFixed(2)}%`,
);
