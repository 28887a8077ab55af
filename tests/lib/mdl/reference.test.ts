/**
 * Reruns one cell of the committed reference run (content/data/description-length.json): logistic regression trained
 * on all the data with the script's recipe, quantized to 4 bits, evaluated on the test set. The wasm backend is
 * bit-exact on one machine, so the model bits must match exactly; the accuracy is also recomputed in plain
 * JavaScript from the quantized weights, independently of TensorFlow.js.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { prequentialCode } from "../../../src/lib/mdl/prequential.ts";
import { quantizeModel } from "../../../src/lib/mdl/quantize.ts";
import type { DescriptionLengthFile } from "../../../src/lib/mdl/results.ts";
import { FIRST_BLOCK, MDL_SEED, TWO_PART_EPOCHS, blockRecipe } from "../../../src/lib/mdl/settings.ts";
import { tfFitPredict } from "../../../src/lib/mdl/tf-prequential.ts";
import { LOGISTIC } from "../../../src/lib/train/arch.ts";
import { MNIST_MEAN, MNIST_STD } from "../../../src/lib/train/batch.ts";
import { modelFromWeights } from "../../../src/lib/train/build.ts";
import { evaluate } from "../../../src/lib/train/evaluate.ts";
import { DEFAULT_RECIPE } from "../../../src/lib/train/recipe.ts";
import { train } from "../../../src/lib/train/train.ts";
import { useWasm } from "../train/helpers.ts";

const file = JSON.parse(
  readFileSync(join(process.cwd(), "content", "data", "description-length.json"), "utf8"),
) as DescriptionLengthFile & {
  liveRuns: DescriptionLengthFile["prequential"];
};

describe("the reference run's logistic-regression cell", () => {
  beforeAll(useWasm);

  it("reproduces its model bits and test accuracy at 4 bits", async () => {
    const mnist = loadMnistNode();
    const r = await train({ ...DEFAULT_RECIPE, arch: LOGISTIC, seed: MDL_SEED, epochs: TWO_PART_EPOCHS, evaluateEachEpoch: false }, mnist);
    const q = quantizeModel(r.weights, 4, 0);
    const cell = file.twoPart.find((c) => c.arch === "logistic" && c.bits === 4 && c.pruneFraction === 0);
    expect(cell).toBeDefined();
    expect(q.modelBits).toBeCloseTo(cell?.modelBits ?? NaN, 6);
    const model = modelFromWeights(LOGISTIC, q.weights);
    const e = await evaluate(model, LOGISTIC, mnist.test);
    model.dispose();
    expect(e.accuracy).toBe(cell?.testAccuracy);

    // Plain JavaScript forward pass of the quantized weights (kernel 784x10, bias 10).
    const [kernel, bias] = q.weights;
    if (kernel === undefined || bias === undefined) throw new Error("expected two tensors");
    const { pixels, labels, count } = mnist.test;
    let correct = 0;
    for (let i = 0; i < count; i++) {
      const logits = Array.from(bias.values);
      for (let p = 0; p < 784; p++) {
        const x = ((pixels[i * 784 + p] as number) / 255 - MNIST_MEAN) / MNIST_STD;
        if (x === 0) continue;
        for (let c = 0; c < 10; c++) logits[c] = (logits[c] as number) + x * (kernel.values[p * 10 + c] as number);
      }
      if (logits.indexOf(Math.max(...logits)) === labels[i]) correct++;
    }
    // float64 here vs float32 there: a near-tie may flip, nothing more.
    expect(Math.abs(correct - e.correct)).toBeLessThanOrEqual(3);
  });
});

describe("the reference run's smallest live setting", () => {
  beforeAll(useWasm);

  it("reproduces the prequential code of the first 4,096 labels with logistic regression, block by block", async () => {
    const mnist = loadMnistNode();
    const n = 4096;
    const ref = file.liveRuns.find((r) => r.arch === "logistic" && r.n === n);
    expect(ref).toBeDefined();
    const r = await prequentialCode(mnist.train.labels.subarray(0, n), tfFitPredict(blockRecipe(LOGISTIC), mnist.train), {
      firstBlock: FIRST_BLOCK,
    });
    expect(r.blocks.map((b) => b.bits)).toEqual(ref?.blocks.map((b) => b.bits));
    expect(r.totalBits).toBe(ref?.totalBits);
  });
});
