import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import type { Binarization } from "../../../src/lib/stats/binarization.ts";
import { binarizationSummary } from "../../../src/lib/stats/binarization-summary.ts";
import { entropyOfWeights } from "../../../src/lib/stats/entropy.ts";
import {
  classConditionalCrossEntropy,
  classConditionalEntropy,
  independentCrossEntropy,
  independentPixelEntropy,
} from "../../../src/lib/stats/independent-model.ts";
import { classOnProbabilities, countPixels, meanOnPixels, onCounts, onProbabilities } from "../../../src/lib/stats/pixel-counts.ts";
import { SEED_READINGS } from "../../../src/lib/stats/seed-search.ts";

describe("binarizationSummary", () => {
  it("gives the same numbers as the single-purpose functions on MNIST (> 127, > 0, > 200, stochastic)", async () => {
    const mnist = loadMnistNode();
    const train = await countPixels(mnist.train);
    const test = await countPixels(mnist.test);
    const bins: Binarization[] = [
      { kind: "threshold", threshold: 127 },
      { kind: "threshold", threshold: 0 },
      { kind: "threshold", threshold: 200 },
      { kind: "stochastic" },
    ];
    for (const b of bins) {
      const s = binarizationSummary(train, test, b);
      expect(s.meanOnPixels).toBeCloseTo(meanOnPixels(train, b), 9);
      expect(s.positionEntropy).toBeCloseTo(entropyOfWeights(onCounts(train, b)), 12);
      expect(s.independentTrainEntropy).toBeCloseTo(independentPixelEntropy(train, b), 9);
      expect(s.independentTestCodeLength).toBeCloseTo(independentCrossEntropy(train, test, b), 9);
      expect(s.classConditionalTrainEntropy).toBeCloseTo(classConditionalEntropy(train, b), 9);
      expect(s.classConditionalTestGivenLabel).toBeCloseTo(classConditionalCrossEntropy(train, test, b), 9);
      const p = onProbabilities(train, b);
      const pc = classOnProbabilities(train, b);
      for (let i = 0; i < 784; i += 11) expect(s.onProbabilities[i]).toBeCloseTo(p[i] as number, 14);
      for (let k = 0; k < pc.length; k += 97) expect(s.classOnProbabilities[k]).toBeCloseTo(pc[k] as number, 14);
      for (const r of SEED_READINGS) expect(s.seedReadings[r.id]).toBeCloseTo(r.bits(onCounts(train, b), 60000), 9);
    }
  });
});
