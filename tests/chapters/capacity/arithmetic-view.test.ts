import { describe, expect, it } from "vitest";
import { capacityArithmetic } from "../../../src/lib/capacity/mnist-arithmetic.ts";
import { arithmeticFigures, arithmeticView } from "../../../src/chapters/capacity/arithmetic-view.ts";

describe("arithmeticFigures", () => {
  it("writes the MNIST arithmetic, one cell per number", () => {
    const labels = new Uint8Array(60000).map((_, i) => i % 10);
    const cells = arithmeticFigures(capacityArithmetic(labels, 191, [{ name: "m", parameters: 7850 }]));
    expect(cells["seed-neurons"]).toBe("95");
    expect(cells["seed-quotient"]).toBe("95.5");
    // 60,000 log2(10) = 199,315.69 bits; half of that in weights.
    expect(cells["uniform-bits"]).toBe("199,316");
    expect(cells["weights-uniform"]).toBe("99,658");
    expect(cells["entropy-per-label"]).toBe("3.3219");
    expect(cells["model-0-bits"]).toBe("15,700");
    expect(cells["model-0-share"]).toBe("7.9%");
    expect(cells["seed-result"]).toBe("191 / 2 = 95.5, so 95 neurons");
    expect(cells["uniform-text"]).toBe("60,000 × log₂ 10 = 199,316 bits");
    expect(cells["uniform-result"]).toBe("199,316 / 2 = 99,658 weights");
  });
});

describe("arithmeticView", () => {
  it("holds exactly the island's cells: the table's sentences and three cells per model", () => {
    const labels = new Uint8Array(100).map((_, i) => i % 10);
    const a = capacityArithmetic(labels, 191, [
      { name: "a", parameters: 10 },
      { name: "b", parameters: 20 },
    ]);
    const { values } = arithmeticView(a);
    expect(Object.keys(values).sort()).toEqual(
      [
        "seed-bits-text",
        "seed-per-text",
        "seed-result",
        "uniform-text",
        "uniform-result",
        "entropy-result",
        ...["0", "1"].flatMap((i) => ["params", "bits", "share"].map((p) => `model-${i}-${p}`)),
      ].sort(),
    );
    expect(values["model-1-params"]).toBe("20");
    expect(values["model-1-bits"]).toBe("40");
  });
});
