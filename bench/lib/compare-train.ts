/**
 * The project's training engine against the tfjs-examples-style reference loop on the active backend, alternating
 * round by round. Shared by the Node suite and the browser worker, so both measure the same thing.
 */
import { PYTORCH_2017_CNN } from "../../src/lib/train/arch.ts";
import type { LabelledImages } from "../../src/lib/train/batch.ts";
import { measureThroughput } from "../../src/lib/train/throughput.ts";
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from "../../src/lib/train/wasm-kernels.ts";
import { alternateRounds, type VariantResult } from "./alternate.ts";
import { measureReferenceFit } from "./reference-fit.ts";

export interface CompareSettings {
  rounds: number;
  batches: number;
  batchSize: number;
  warmup: number;
}

export interface TrainComparison {
  backend: string;
  settings: CompareSettings;
  /** images/s of the engine (on wasm with all of the project's kernels). */
  engine: VariantResult;
  /** images/s of model.fit (on wasm with Conv2DBackpropFilter only, the minimum a CNN needs). */
  reference: VariantResult;
  /**
   * wasm only: model.fit with all of the project's kernels, as the engine has them. Engine ÷ this is what the engine's
   * own loop buys; reference ÷ this, what the kernels buy.
   */
  fitSameKernels?: VariantResult;
  /** wasm only: what the package as shipped says when asked to train the CNN. */
  stockWasm?: string;
}

/** On wasm each variant gets its own kernel set; other backends have no project kernels to switch. */
type Variant = "engine" | "reference" | "fitSameKernels";

function useKernels(backend: string, variant: Variant | "stock"): void {
  if (backend !== "wasm") return;
  unregisterWasmTrainingKernels();
  if (variant === "engine" || variant === "fitSameKernels") registerWasmTrainingKernels();
  else if (variant === "reference") registerWasmTrainingKernels(["Conv2DBackpropFilter"]);
}

/** Tries one stock-wasm training step; returns the error, or a note if (unexpectedly) it trained. */
async function stockWasmAttempt(images: LabelledImages, batchSize: number): Promise<string> {
  useKernels("wasm", "stock");
  try {
    await measureReferenceFit(PYTORCH_2017_CNN, images, { batchSize, batches: 1, warmup: 1 });
    return "trained (the package now has the filter gradient)";
  } catch (e) {
    return `cannot train: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    registerWasmTrainingKernels();
  }
}

/** Compares on the backend the caller has already activated (`backend` names it for the kernel switch). */
export async function compareTraining(backend: string, images: LabelledImages, settings: CompareSettings): Promise<TrainComparison> {
  const stockWasm = backend === "wasm" ? await stockWasmAttempt(images, settings.batchSize) : undefined;
  const options = { batchSize: settings.batchSize, batches: settings.batches, warmup: settings.warmup };
  const variants: Variant[] = backend === "wasm" ? ["engine", "reference", "fitSameKernels"] : ["engine", "reference"];
  const results = await alternateRounds(variants, settings.rounds, async (id) => {
    useKernels(backend, id);
    const t =
      id === "engine"
        ? await measureThroughput(PYTORCH_2017_CNN, images, options)
        : await measureReferenceFit(PYTORCH_2017_CNN, images, options);
    return t.imagesPerSecond;
  });
  useKernels(backend, "engine");
  return {
    backend,
    settings,
    engine: results.engine,
    reference: results.reference,
    ...(results.fitSameKernels !== undefined ? { fitSameKernels: results.fitSameKernels } : {}),
    ...(stockWasm !== undefined ? { stockWasm } : {}),
  };
}
