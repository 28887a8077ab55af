import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CNN_LADDER_WIDTHS,
  LOGISTIC,
  MLP_LADDER_WIDTHS,
  PYTORCH_2017_CNN,
  PYTORCH_CURRENT_CNN,
  archKey,
  describeArch,
  layerParams,
  mlp,
  paramCount,
  parseArchKey,
  sizeLadder,
  smallCnn,
  type Arch,
  shortArchName,
} from "../../../src/lib/train/arch.ts";
import { buildModel } from "../../../src/lib/train/build.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Closed forms, written out independently of layerParams. */
const closedForm = {
  logistic: 784 * 10 + 10,
  mlp: (h: number) => 784 * h + h + h * 10 + 10,
  smallCnn: (w: number) => 210 * w * w + 83 * w + 10,
};

describe("paramCount", () => {
  it("matches the closed forms", () => {
    expect(paramCount(LOGISTIC)).toBe(7_850);
    expect(closedForm.logistic).toBe(7_850);
    for (const h of MLP_LADDER_WIDTHS) expect(paramCount(mlp(h))).toBe(closedForm.mlp(h));
    expect(paramCount(mlp(95))).toBe(75_535);
    for (const w of CNN_LADDER_WIDTHS) expect(paramCount(smallCnn(w))).toBe(closedForm.smallCnn(w));
    expect(paramCount(mlp(300, 100))).toBe(784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10);
  });

  it("gives the 2017 PyTorch example's 21,840, layer by layer", () => {
    // conv1 10*(5*5*1) + 10, conv2 20*(5*5*10) + 20, fc1 320*50 + 50, fc2 50*10 + 10.
    expect(layerParams(PYTORCH_2017_CNN).map((l) => l.weights + l.biases)).toEqual([260, 5_020, 16_050, 510]);
    expect(paramCount(PYTORCH_2017_CNN)).toBe(21_840);
    expect(smallCnn(10)).toEqual(PYTORCH_2017_CNN);
  });

  it("gives the current PyTorch example's 1,199,882", () => {
    // 28 -> 26 -> 24 -> pool 12: 12*12*64 = 9216 inputs to fc1.
    expect(layerParams(PYTORCH_CURRENT_CNN).map((l) => l.name)).toEqual([
      "conv 1→32 3×3",
      "conv 32→64 3×3",
      "dense 9216→128",
      "dense 128→10",
    ]);
    expect(paramCount(PYTORCH_CURRENT_CNN)).toBe(320 + 18_496 + 1_179_776 + 1_290);
  });

  it("agrees with countParams() of the built TensorFlow.js models", () => {
    const archs: Arch[] = [...sizeLadder(), PYTORCH_CURRENT_CNN, mlp(300, 100)];
    for (const arch of archs) {
      const model = buildModel(arch, 1);
      expect(model.countParams(), archKey(arch)).toBe(paramCount(arch));
      model.dispose();
    }
  });
});

describe("describing architectures", () => {
  it("prints the 2017 network as the example defines it", () => {
    expect(describeArch(PYTORCH_2017_CNN)).toBe("conv 1→10 5×5, pool 2, conv 10→20 5×5, pool 2, 320→50→10");
    expect(describeArch(mlp(95))).toBe("MLP 784→95→10");
  });

  it("round-trips keys", () => {
    for (const arch of [...sizeLadder(), PYTORCH_CURRENT_CNN, mlp(300, 100)]) {
      expect(parseArchKey(archKey(arch))).toEqual(arch);
    }
    expect(archKey(PYTORCH_2017_CNN)).toBe("cnn-10k5p2-20k5p2-50");
  });

  it("rejects malformed keys and impossible networks", () => {
    for (const bad of ["", "mlp", "mlp-0", "mlp-x", "cnn-50", "cnn-50-10k5", "logistic-3", "cnn-10k29"]) {
      expect(() => parseArchKey(bad), bad).toThrow();
    }
  });

  it("orders the ladder by size and includes the seed's 95 neurons", () => {
    const counts = sizeLadder().map(paramCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(sizeLadder().map(archKey)).toContain("mlp-95");
  });
});

describe("shortArchName", () => {
  it("names each family briefly, from the architecture itself", () => {
    expect(shortArchName(parseArchKey("logistic"))).toBe("logistic regression");
    expect(shortArchName(parseArchKey("mlp-95"))).toBe("MLP, 95 hidden");
    expect(shortArchName(parseArchKey("cnn-10k5p2-20k5p2-50"))).toBe("CNN 10-20, 50 hidden");
  });
});
