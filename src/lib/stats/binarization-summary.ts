import type { Binarization } from "./binarization.ts";
import { binaryEntropy, entropyOfWeights } from "./entropy.ts";
import { crossEntropyFromCounts, KT_PSEUDO_COUNT } from "./independent-model.ts";
import { classOnCounts, sumOverClasses, type PixelCounts } from "./pixel-counts.ts";
import { SEED_READINGS, type SeedReadingId } from "./seed-search.ts";

/**
 * Everything the two chapters show that follows from the counts alone, for one binarization, computed with one
 * weighting of each count table (a few milliseconds): what a threshold slider recomputes on every move. Each field is
 * the same number the single-purpose functions give (independent-model.ts, pixel-counts.ts, seed-search.ts).
 */
export interface BinarizationSummary {
  binarization: Binarization;
  /** P(pixel i on) on the training set: the heatmap. */
  onProbabilities: Float64Array;
  /** P(pixel i on | class y) as [y * pixels + i], unsmoothed (for display). */
  classOnProbabilities: Float64Array;
  meanOnPixels: number;
  /** Entropy of the on-count histogram normalized over pixel positions (at most log2 784 bits). */
  positionEntropy: number;
  /** sum_i H_b(p_i): bits per training image under the independent model fitted to it. */
  independentTrainEntropy: number;
  /** Bits per test image, independent model fitted on train with KT smoothing. */
  independentTestCodeLength: number;
  /** sum_y P(y) sum_i H_b(p_{y,i}) on the training set. */
  classConditionalTrainEntropy: number;
  /** Bits per test image when the label is known, class-conditional model with KT smoothing. */
  classConditionalTestGivenLabel: number;
  /** Every reading of the seed's recipe, in bits, on the training set. */
  seedReadings: Record<SeedReadingId, number>;
}

export function binarizationSummary(train: PixelCounts, test: PixelCounts, b: Binarization): BinarizationSummary {
  const D = train.pixels;
  const trainClassOn = classOnCounts(train, b);
  const testClassOn = classOnCounts(test, b);
  const trainOn = sumOverClasses(train, trainClassOn);
  const testOn = sumOverClasses(test, testClassOn);
  const a = KT_PSEUDO_COUNT;

  const onProbabilities = trainOn.map((c) => c / train.images);
  const classOnProbabilities = new Float64Array(trainClassOn.length);
  let independentTrainEntropy = 0;
  let meanOn = 0;
  for (let i = 0; i < D; i++) {
    independentTrainEntropy += binaryEntropy(onProbabilities[i] as number);
    meanOn += onProbabilities[i] as number;
  }
  const independentTestCodeLength = crossEntropyFromCounts(
    trainOn.map((c) => (c + a) / (train.images + 2 * a)),
    testOn,
    test.images,
  );

  let classConditionalTrainEntropy = 0;
  let testGivenLabelBits = 0;
  for (let y = 0; y < train.classes; y++) {
    const n = train.classImages[y] as number;
    const span = [y * D, (y + 1) * D] as const;
    let hy = 0;
    for (let k = span[0]; k < span[1]; k++) {
      const p = n > 0 ? (trainClassOn[k] as number) / n : 0;
      classOnProbabilities[k] = p;
      hy += binaryEntropy(p);
    }
    classConditionalTrainEntropy += (n / train.images) * hy;
    const nTest = test.classImages[y] as number;
    if (nTest > 0) {
      const q = trainClassOn.subarray(...span).map((c) => (c + a) / (n + 2 * a));
      testGivenLabelBits += nTest * crossEntropyFromCounts(q, testClassOn.subarray(...span), nTest);
    }
  }

  const seedReadings = Object.fromEntries(SEED_READINGS.map((r) => [r.id, r.bits(trainOn, train.images)])) as Record<SeedReadingId, number>;
  return {
    binarization: b,
    onProbabilities,
    classOnProbabilities,
    meanOnPixels: meanOn,
    positionEntropy: entropyOfWeights(trainOn),
    independentTrainEntropy,
    independentTestCodeLength,
    classConditionalTrainEntropy,
    classConditionalTestGivenLabel: testGivenLabelBits / test.images,
    seedReadings,
  };
}
