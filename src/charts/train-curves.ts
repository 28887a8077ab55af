import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";

export interface CurvesData {
  /** Training loss (nats) of individual batches, by optimizer step. */
  losses: ReadonlyArray<{ step: number; loss: number }>;
  /** Test accuracy after each epoch, at the step the epoch ended. */
  tests: ReadonlyArray<{ step: number; accuracy: number }>;
  totalSteps: number;
}

export interface CurvesOptions {
  document: Document;
  width?: number;
}

/** Two small panels side by side: batch training loss (log scale) and test accuracy per epoch, both against steps. */
export function trainCurvesChart(data: CurvesData, options: CurvesOptions): Element {
  const doc = options.document;
  const width = options.width ?? 320;
  const x = { label: "Optimizer step", domain: [0, Math.max(1, data.totalSteps)], grid: true };
  const loss = Plot.plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 48,
    x,
    y: { type: "log", label: "Batch training loss (nats)", grid: true },
    marks: [
      Plot.line(
        data.losses.filter((d) => d.loss > 0),
        { x: "step", y: "loss", stroke: "#6b7fd7" },
      ),
    ],
  });
  const accuracy = Plot.plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 48,
    x,
    y: { label: "Test accuracy (%)", domain: [90, 100], grid: true, clamp: true },
    marks: [
      Plot.ruleY([99], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 }),
      Plot.line(data.tests, { x: "step", y: (d: { accuracy: number }) => 100 * d.accuracy, stroke: "#d9480f" }),
      Plot.dot(data.tests, { x: "step", y: (d: { accuracy: number }) => 100 * d.accuracy, fill: "#d9480f", r: 3.5 }),
    ],
  });
  const last = data.tests[data.tests.length - 1];
  loss.setAttribute("aria-label", `Training loss of each batch over ${data.losses.length} recorded steps, on a log scale.`);
  accuracy.setAttribute(
    "aria-label",
    `Test accuracy after each of ${data.tests.length} epochs` +
      (last === undefined ? "." : `, ending at ${(100 * last.accuracy).toFixed(2)}%. The dashed line marks 99%.`),
  );
  const wrap = doc.createElement("div");
  wrap.setAttribute("class", "mb-train-curves");
  labelAsOneImage(loss);
  labelAsOneImage(accuracy);
  wrap.append(loss, accuracy);
  return wrap;
}
