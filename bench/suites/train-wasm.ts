/**
 * Training throughput on tfjs-backend-wasm with and without the project's gradient kernels, measured in the same
 * process, variant after variant within each round (so drift in machine load hits every variant alike).
 */
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { LOGISTIC, PYTORCH_2017_CNN, describeArch, mlp, paramCount, type Arch } from "../../src/lib/train/arch.ts";
import { selectBackend } from "../../src/lib/train/backend.ts";
import { measureThroughput } from "../../src/lib/train/throughput.ts";
import { WASM_TRAINING_KERNELS, registerWasmTrainingKernels, unregisterWasmTrainingKernels } from "../../src/lib/train/wasm-kernels.ts";
import { summarize, type Summary } from "../stats.ts";

export interface KernelVariant {
  id: string;
  label: string;
  kernels: readonly string[];
}

export const VARIANTS: KernelVariant[] = [
  { id: "stock", label: "package as shipped", kernels: [] },
  { id: "filter-only", label: "only Conv2DBackpropFilter added (the minimum a CNN needs)", kernels: ["Conv2DBackpropFilter"] },
  { id: "all", label: "all project kernels", kernels: WASM_TRAINING_KERNELS },
];

export interface TrainWasmRow {
  arch: string;
  params: number;
  variant: string;
  imagesPerSecond?: Summary;
  error?: string;
}

export async function benchTrainWasm(options: {
  rounds: number;
  batches: number;
  batchSize: number;
  warmup?: number;
}): Promise<TrainWasmRow[]> {
  const images = loadMnistNode().train;
  await selectBackend({ order: ["wasm"] });
  const archs: Arch[] = [PYTORCH_2017_CNN, mlp(95), mlp(512), LOGISTIC];
  const rows: TrainWasmRow[] = [];
  for (const arch of archs) {
    const runs = new Map<string, number[]>(VARIANTS.map((v) => [v.id, []]));
    const errors = new Map<string, string>();
    for (let round = 0; round < options.rounds; round++) {
      for (const v of VARIANTS) {
        if (errors.has(v.id)) continue;
        unregisterWasmTrainingKernels();
        registerWasmTrainingKernels(v.kernels);
        try {
          const t = await measureThroughput(arch, images, {
            batchSize: options.batchSize,
            batches: options.batches,
            warmup: options.warmup ?? 2,
          });
          runs.get(v.id)?.push(t.imagesPerSecond);
        } catch (e) {
          errors.set(v.id, e instanceof Error ? e.message : String(e));
        }
      }
    }
    for (const v of VARIANTS) {
      const r = runs.get(v.id) ?? [];
      const error = errors.get(v.id);
      rows.push({
        arch: describeArch(arch),
        params: paramCount(arch),
        variant: v.id,
        ...(r.length > 0 ? { imagesPerSecond: summarize(r) } : {}),
        ...(error !== undefined ? { error } : {}),
      });
    }
  }
  registerWasmTrainingKernels();
  return rows;
}
