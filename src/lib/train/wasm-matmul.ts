/**
 * BatchMatMul for the wasm backend with transposed operands.
 *
 * The package's kernel is fast (XNNPACK, 6-15 GMAC/s here) only for plain A·B; with transposeA or transposeB it
 * drops to a scalar loop near 1 GMAC/s. A dense layer's backward pass needs exactly those two (xᵀ·dy and dy·Wᵀ),
 * so we transpose the operand in JavaScript (a cache-blocked copy) and run the plain product.
 */
import type { BatchMatMulAttrs, TensorInfo } from "@tensorflow/tfjs";
import {
  KernelRunner,
  callNative,
  floatView,
  kernelConfig,
  requireInput,
  type KernelArgs,
  type WasmBackendLike,
} from "./wasm-kernel-util.ts";

const BLOCK = 32;

/** out[b][j][i] = src[b][i][j] for `batch` row-major rows x cols matrices, in BLOCK x BLOCK tiles. */
export function transposeMatrices(src: Float32Array, out: Float32Array, batch: number, rows: number, cols: number): void {
  const size = rows * cols;
  for (let b = 0; b < batch; b++) {
    const base = b * size;
    for (let i0 = 0; i0 < rows; i0 += BLOCK) {
      const i1 = Math.min(rows, i0 + BLOCK);
      for (let j0 = 0; j0 < cols; j0 += BLOCK) {
        const j1 = Math.min(cols, j0 + BLOCK);
        for (let i = i0; i < i1; i++) {
          const s = base + i * cols;
          for (let j = j0; j < j1; j++) out[base + j * rows + i] = src[s + j] as number;
        }
      }
    }
  }
}

/** A new tensor holding `x` with its last two axes swapped. */
function transposeLastTwo(runner: KernelRunner, x: TensorInfo): TensorInfo {
  const shape = x.shape.slice();
  const rank = shape.length;
  const rows = shape[rank - 2] as number;
  const cols = shape[rank - 1] as number;
  const batch = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  shape[rank - 2] = cols;
  shape[rank - 1] = rows;
  const out = runner.track(runner.backend.makeOutput(shape, "float32"));
  transposeMatrices(floatView(runner.backend, x), floatView(runner.backend, out), batch, rows, cols);
  return out;
}

function batchMatMul(args: KernelArgs): TensorInfo {
  const attrs = args.attrs as unknown as BatchMatMulAttrs;
  let a = requireInput(args.inputs, "a");
  let b = requireInput(args.inputs, "b");
  if (a.dtype !== "float32" || b.dtype !== "float32") {
    throw new Error(`wasm BatchMatMul: float32 only, got ${a.dtype} and ${b.dtype}`);
  }
  if (!attrs.transposeA && !attrs.transposeB) return callNative("BatchMatMul", args);
  const runner = new KernelRunner(args.backend as WasmBackendLike);
  try {
    if (attrs.transposeA) a = transposeLastTwo(runner, a);
    if (attrs.transposeB) b = transposeLastTwo(runner, b);
    return runner.runNative("BatchMatMul", { a, b }, { transposeA: false, transposeB: false }, true);
  } finally {
    runner.dispose();
  }
}

export const BATCH_MAT_MUL = kernelConfig("BatchMatMul", batchMatMul);
