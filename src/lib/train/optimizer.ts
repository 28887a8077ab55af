/**
 * Optimizers as data, and the one mutation a schedule needs: setting the learning rate before each step.
 */
import * as tf from "@tensorflow/tfjs";

export type OptimizerSpec =
  /** epsilon defaults to 1e-7 (tfjs's float32 value) rather than the backend's, which is 1e-4 on float16 WebGL. */
  | { kind: "adam"; beta1?: number; beta2?: number; epsilon?: number }
  | { kind: "sgd" }
  | { kind: "momentum"; momentum: number; nesterov?: boolean }
  /** As in the current PyTorch mnist example (Adadelta, lr 1, decayed 0.7 per epoch). */
  | { kind: "adadelta"; rho?: number; epsilon?: number };

export function makeOptimizer(spec: OptimizerSpec, learningRate: number): tf.Optimizer {
  switch (spec.kind) {
    case "adam":
      return tf.train.adam(learningRate, spec.beta1 ?? 0.9, spec.beta2 ?? 0.999, spec.epsilon ?? 1e-7);
    case "sgd":
      return tf.train.sgd(learningRate);
    case "momentum":
      return tf.train.momentum(learningRate, spec.momentum, spec.nesterov ?? false);
    case "adadelta":
      return tf.train.adadelta(learningRate, spec.rho ?? 0.9, spec.epsilon ?? 1e-6);
  }
}

/**
 * tfjs optimizers take a fixed rate at construction. SGD and Momentum cache it as a kept scalar behind a public
 * setter; Adam and Adadelta read a plain field on every step, so assigning it is enough. (Duck-typed: tfjs's
 * Optimizer classes define Symbol.hasInstance so that `adam instanceof SGDOptimizer` is true.)
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (o.learningRate === learningRate) return;
  if (typeof o.setLearningRate === "function") o.setLearningRate(learningRate);
  else o.learningRate = learningRate;
}

/** The rate the optimizer will use for its next step. */
export function learningRateOf(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}

/**
 * optimizer.dispose(), plus the learning-rate scalar that tfjs 4.22's MomentumOptimizer.dispose() forgets (it
 * overrides SGD's dispose without disposing the inherited `c`): one leaked tensor per momentum run otherwise.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  optimizer.dispose();
  if (c !== undefined && !c.isDisposed) c.dispose();
}
