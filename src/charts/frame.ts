/** The size options of a chart function: the document to draw in (build time or page) and the column's width. */
export interface ChartSize {
  document: Document;
  /** The width of the column the chart goes into, in CSS px (src/client/chart-width.ts measures it live). */
  width?: number | undefined;
}

/**
 * The text size of every chart, in CSS px. A chart is drawn for the width it gets and never shown scaled down
 * (src/charts/layers.ts, src/styles/charts.css), so its text is at least this big on screen, a phone's included.
 */
export const CHART_FONT = 11;

/**
 * The widths the build draws each chart at: a phone's column (a 360 px screen's card holds 286 px), a tablet's or a
 * small laptop's, and a desktop's (the widest card column is 678 px). CSS shows the widest one that fits, scaled up
 * to the column; the thresholds 420 and 560 are the container queries of src/styles/charts.css.
 */
export const CHART_WIDTHS = [280, 420, 560] as const;

/** The default width: the desktop drawing. */
export const WIDE = 560;

/** Below this width a chart lays itself out for a phone: fewer ticks, shorter labels, legends that wrap. */
export const NARROW_BELOW = 420;

export const isNarrow = (width: number): boolean => width < NARROW_BELOW;

/**
 * The frame the chapters' full-width charts share: the desktop width unless the island measured its column, with
 * the height and the left margin (room for the y tick labels) each chart needs.
 */
export function chartFrame(
  options: ChartSize,
  height: number,
  marginLeft: number,
): { document: Document; width: number; height: number; marginLeft: number } {
  return { document: options.document, width: options.width ?? WIDE, height, marginLeft };
}

/**
 * Sets the chart's text to CHART_FONT: the root of each Plot SVG (its ticks, axis labels and text marks inherit
 * it) and each legend, which Plot writes at 10 px. Marks that set their own size keep it.
 */
export function chartText(chart: Element): Element {
  const svgs = chart.matches('svg[class^="plot-"]') ? [chart] : Array.from(chart.querySelectorAll('svg[class^="plot-"]'));
  for (const svg of svgs) svg.setAttribute("font-size", String(CHART_FONT));
  for (const legend of chart.querySelectorAll('div[class*="-swatches"]')) {
    const style = legend.getAttribute("style");
    legend.setAttribute("style", `${style ? `${style.replace(/;?\s*$/, "")}; ` : ""}font-size: ${CHART_FONT}px`);
  }
  return chart;
}

/** An average glyph of the system sans-serif is about 0.6 em wide (generous, so estimated text errs wide). */
export const CHAR_EM = 0.6;

/** Greedy word wrap to at most `max` characters a line (a longer word keeps a line of its own). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Reference runs grey, the reader's own orange: the training charts' one colour legend. */
export const SOURCE_COLOR = { domain: ["reference sweep", "your runs"], range: ["#7b8794", "#d9480f"], legend: true };
