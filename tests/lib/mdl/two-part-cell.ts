import type { TwoPartCell } from "../../../src/lib/mdl/results.ts";

/**
 * A maker of two-part code cells for one network size: each cell is given by its architecture, bits per weight, the
 * fraction pruned, the model's length in bits and its test accuracy.
 */
export function twoPartCells(network: Pick<TwoPartCell, "params" | "testBitsPerLabel">) {
  return (arch: string, bits: number, pruneFraction: number, modelBits: number, testAccuracy: number): TwoPartCell => ({
    arch,
    params: network.params,
    bits,
    pruneFraction,
    modelBits,
    testAccuracy,
    testBitsPerLabel: network.testBitsPerLabel,
  });
}
