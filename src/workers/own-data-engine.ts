/**
 * The reader's own dataset, measured in the TensorFlow.js worker with the sweep's own code (src/lib/datasets/measure.ts)
 * at the reader's budget, once tf.worker.ts has checked the files (own-files.ts): nothing is computed from files that fail.
 * Images of any size are measured as they are; the networks see them resampled to 28×28 (own-files.ts, toSide28).
 */
import { formatInt } from "../lib/format.ts";
import { labelPlan, modelPlan, type OwnBudget } from "../lib/datasets/own-budget.ts";
import { toSide28, type OwnDataset } from "../lib/datasets/own-files.ts";
import { measureImages, measureLabels, measureModels } from "../lib/datasets/measure.ts";
import type { OwnDataEvent, OwnDataMeasured, OwnDataStep } from "./own-data-protocol.ts";

export async function measureOwnData(
  own: OwnDataset,
  budget: OwnBudget,
  progress: (e: OwnDataEvent) => void,
  signal: AbortSignal,
): Promise<OwnDataMeasured> {
  const data = own.data;
  const seconds: Record<OwnDataStep, number> = { images: 0, labels: 0, models: 0 };
  const timed = async <T>(step: OwnDataStep, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await work();
    seconds[step] = (performance.now() - t0) / 1000;
    return out;
  };
  progress({ type: "own-step", step: "images", fraction: 0, detail: `coding the ${formatInt(data.test.count)} test images` });
  const images = await timed("images", () => measureImages(data, signal));
  const classes = own.summary.classesSeen;
  const labels = await timed("labels", () =>
    measureLabels(data.train, Math.max(classes, 2), labelPlan(budget), toSide28, {
      signal,
      onBlock: (b, done, of) =>
        progress({
          type: "own-step",
          step: "labels",
          fraction: done / of,
          detail: `label block ${done} of ${of} (labels ${formatInt(b.start + 1)} to ${formatInt(b.end)})`,
        }),
    }),
  );
  const plan = modelPlan(budget);
  const models = await timed("models", () =>
    measureModels(data, plan, toSide28, {
      signal,
      onEpoch: (net, e) =>
        progress({
          type: "own-step",
          step: "models",
          fraction: (plan.nets.indexOf(net) + e.epoch / e.epochs) / plan.nets.length,
          detail: `network ${plan.nets.indexOf(net) + 1} of ${plan.nets.length}: epoch ${e.epoch} of ${e.epochs}`,
        }),
      onFile: (_net, done, of) =>
        progress({ type: "own-step", step: "models", fraction: done / of, detail: `model file ${done} of ${of} written and scored` }),
    }),
  );
  return { budget, images, labels, models, seconds };
}
