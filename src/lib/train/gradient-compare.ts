/**
 * Compares a GPU backend's gradients with the cpu backend's for the same network, weights and batch, so a GPU that
 * computes them wrongly (float16 storage, a broken driver or kernel) is refused before it trains. Pure: plain arrays in,
 * figures and words out.
 */

/**
 * float32 sums taken in another order differ by a few units in the last place of the sum's size, about 1e-7 of it per
 * addition step; a batch's reductions have a few thousand terms, so 1e-3 of the gradient's size leaves two orders of
 * magnitude for rounding and still catches float16 (whose own rounding is 5e-4) or a kernel that is actually wrong.
 */
export const GRADIENT_TOLERANCE = 1e-3;

/** One weight tensor's gradient, in the order and with the names of readWeights (build.ts). */
export interface GradientArray {
  name: string;
  values: Float32Array;
}

export interface GradientComparison {
  /** The largest |gpu − cpu| over every entry of every gradient. */
  maxAbs: number;
  /**
   * The largest, over the weight tensors, of max |gpu − cpu| / max |cpu|: normwise, because rounding is relative to the
   * size of the sums, and an entry near zero differs by as much as a large one (entry by entry it would look huge).
   */
  maxRel: number;
  /** The tensor where maxRel is reached, e.g. "conv1.weight". */
  worst: string;
  tolerance: number;
  agree: boolean;
}

/** Throws when the two lists do not describe the same tensors: that is a bug, not a disagreement. */
export function compareGradients(
  gpu: readonly GradientArray[],
  cpu: readonly GradientArray[],
  tolerance: number = GRADIENT_TOLERANCE,
): GradientComparison {
  if (gpu.length !== cpu.length || gpu.length === 0) throw new Error(`gradients of ${gpu.length} and ${cpu.length} tensors`);
  let maxAbs = 0;
  let maxRel = 0;
  let worst = "";
  gpu.forEach((g, k) => {
    const c = cpu[k] as GradientArray;
    if (g.name !== c.name || g.values.length !== c.values.length) {
      throw new Error(`gradient ${k} is ${g.name} (${g.values.length}) on one backend and ${c.name} (${c.values.length}) on the other`);
    }
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < g.values.length; i++) {
      const a = g.values[i] as number;
      const b = c.values[i] as number;
      // NaN compares false with everything, so it must be caught here or Math.max would drop it.
      const d = Number.isFinite(a) ? Math.abs(a - b) : Infinity;
      if (d > diff) diff = d;
      scale = Math.max(scale, Math.abs(b));
    }
    const rel = scale === 0 ? (diff === 0 ? 0 : Infinity) : diff / scale;
    maxAbs = Math.max(maxAbs, diff);
    if (worst === "" || rel > maxRel) {
      maxRel = rel;
      worst = g.name;
    }
  });
  return { maxAbs, maxRel, worst, tolerance, agree: maxRel <= tolerance };
}

/** 3.2e-7, with "0" for an exact match and "∞" for a non-finite difference. */
function figure(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return "∞";
  return x.toExponential(1).replace("e+", "e");
}

/**
 * "gradients agree with the CPU backend to within 3.2e-7 of their size", or, when they do not, what refuses the backend:
 * "its gradients differ from the CPU backend's by 2.1e-2 of their size (in fc1.weight), more than the 1.0e-3 allowed".
 */
export function gradientCheckInWords(c: GradientComparison): string {
  if (c.agree) {
    return c.maxRel === 0
      ? "gradients agree exactly with the CPU backend"
      : `gradients agree with the CPU backend to within ${figure(c.maxRel)} of their size`;
  }
  return `its gradients differ from the CPU backend's by ${figure(c.maxRel)} of their size (in ${c.worst}), more than the ${figure(c.tolerance)} allowed`;
}
