/** Shared by the training-engine tests (not collected itself: no .test.ts suffix). */
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../../src/lib/train/backend.ts";

/** Normwise relative error max|a-b| / max|b|: the measure the kernel tolerances refer to. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return scale === 0 ? diff : diff / scale;
}

let wasmReady: Promise<unknown> | undefined;

/** Activates wasm with the training kernels (once per test file; each file runs in its own worker). */
export async function useWasm(): Promise<void> {
  wasmReady ??= selectBackend({ order: ["wasm"] });
  await wasmReady;
  await tf.setBackend("wasm");
}

/** Runs `f` on cpu and on wasm and returns both results' values (cpu first). `f` must be deterministic. */
export async function onCpuAndWasm(f: () => tf.Tensor | tf.Tensor[]): Promise<[Float32Array[], Float32Array[]]> {
  const out: Float32Array[][] = [];
  for (const backend of ["cpu", "wasm"]) {
    if (backend === "wasm") await useWasm();
    else await tf.setBackend("cpu");
    const result = f();
    const tensors = Array.isArray(result) ? result : [result];
    out.push(tensors.map((t) => Float32Array.from(t.dataSync())));
    tf.dispose(tensors);
  }
  return [out[0] ?? [], out[1] ?? []];
}

/** Tensors the wasm backend holds, including intermediates a kernel forgot to free (numTensors cannot see those). */
export function wasmDataIds(): number {
  return (tf.findBackend("wasm") as unknown as { numDataIds(): number }).numDataIds();
}
