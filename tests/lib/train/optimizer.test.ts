import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { disposeOptimizer, learningRateOf, makeOptimizer, setLearningRate, type OptimizerSpec } from "../../../src/lib/train/optimizer.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const g = [3, -1, 0.5];

/** Minimises sum(w * g) (gradient g everywhere) with rates lrs[0], lrs[1], ...; returns w after each step. */
function steps(spec: OptimizerSpec, lrs: number[]): number[][] {
  const start = tf.memory().numTensors;
  const init = tf.tensor1d([1, 2, 3]);
  const w = tf.variable(init);
  init.dispose();
  const c = tf.tensor1d(g);
  const optimizer = makeOptimizer(spec, 123);
  const out: number[][] = [];
  for (const lr of lrs) {
    setLearningRate(optimizer, lr);
    expect(learningRateOf(optimizer)).toBe(lr);
    optimizer.minimize(() => tf.sum(tf.mul(w, c)));
    out.push(Array.from(w.dataSync()));
  }
  disposeOptimizer(optimizer);
  tf.dispose([w, c]);
  expect(tf.memory().numTensors).toBe(start);
  return out;
}

function expectClose(actual: number[] | undefined, expected: number[], digits = 6) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(actual?.[i]).toBeCloseTo(e, digits));
}

describe("learning rates set between steps take effect", () => {
  it("sgd: w -= lr * g", () => {
    const [w1, w2] = steps({ kind: "sgd" }, [0.1, 0.5]);
    expectClose(w1, [1 - 0.3, 2 + 0.1, 3 - 0.05]);
    expectClose(w2, [1 - 0.3 - 1.5, 2 + 0.1 + 0.5, 3 - 0.05 - 0.25]);
  });

  it("momentum: v = m v + g, w -= lr v", () => {
    const [w1, w2] = steps({ kind: "momentum", momentum: 0.9 }, [0.1, 0.2]);
    expectClose(
      w1,
      [1, 2, 3].map((w, i) => w - 0.1 * (g[i] as number)),
    );
    expectClose(w2, w1?.map((w, i) => w - 0.2 * 1.9 * (g[i] as number)) ?? []);
  });

  it("adam: the first step moves each weight by lr against the gradient's sign", () => {
    // m̂ = g and v̂ = g² after one step, so the update is lr * g / (|g| + eps).
    const [w1, w2] = steps({ kind: "adam" }, [0.01, 0.03]);
    expectClose(w1, [1 - 0.01, 2 + 0.01, 3 - 0.01]);
    // A constant gradient keeps m̂/sqrt(v̂) = sign(g), so the second step is 0.03.
    expectClose(w2, [1 - 0.04, 2 + 0.04, 3 - 0.04]);
  });

  it("adadelta: the step scales with the rate", () => {
    const [a] = steps({ kind: "adadelta" }, [1]);
    const [b] = steps({ kind: "adadelta" }, [2]);
    expectClose(
      b?.map((w, i) => w - [1, 2, 3][i]!),
      a?.map((w, i) => 2 * (w - [1, 2, 3][i]!)) ?? [],
    );
  });
});

describe("disposeOptimizer", () => {
  it("frees what tfjs's own MomentumOptimizer.dispose() leaves behind", () => {
    const start = tf.memory().numTensors;
    makeOptimizer({ kind: "momentum", momentum: 0.9 }, 0.1).dispose();
    expect(tf.memory().numTensors).toBe(start + 1);
    const again = tf.memory().numTensors;
    disposeOptimizer(makeOptimizer({ kind: "momentum", momentum: 0.9 }, 0.1));
    expect(tf.memory().numTensors).toBe(again);
  });
});
