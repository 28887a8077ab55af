import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { formatFixed } from "../lib/format.ts";
import type { LadderRung } from "../lib/stats/bits-ladder.ts";

export interface BitsLadderChartOptions {
  document: Document;
  width?: number;
}

const KIND_LABEL = { computed: "computed here", published: "published (cited)", seed: "the seed's figure" } as const;

/** The ladder as horizontal bars on a log axis (bits per image span 3 to 784), one bar per rung, largest first. */
export function bitsLadderChart(rungs: readonly LadderRung[], options: BitsLadderChartOptions): Element {
  const data = rungs.map((r) => ({
    name: r.approximate ? `${r.label} (approx.)` : r.label,
    bits: r.bitsPerImage,
    kind: KIND_LABEL[r.kind],
  }));
  return labelAsOneImage(
    Plot.plot({
      document: options.document,
      width: options.width ?? 720,
      height: 40 + 22 * data.length,
      marginLeft: 330,
      ariaLabel: "Bits ladder: bits per image under each model",
      ariaDescription:
        "Horizontal bars, one per model or figure, on a logarithmic axis of bits per image; the table below lists the same values.",
      x: { type: "log", label: "Bits per image (log scale)", grid: true, domain: [2, 1000] },
      y: { label: null, domain: data.map((d) => d.name) },
      color: { domain: Object.values(KIND_LABEL), range: ["#2f6fde", "#8a8f98", "#d9480f"], legend: true },
      marks: [
        Plot.barX(data, { x1: 2, x2: "bits", y: "name", fill: "kind" }),
        Plot.text(data, { x: "bits", y: "name", text: (d: { bits: number }) => formatFixed(d.bits, 1), dx: 4, textAnchor: "start" }),
      ],
    }),
  );
}
