import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";

export interface ConfusionOptions {
  document: Document;
  width?: number;
}

/** The off-diagonal counts of a confusion matrix (the diagonal would swamp the colour scale), with every count written in. */
export function trainConfusionChart(confusion: readonly (readonly number[])[], options: ConfusionOptions): Element {
  const cells = confusion.flatMap((row, truth) => row.map((count, predicted) => ({ truth, predicted, count, diag: truth === predicted })));
  const errors = cells.filter((c) => !c.diag);
  const chart = Plot.plot({
    document: options.document,
    width: options.width ?? 360,
    height: (options.width ?? 360) * 0.95,
    marginLeft: 40,
    padding: 0.05,
    x: { label: "Predicted digit", domain: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], axis: "top" },
    y: { label: "True digit", domain: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
    color: { type: "sqrt", scheme: "oranges", domain: [0, Math.max(1, ...errors.map((c) => c.count))] },
    marks: [
      Plot.cell(errors, { x: "predicted", y: "truth", fill: "count" }),
      Plot.cell(
        cells.filter((c) => c.diag),
        { x: "predicted", y: "truth", fill: "#e8ecf8" },
      ),
      Plot.text(cells, { x: "predicted", y: "truth", text: (d: { count: number }) => String(d.count), fontSize: 10 }),
    ],
  });
  chart.setAttribute(
    "aria-label",
    `Confusion matrix of the test set: rows are true digits, columns predicted digits; ` +
      `${errors.reduce((s, c) => s + c.count, 0)} test digits are off the diagonal. The table lists every count.`,
  );
  // Plot wraps a chart with a legend in a figure: the whole figure is the one image.
  labelAsOneImage(chart, chart.getAttribute("aria-label") ?? "");
  return chart;
}
