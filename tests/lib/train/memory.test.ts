import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { LOGISTIC, PYTORCH_2017_CNN, PYTORCH_CURRENT_CNN, mlp, parseArchKey, sizeLadder } from "../../../src/lib/train/arch.ts";
import { buildModel } from "../../../src/lib/train/build.ts";
import { MAX_TRAINING_BYTES, activationsPerImage, trainingBytes } from "../../../src/lib/train/memory.ts";

/** Independently: the input plus the output of every conv, pool and dense layer of the built tfjs model. */
function fromModel(model: tf.Sequential): number {
  let total = 28 * 28;
  for (const layer of model.layers) {
    if (!/^(Conv2D|MaxPooling2D|Dense)$/.test(layer.getClassName())) continue;
    const shape = layer.outputShape as Array<number | null>;
    total += shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  }
  return total;
}

describe("activationsPerImage", () => {
  it("counts the 2017 example network's feature maps by hand", () => {
    // 784 input, conv 24²×10, pool 12²×10, conv 8²×20, pool 4²×20, dense 50, logits 10.
    expect(activationsPerImage(PYTORCH_2017_CNN)).toBe(784 + 5760 + 1440 + 1280 + 320 + 50 + 10);
    expect(activationsPerImage(LOGISTIC)).toBe(794);
    expect(activationsPerImage(mlp(95, 20))).toBe(784 + 95 + 20 + 10);
  });

  it("agrees with the layer output shapes of the models the engine builds", () => {
    for (const arch of [PYTORCH_2017_CNN, PYTORCH_CURRENT_CNN, parseArchKey("cnn-7k3-5k4p3-30-20"), mlp(64), LOGISTIC]) {
      const model = buildModel(arch, 1);
      expect(activationsPerImage(arch)).toBe(fromModel(model));
      model.dispose();
    }
  });
});

describe("trainingBytes", () => {
  it("lets every network the page offers train at the largest batch the page allows", () => {
    for (const arch of [...sizeLadder(), PYTORCH_CURRENT_CNN]) expect(trainingBytes(arch, 1024)).toBeLessThan(MAX_TRAINING_BYTES);
  });

  it("refuses a 1,000-filter 1×1 convolution at batch 1,024 despite its 12,010 parameters", () => {
    const wide = parseArchKey("cnn-1000k1p28");
    // 1,024 images × 3 copies × 4 bytes × (784 + 784,000 + 1,000 + 10) floats, plus 4 copies of 12,010 weights.
    expect(trainingBytes(wide, 1024)).toBe(4 * (4 * 12_010 + 3 * 1024 * (784 + 784_000 + 1000 + 10)));
    expect(trainingBytes(wide, 1024)).toBeGreaterThan(MAX_TRAINING_BYTES);
    expect(trainingBytes(wide, 64)).toBeLessThan(MAX_TRAINING_BYTES);
  });
});
