import type { ModelSize } from "../../lib/capacity/mnist-arithmetic.ts";
import { LOGISTIC, PYTORCH_2017_CNN, paramCount } from "../../lib/train/arch.ts";

/** The two models that generalise on MNIST, with their parameter counts from the training engine's descriptions. */
export function capacityModels(): ModelSize[] {
  return [
    { name: "Logistic regression (784 · 10 weights + 10 biases)", parameters: paramCount(LOGISTIC) },
    { name: "The PyTorch example CNN of 2017 (two convolutions, 320→50→10)", parameters: paramCount(PYTORCH_2017_CNN) },
  ];
}
