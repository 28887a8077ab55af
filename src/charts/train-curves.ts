import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { chartText, isNarrow, WIDE } from "./frame.ts";

export interface CurvesData {
  /** Training loss (nats) of individual batches, by optimizer step. */
  losses: ReadonlyArray<{ step: number; loss: number }>;
  /** Test accuracy after each epoch, at the step the epoch ended. */
  tests: ReadonlyArray<{ step: number; accuracy: number }>;
  totalSteps: number;
}

export interface CurvesOptions {
  document: Document;
  /** The width of the column both panels share. */
  width?: number | undefined;
}

/** The space between the panels when they sit side by side (train.css: gap 1rem). */
const GAP = 16;

/**
 * Two small panels: batch training loss (log scale) and test accuracy per epoch, both against steps. Side by side
 * from the desktop width on (the build's widest drawing and a live redraw in the same column then agree, so a
 * finished run does not move the page), one above the other below it; either way they fill the column.
 */
export function trainCurvesChart(data: CurvesData, options: CurvesOptions): Element {
  const doc = options.document;
  const column = options.width ?? WIDE;
  const side = column >= WIDE;
  const width = side ? Math.floor((column - GAP) / 2) : column;
  const ticks = isNarrow(width) ? 4 : 6;
  const x = { label: "Optimizer step", domain: [0, Math.max(1, data.totalSteps)], grid: true, ticks };
  const loss = Plot.plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 44,
    x,
    y: { type: "log", label: "Batch training loss (nats)", grid: true, tickFormat: "~g" },
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
    marginLeft: 44,
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
  // charts.css sets two columns here; otherwise train.css's flex row wraps each full-width panel onto its own line.
  if (side) wrap.setAttribute("data-columns", "2");
  labelAsOneImage(chartText(loss));
  labelAsOneImage(chartText(accuracy));
  wrap.append(loss, accuracy);
  return wrap;
}
