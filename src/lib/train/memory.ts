/**
 * A rough upper estimate of the memory one training step needs, so a URL or a form cannot ask for a network whose
 * activations would not fit in a browser (a 1,000-filter 1×1 convolution has only 12,010 parameters, yet at batch
 * 1,024 its feature maps alone take 3.2 GB). Run-time memory errors are still caught (see lib/memory-error.ts); this
 * rejects the hopeless cases before a download starts.
 */
import { IMAGE_SIZE, layerParams, paramCount, type Arch } from "./arch.ts";

const FLOAT_BYTES = 4;
/** Weights, their gradients and Adam's two moment estimates. */
const COPIES_PER_PARAM = 4;
/** Each activation is kept for the backward pass and gets a gradient of its own; one more for kernel scratch space. */
const COPIES_PER_ACTIVATION = 3;

/** Floats of activation per image: the input, every conv output before and after pooling, every dense output. */
export function activationsPerImage(arch: Arch): number {
  let total = IMAGE_SIZE * IMAGE_SIZE;
  if (arch.kind === "cnn") {
    let side = IMAGE_SIZE;
    for (const c of arch.convs) {
      side = side - c.kernel + 1;
      total += side * side * c.filters;
      if (c.pool !== undefined) {
        side = Math.floor(side / c.pool);
        total += side * side * c.filters;
      }
    }
  }
  // Every dense layer's output (the hidden layers and the 10 logits) is one bias vector long.
  for (const layer of layerParams(arch)) if (layer.name.startsWith("dense")) total += layer.biases;
  return total;
}

export function trainingBytes(arch: Arch, batchSize: number): number {
  return FLOAT_BYTES * (COPIES_PER_PARAM * paramCount(arch) + COPIES_PER_ACTIVATION * batchSize * activationsPerImage(arch));
}

/** What the page lets a reader ask for: well inside the 4 GB a wasm heap can reach, and what a laptop can spare. */
export const MAX_TRAINING_BYTES = 1024 * 1024 * 1024;
