import { parseArchKey, shortArchName } from "../lib/train/arch.ts";
import * as Plot from "@observablehq/plot";
import type { LadderPoint } from "../lib/train/sweep.ts";
import { labelAsOneImage } from "./accessible.ts";
import { chartFrame, chartText, isNarrow, SOURCE_COLOR, type ChartSize } from "./frame.ts";

export interface LadderChartData {
  /** The committed reference sweep. */
  reference: readonly LadderPoint[];
  /** The reader's own runs (may be empty). */
  live: readonly LadderPoint[];
  /** Target accuracy, 0..1. */
  target: number;
  /** The smallest reference size whose every seed reached the target. */
  smallest?: LadderPoint;
}

export interface LadderChartOptions extends ChartSize {
  metric: "accuracy" | "trainLoss";
}

/**
 * One metric against parameter count (log x): a vertical bar from the worst seed to the best, a dot at the mean;
 * grey for the reference sweep, orange for the reader's runs.
 */
export function trainLadderChart(data: LadderChartData, options: LadderChartOptions): Element {
  const acc = options.metric === "accuracy";
  const scale = (v: number) => (acc ? 100 * v : v);
  const rows = (points: readonly LadderPoint[], source: string) =>
    points.map((p) => ({
      params: p.params,
      low: scale(p[options.metric].min),
      mean: scale(p[options.metric].mean),
      high: scale(p[options.metric].max),
      source,
      family: p.arch.startsWith("cnn") ? "CNN" : p.arch.startsWith("mlp") ? "MLP" : "logistic",
    }));
  const all = [...rows(data.reference, "reference sweep"), ...rows(data.live, "your runs")];
  const marks: Plot.Markish[] = [
    Plot.ruleX(all, { x: "params", y1: "low", y2: "high", stroke: "source", strokeWidth: 2 }),
    Plot.dot(all, { x: "params", y: "mean", fill: "source", symbol: "family", r: 4 }),
  ];
  if (acc) marks.unshift(Plot.ruleY([100 * data.target], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 }));
  if (data.smallest !== undefined) {
    marks.push(Plot.ruleX([data.smallest.params], { stroke: "#2f9e44", strokeDasharray: "2 2" }));
  }
  const frame = chartFrame(options, 280, 44);
  const chart = Plot.plot({
    ...frame,
    x: { type: "log", label: "Parameters", grid: true, ...(isNarrow(frame.width) ? { ticks: 3 } : {}) },
    y: acc
      ? { label: "Test accuracy (%)", grid: true }
      : { type: "log", label: "Final training loss (nats)", grid: true, tickFormat: "~g" },
    inset: 12,
    color: SOURCE_COLOR,
    symbol: { domain: ["CNN", "MLP", "logistic"], range: ["circle", "square", "diamond"], legend: true },
    marks,
  });
  chart.setAttribute(
    "aria-label",
    `${acc ? "Test accuracy" : "Final training loss"} against parameter count on a log scale for ${data.reference.length} ` +
      `reference networks${data.live.length > 0 ? ` and ${data.live.length} of your runs` : ""}; bars span the seeds` +
      (data.smallest !== undefined
        ? `; a green line marks ${shortArchName(parseArchKey(data.smallest.arch))}, the smallest whose every seed reached the target.`
        : ".") +
      " The table lists every value.",
  );
  // Plot wraps a chart with a legend in a figure: the whole figure is the one image.
  labelAsOneImage(chartText(chart), chart.getAttribute("aria-label") ?? "");
  return chart;
}
