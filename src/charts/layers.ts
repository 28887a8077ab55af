import { CHART_WIDTHS } from "./frame.ts";

/** The container widths at which src/styles/charts.css switches drawings (its @container queries). */
const THRESHOLDS = new Set([420, 560]);

/** A chart drawn by the build at several widths, as markup for an island's component. */
export interface ChartLayers {
  /** The widest drawing: it goes inside the chart's host, which the island's element redraws live. */
  main: string;
  /** The narrower drawings, for siblings of the host inside the same `.mb-chart` container. */
  alternates: string;
}

/**
 * Draws a chart once per width, for the build. Each drawing is marked with the container widths it is shown at
 * (`mb-from-420`, `mb-below-560`, …): src/styles/charts.css shows exactly one, the widest that fits the column, so no
 * drawing is ever scaled down (a 280 px one on a screen narrower than 354 px excepted) and every text keeps its size.
 * The widest is `mb-chart-main`; once a live chart has replaced it, the others are hidden too. The hidden drawings are
 * display: none, so assistive technology meets one image and the table behind it, as before.
 */
export function chartLayers(draw: (width: number) => Element, widths: readonly number[] = CHART_WIDTHS): ChartLayers {
  const sorted = [...widths].sort((a, b) => a - b);
  const drawn = sorted.map((width, i) => {
    const next = sorted[i + 1];
    if (i > 0 && !THRESHOLDS.has(width)) throw new Error(`chartLayers: ${width} px is not one of charts.css's thresholds`);
    const chart = draw(width);
    chart.classList.add("mb-chart-built");
    if (i > 0) chart.classList.add(`mb-from-${width}`);
    if (next !== undefined) chart.classList.add(`mb-below-${next}`);
    else chart.classList.add("mb-chart-main");
    return chart.outerHTML;
  });
  return { main: drawn[drawn.length - 1] ?? "", alternates: drawn.slice(0, -1).join("") };
}
