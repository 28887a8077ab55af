import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { CHAR_EM, CHART_FONT, chartText, WIDE, wrapWords } from "./frame.ts";
import { formatFixed } from "../lib/format.ts";
import type { LadderRung } from "../lib/stats/bits-ladder.ts";

export interface BitsLadderChartOptions {
  document: Document;
  width?: number | undefined;
}

const KIND_LABEL = { computed: "computed here", published: "published (cited)", seed: "the seed's figure" } as const;

const LINE = Math.round(CHART_FONT * 1.25);
const BAR = 12;
const GAP = 9;
const MARGIN = { top: 6, right: 40, bottom: 34, left: 8 } as const;

/**
 * The ladder as horizontal bars on a log axis (bits per image span 3 to 784), one bar per rung, largest first, each
 * rung's name written above its bar (wrapped to the width, so a phone's column holds the longest) and its value at
 * the bar's end.
 */
export function bitsLadderChart(rungs: readonly LadderRung[], options: BitsLadderChartOptions): Element {
  const width = options.width ?? WIDE;
  const maxChars = Math.max(12, Math.floor((width - MARGIN.left - MARGIN.right) / (CHAR_EM * CHART_FONT)));
  let top = MARGIN.top;
  const data = rungs.map((r) => {
    const lines = wrapWords(r.approximate ? `${r.label} (approx.)` : r.label, maxChars);
    const row = { lines, nameY: top, barY1: top + lines.length * LINE + 1, bits: r.bitsPerImage, kind: KIND_LABEL[r.kind] };
    top = row.barY1 + BAR + GAP;
    return row;
  });
  type Row = (typeof data)[number];
  const height = top - GAP + 8 + MARGIN.bottom;
  const chart = chartText(
    Plot.plot({
      document: options.document,
      width,
      height,
      marginTop: 0,
      marginLeft: MARGIN.left,
      marginRight: MARGIN.right,
      marginBottom: MARGIN.bottom,
      ariaLabel: "Bits ladder: bits per image under each model",
      ariaDescription:
        "Horizontal bars, one per model or figure, on a logarithmic axis of bits per image; the table below lists the same values.",
      x: { type: "log", label: "Bits per image (log scale)", grid: true, domain: [2, 1000] },
      // Rows are laid out here in pixels, so the names can take one or two lines each.
      y: { type: "identity", axis: null },
      color: { domain: Object.values(KIND_LABEL), range: ["#2f6fde", "#8a8f98", "#d9480f"], legend: true },
      marks: [
        Plot.rectX(data, { x1: 2, x2: "bits", y1: "barY1", y2: (d: Row) => d.barY1 + BAR, fill: "kind" }),
        Plot.text(data, {
          x: 2,
          y: "nameY",
          text: (d: Row) => d.lines.join("\n"),
          textAnchor: "start",
          lineAnchor: "top",
          lineHeight: LINE / CHART_FONT,
        }),
        Plot.text(data, {
          x: "bits",
          y: (d: Row) => d.barY1 + BAR / 2,
          text: (d: Row) => formatFixed(d.bits, 1),
          dx: 4,
          textAnchor: "start",
        }),
      ],
    }),
  );
  // Drawn as rects on the pixel rows above, the bars keep the name the bar mark gave them.
  chart.querySelector('g[aria-label="rect"]')?.setAttribute("aria-label", "bar");
  return labelAsOneImage(chart);
}
