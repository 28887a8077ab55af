import { describe, expect, it } from "vitest";
import { compareGradients, GRADIENT_TOLERANCE, gradientCheckInWords, type GradientArray } from "../../../src/lib/train/gradient-compare.ts";

const g = (name: string, values: number[]): GradientArray => ({ name, values: Float32Array.from(values) });

describe("compareGradients", () => {
  it("measures each tensor's largest difference against its own largest entry (worked by hand)", () => {
    // w: the largest difference is 0.002 (in -2 against -2.002), its largest cpu entry is 2.002: 0.002 / 2.002 = 9.99e-4.
    // b: identical. So maxAbs 0.002, maxRel 9.99e-4, in w: just inside 1e-3, outside 5e-4.
    const gpu = [g("fc1.weight", [1, -2, 0.5]), g("fc1.bias", [0.5, 0.25])];
    const cpu = [g("fc1.weight", [1, -2.002, 0.5]), g("fc1.bias", [0.5, 0.25])];
    const c = compareGradients(gpu, cpu);
    expect(c.maxAbs).toBeCloseTo(0.002, 6);
    expect(c.maxRel).toBeCloseTo(0.002 / 2.002, 6);
    expect(c).toMatchObject({ worst: "fc1.weight", tolerance: GRADIENT_TOLERANCE, agree: true });
    expect(compareGradients(gpu, cpu, 5e-4).agree).toBe(false);
  });

  it("judges a small tensor by its own size, not by the largest gradient's", () => {
    // b's difference, 1e-4, is tiny next to w's entries but a tenth of b's own largest entry (0.0011): 0.0909.
    const c = compareGradients([g("w", [3, 4]), g("b", [0.001, 0])], [g("w", [3, 4]), g("b", [0.0011, 0])]);
    expect(c.maxRel).toBeCloseTo(1e-4 / 0.0011, 4);
    expect(c).toMatchObject({ worst: "b", agree: false });
  });

  it("counts NaN as a disagreement, and all-zero gradients that match as agreement", () => {
    expect(compareGradients([g("w", [NaN, 1])], [g("w", [0, 1])])).toMatchObject({ maxRel: Infinity, agree: false });
    expect(compareGradients([g("w", [0, 0])], [g("w", [0, 0])])).toMatchObject({ maxAbs: 0, maxRel: 0, agree: true });
    expect(compareGradients([g("w", [1e-9])], [g("w", [0])])).toMatchObject({ maxRel: Infinity, agree: false });
  });

  it("refuses lists that do not describe the same tensors", () => {
    expect(() => compareGradients([g("w", [1])], [g("b", [1])])).toThrow(/w .* b/);
    expect(() => compareGradients([g("w", [1])], [g("w", [1, 2])])).toThrow();
    expect(() => compareGradients([], [])).toThrow();
  });

  it("says it in words", () => {
    const close = compareGradients([g("w", [1, -2])], [g("w", [1, -2.0000005])]);
    expect(gradientCheckInWords(close)).toMatch(/^gradients agree with the CPU backend to within \d\.\de-7 of their size$/);
    expect(gradientCheckInWords(compareGradients([g("w", [1])], [g("w", [1])]))).toBe("gradients agree exactly with the CPU backend");
    expect(gradientCheckInWords(compareGradients([g("fc2.bias", [1.1])], [g("fc2.bias", [1])]))).toBe(
      "its gradients differ from the CPU backend's by 1.0e-1 of their size (in fc2.bias), more than the 1.0e-3 allowed",
    );
  });
});
