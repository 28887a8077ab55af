/**
 * Prints every Chapter 1-2 quantity on the real MNIST data, with timings of the heavy passes.
 * Usage: tsx scripts/explore-entropy.ts [--context] [--em] [--stochastic]
 *   (the count-derived numbers always; --context runs the context model for template sizes 0..10, --em fits mixtures).
 */
import { classCounts } from "../src/lib/data/mnist.ts";
import { loadMnistNode } from "../src/lib/data/node.ts";
import { describeBinarization, type Binarization } from "../src/lib/stats/binarization.ts";
import { binarizationSummary } from "../src/lib/stats/binarization-summary.ts";
import { mixtureCodeLength } from "../src/lib/stats/bernoulli-mixture.ts";
import { contextModelCodeLengths } from "../src/lib/stats/context-model.ts";
import { fitBernoulliMixture, seededSubset } from "../src/lib/stats/em.ts";
import { entropyOfWeights } from "../src/lib/stats/entropy.ts";
import {
  classConditionalCrossEntropy,
  classConditionalEntropy,
  classConditionalMixture,
  independentCrossEntropy,
  independentPixelEntropy,
} from "../src/lib/stats/independent-model.ts";
import { indexBits, labelEntropy, labellingBits } from "../src/lib/stats/labels.ts";
import { countPixels, intensityHistogram, intermediateShare, meanOnPixels, onCounts } from "../src/lib/stats/pixel-counts.ts";
import { SEED_READINGS, seedSearch } from "../src/lib/stats/seed-search.ts";
import { sparseBinaryImages } from "../src/lib/stats/sparse-images.ts";

const args = new Set(process.argv.slice(2));
const SEED = 20180405;
const mnist = loadMnistNode();

async function timed<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  console.log(`  [${label}: ${(performance.now() - t0).toFixed(0)} ms]`);
  return r;
}

const train = await timed("counts pass, train (60,000 images)", () => countPixels(mnist.train));
const test = await timed("counts pass, test (10,000 images)", () => countPixels(mnist.test));

const intensity = intensityHistogram(train);
console.log(`\nPixels: ${intensity.reduce((a, b) => a + b, 0)}; value 0: ${intensity[0]}; value 255: ${intensity[255]}`);
console.log(`Share strictly between 0 and 255: ${intermediateShare(train)}`);
console.log(`Entropy of the 256-level intensity histogram: ${entropyOfWeights(intensity)} bits`);
const yCounts = classCounts(mnist.train.labels);
console.log(`Class counts: ${yCounts.join(", ")}`);
console.log(`H(Y) = ${labelEntropy(yCounts)} bits; N H(Y) = ${labellingBits(yCounts)} bits; log2 60000 = ${indexBits(60000)}`);

{
  const t0 = performance.now();
  for (let t = 0; t <= 254; t += 17) binarizationSummary(train, test, { kind: "threshold", threshold: t });
  console.log(`binarizationSummary (what a slider move recomputes): ${((performance.now() - t0) / 15).toFixed(1)} ms per call`);
}

const binarizations: Binarization[] = [
  { kind: "threshold", threshold: 127 },
  { kind: "threshold", threshold: 0 },
  ...(args.has("--stochastic") ? [{ kind: "stochastic" } as const] : []),
];
for (const b of binarizations) {
  console.log(`\n== Binarization ${describeBinarization(b)} ==`);
  console.log(`mean on pixels per image: ${meanOnPixels(train, b)}`);
  for (const r of SEED_READINGS) console.log(`${r.id}: ${r.bits(onCounts(train, b), train.images)} bits`);
  console.log(`independent, train entropy: ${independentPixelEntropy(train, b)}`);
  console.log(`independent, test code length: ${independentCrossEntropy(train, test, b)}`);
  console.log(`class-conditional, train H(X|Y): ${classConditionalEntropy(train, b)}`);
  console.log(`class-conditional, test, label given: ${classConditionalCrossEntropy(train, test, b)}`);
  const testSparse = await timed("sparse test images", () => sparseBinaryImages(mnist.test, b, { seed: SEED }));
  const mix = await timed("class mixture on test", () => mixtureCodeLength(classConditionalMixture(train, b), testSparse));
  console.log(`class-conditional, test, label unknown (mixture): ${mix.bitsPerImage}`);
  if (args.has("--context")) {
    for (const k of [0, 1, 2, 4, 6, 8, 10]) {
      const [r] = await timed(`context model k=${k}, full train`, () =>
        contextModelCodeLengths(mnist.train, b, { templateSizes: [k], seed: SEED }),
      );
      console.log(`  context k=${k}: ${r?.bitsPerImage} bits/image (${r?.contextsSeen} contexts)`);
    }
    const all = await timed("context model all k=0..10 in one pass", () => contextModelCodeLengths(mnist.train, b, { seed: SEED }));
    console.log(all.map((r) => `  k=${r.templateSize}: ${r.bitsPerImage.toFixed(3)}`).join("\n"));
  }
  if (args.has("--em")) {
    for (const [K, n] of [
      [10, 10000],
      [20, 10000],
      [50, 10000],
      [10, 60000],
    ] as const) {
      const trainSparse = await sparseBinaryImages(mnist.train, b, {
        indices: seededSubset(60000, n, SEED),
        seed: SEED,
      });
      const t0 = performance.now();
      const fit = await fitBernoulliMixture(trainSparse, { components: K, seed: SEED, maxIterations: 30 });
      const ms = performance.now() - t0;
      const testBits = await mixtureCodeLength(fit.model, testSparse);
      const last = fit.history.at(-1);
      console.log(
        `  EM K=${K} N=${n}: ${fit.history.length} passes, ${(ms / fit.history.length).toFixed(0)} ms/pass, converged ${fit.converged}, ` +
          `train ${last?.trainBitsPerImage.toFixed(2)} bits, test ${testBits.bitsPerImage.toFixed(2)} bits/image`,
      );
    }
  }
}

console.log("\n== Seed search (target 191) ==");
const search = await timed("seed search", () => seedSearch(train, test));
for (const r of search.rows) {
  console.log(`${r.reading}\t${r.data}\t${r.unit}\t${r.binarizationLabel}\t${r.chosenBy}\t${r.value.toFixed(3)}`);
}
console.log(`best conventional: ${JSON.stringify(search.best)}`);
