import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { textColorOn } from "./contrast.ts";
import { CHART_FONT, chartText } from "./frame.ts";

export interface ConfusionOptions {
  document: Document;
  /** The column's width; the matrix is square and never drawn wider than MAX_WIDTH. */
  width?: number | undefined;
}

/** The widest the matrix is drawn: beyond this its cells only grow. */
export const CONFUSION_MAX_WIDTH = 420;
/** The build draws the matrix for a phone and at its widest (src/charts/layers.ts). */
export const CONFUSION_WIDTHS = [280, CONFUSION_MAX_WIDTH] as const;

/** The correct counts: a mid blue that white text reads on (about 6:1), the same in both themes. */
const DIAGONAL = "#3b5bdb";
/** A digit's advance in the widest common system sans-serif (DejaVu Sans, 0.64 em): estimates err wide. */
const DIGIT_EM = 0.64;
const PADDING = 0.04;

interface Cell {
  truth: number;
  predicted: number;
  count: number;
  /** The cell's fill, or "none" for an error count of zero (the card shows through). */
  fill: string;
  /** The count's colour: black or white from the fill (WCAG AA, contrast.ts), the page's text where there is none. */
  ink: string;
}

/**
 * The confusion matrix with every count written in: the diagonal (correct) in one blue, the errors in oranges on a
 * square-root scale of their own (the diagonal would swamp it), zero errors unfilled. Each count's colour is chosen
 * from its cell's fill, and its size from the cell's width: at least CHART_FONT, and a count too long for its cell at
 * that size is narrowed to fit (SVG textLength) rather than shrunk.
 */
export function trainConfusionChart(confusion: readonly (readonly number[])[], options: ConfusionOptions): Element {
  const width = Math.min(options.width ?? CONFUSION_MAX_WIDTH, CONFUSION_MAX_WIDTH);
  const marginLeft = 38;
  const marginTop = 36;
  const marginRight = 2;
  const step = (width - marginLeft - marginRight) / 10;
  const cellWidth = step * (1 - PADDING);
  const errorMax = Math.max(1, ...confusion.flatMap((row, t) => row.filter((_, p) => p !== t)));
  const oranges = Plot.scale({ color: { type: "sqrt", scheme: "oranges", domain: [0, errorMax] } });
  const cells: Cell[] = confusion.flatMap((row, truth) =>
    row.map((count, predicted) => {
      const fill = truth === predicted ? DIAGONAL : count === 0 ? "none" : String(oranges.apply(count));
      return { truth, predicted, count, fill, ink: fill === "none" ? "currentColor" : textColorOn(fill) };
    }),
  );
  const digits = Math.max(1, ...cells.map((c) => String(c.count).length));
  // As large as the longest count fits, between CHART_FONT and 14 px.
  const fontSize = Math.max(CHART_FONT, Math.min(14, Math.floor((cellWidth - 4) / (DIGIT_EM * digits))));
  const chart = Plot.plot({
    document: options.document,
    width,
    height: marginTop + 10 * step + 2,
    marginLeft,
    marginTop,
    marginRight,
    marginBottom: 2,
    padding: PADDING,
    x: { label: "Predicted digit", domain: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], axis: "top", tickSize: 0 },
    y: { label: "True digit", domain: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], tickSize: 0 },
    color: { type: "identity" },
    marks: [
      Plot.cell(cells, {
        x: "predicted",
        y: "truth",
        fill: "fill",
        stroke: (d: Cell) => (d.fill === "none" ? "currentColor" : "none"),
        strokeOpacity: 0.25,
      }),
      Plot.text(cells, { x: "predicted", y: "truth", text: (d: Cell) => String(d.count), fill: "ink", fontSize }),
    ],
  });
  // Counts wider than their cell at this size (estimated, as wide as the widest common font draws them) are narrowed.
  const room = cellWidth - 3;
  for (const text of chart.querySelectorAll('g[aria-label="text"] text')) {
    const length = (text.textContent ?? "").length;
    if (length * DIGIT_EM * fontSize > room) {
      text.setAttribute("textLength", String(Math.floor(room * 10) / 10));
      text.setAttribute("lengthAdjust", "spacingAndGlyphs");
    }
  }
  const errors = cells.filter((c) => c.truth !== c.predicted).reduce((s, c) => s + c.count, 0);
  chart.setAttribute(
    "aria-label",
    `Confusion matrix of the test set: rows are true digits, columns predicted digits; ` +
      `${errors} test digits are off the diagonal. The table lists every count.`,
  );
  chart.setAttribute("style", `max-width: ${CONFUSION_MAX_WIDTH}px`);
  labelAsOneImage(chartText(chart), chart.getAttribute("aria-label") ?? "");
  return chart;
}
