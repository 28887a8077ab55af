import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { CHAR_EM, CHART_FONT, chartFrame, chartText, isNarrow, wrapWords, type ChartSize } from "./frame.ts";

/** One trained and quantized network of the search: its real file's size and its accuracy on two held-out sets. */
export interface FrontierCandidate {
  /** Unique cell key. */
  key: string;
  /** e.g. "conv 1→6 3×3 … 16→10, 4-bit" */
  label: string;
  params: number;
  /** Length of the real model file in bits. */
  fileBits: number;
  /** 0..1, on the last 10,000 training images. */
  validationAccuracy: number;
  /** 0..1 */
  testAccuracy: number;
  /** On the validation-selected frontier: fewest bits for its validation accuracy. */
  onFrontier: boolean;
}

/** A result from the literature, for scale: its size in bits and how its reported accuracy was chosen. */
export interface PublishedPoint {
  label: string;
  bits: number;
  /** 0..1 */
  testAccuracy: number;
  /** How the reported model was selected, e.g. "selected on the test set". */
  selection: string;
}

export interface FrontierChartData {
  candidates: readonly FrontierCandidate[];
  published: readonly PublishedPoint[];
  /** Target accuracy, 0..1 (0.99). */
  target: number;
  /** Key of the shipped model, one of the candidates. */
  chosen?: string;
}

/**
 * One row of the table behind the chart, in plain numbers (the page formats them). Candidates have parameters, a
 * validation accuracy and a frontier flag and no selection; published points the reverse: `null` marks a cell that
 * does not apply, so the table can print a dash there.
 */
export interface FrontierTableRow {
  kind: "candidate" | "published";
  /** The candidate's key; null for a published point. */
  key: string | null;
  /** The model's label (the table's row header). */
  model: string;
  bits: number;
  params: number | null;
  /** 0..1 */
  validationAccuracy: number | null;
  /** 0..1 */
  testAccuracy: number;
  /** On the validation-selected frontier; null for a published point. */
  frontier: boolean | null;
  /** For a published point, how its model was selected (its source is its label); null for a candidate. */
  selection: string | null;
  /** The shipped model. */
  chosen: boolean;
}

/** Mid-tone colours that keep their contrast on the light and the dark theme; text and rules use currentColor. */
const KINDS = { domain: ["candidate", "validation frontier", "published"], range: ["#7b8794", "#1c7ed6", "#e8590c"] };
const CHOSEN_COLOR = "#2f9e44";
/** The card's background (Starlight's, in either theme), else Plot's own; the text itself is currentColor. */
const HALO = "var(--sl-color-bg-nav, var(--plot-background))";
/** Label text size: the charts' own, legible on a phone's column, where the chart is drawn at its own size. */
const LABEL_FONT = CHART_FONT;
/** Test error in percent, floored so a perfect score still has a place on the log axis. */
const ERROR_FLOOR = 0.01;

const errorPercent = (accuracy: number): number => Math.max(ERROR_FLOOR, 100 * (1 - accuracy));

/** Pads a positive extent by a factor each side on a log axis; a default when there is nothing to draw. */
function logDomain(values: readonly number[], pad: number, fallback: [number, number]): [number, number] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  if (v.length === 0) return fallback;
  return [Math.min(...v) / pad, Math.max(...v) * pad];
}

/** Plot's own margins for a left y axis and a bottom x axis with labels, set explicitly so the labels can be laid out. */
const MARGIN = { top: 20, right: 20, bottom: 30, left: 48 };
const HEIGHT = 340;

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

interface Placement {
  textAnchor: "start" | "middle" | "end";
  lineAnchor: "top" | "middle" | "bottom";
  dx: number;
  dy: number;
}

/** Where a label may sit around its mark, `gap` px from its centre; the first of equally good ones wins. */
function placements(gap: number): Placement[] {
  const d = Math.ceil(gap * 0.85);
  return [
    { textAnchor: "start", lineAnchor: "bottom", dx: d, dy: -d },
    { textAnchor: "end", lineAnchor: "bottom", dx: -d, dy: -d },
    { textAnchor: "start", lineAnchor: "top", dx: d, dy: d },
    { textAnchor: "end", lineAnchor: "top", dx: -d, dy: d },
    { textAnchor: "start", lineAnchor: "middle", dx: gap + 3, dy: 0 },
    { textAnchor: "end", lineAnchor: "middle", dx: -gap - 3, dy: 0 },
    { textAnchor: "middle", lineAnchor: "bottom", dx: 0, dy: -gap - 2 },
    { textAnchor: "middle", lineAnchor: "top", dx: 0, dy: gap + 2 },
  ];
}

/** The estimated box of `lines` of text placed at (x, y) by `p`. */
function textBox(x: number, y: number, lines: readonly string[], p: Placement): Box {
  const w = Math.max(0, ...lines.map((l) => l.length)) * CHAR_EM * LABEL_FONT;
  // A line of text takes about 1.2 em, descenders and the halo included.
  const h = lines.length * LABEL_FONT * 1.2;
  const ax = x + p.dx;
  const ay = y + p.dy;
  const x0 = p.textAnchor === "start" ? ax : p.textAnchor === "end" ? ax - w : ax - w / 2;
  const y0 = p.lineAnchor === "top" ? ay : p.lineAnchor === "bottom" ? ay - h : ay - h / 2;
  return { x0, x1: x0 + w, y0, y1: y0 + h };
}

const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
const area = (a: Box): number => (a.x1 - a.x0) * (a.y1 - a.y0);
const around = (x: number, y: number, r: number): Box => ({ x0: x - r, x1: x + r, y0: y - r, y1: y + r });

/**
 * Picks, label by label, the placement whose estimated box covers the least: area outside the plot frame counts
 * most, then other labels already placed, then marks (dots, squares, the ring). Greedy, in the order given, so the
 * first labels get the best places.
 */
function layoutLabels(
  labels: ReadonlyArray<{ x: number; y: number; lines: readonly string[]; gap: number }>,
  marks: readonly Box[],
  frame: Box,
): Placement[] {
  const placed: Box[] = [];
  return labels.map((l) => {
    let best: { p: Placement; box: Box; cost: number } | undefined;
    for (const p of placements(l.gap)) {
      const box = textBox(l.x, l.y, l.lines, p);
      const cost =
        100 * (area(box) - overlap(box, frame)) +
        10 * placed.reduce((s, b) => s + overlap(box, b), 0) +
        marks.reduce((s, b) => s + overlap(box, b), 0);
      if (best === undefined || cost < best.cost) best = { p, box, cost };
    }
    placed.push(best!.box);
    return best!.p;
  });
}

/**
 * Model file bits (log x) against test error (log y) for every candidate of the search, with the frontier chosen on
 * the validation images drawn as a line, published results as hollow squares with their labels, a dashed line at the
 * target and a green ring on the shipped model. The frontier is picked without looking at the test set, so its
 * test errors are honest; a published point may not have been, and the table says how each was chosen. Labels
 * are 11 px at every width, wrapped and placed around their marks where they cover least (an estimate: a very
 * crowded corner can still overprint).
 */
export function frontierChart(data: FrontierChartData, options: ChartSize): Element {
  const dots = [...data.candidates]
    .sort((a, b) => a.fileBits - b.fileBits)
    .map((c) => ({ key: c.key, bits: c.fileBits, err: errorPercent(c.testAccuracy), onFrontier: c.onFrontier }));
  const frontier = dots.filter((d) => d.onFrontier);
  const others = dots.filter((d) => !d.onFrontier);
  const published = [...data.published]
    .sort((a, b) => a.bits - b.bits)
    .map((p) => ({ label: p.label, bits: p.bits, err: errorPercent(p.testAccuracy) }));
  const chosen = data.chosen === undefined ? undefined : dots.find((d) => d.key === data.chosen);
  if (data.chosen !== undefined && chosen === undefined) throw new Error(`frontierChart: the chosen key '${data.chosen}' is no candidate`);

  const targetError = 100 * (1 - data.target);
  const allBits = [...dots.map((d) => d.bits), ...published.map((p) => p.bits)];
  const allErrors = [...dots.map((d) => d.err), ...published.map((p) => p.err), targetError];
  // Room each side for the labels; the error axis reaches below the 1% line, where the networks that matter sit.
  const xDomain = logDomain(allBits, 1.6, [1e3, 1e7]);
  const yDomain: [number, number] = [Math.min(0.5, ...allErrors) / 1.2, Math.min(100, Math.max(2, ...allErrors) * 1.6)];

  // The scales' pixel positions (both log, with these domains and Plot's margins), for laying out the labels.
  const frame = chartFrame(options, HEIGHT, MARGIN.left);
  const narrow = isNarrow(frame.width);
  const plotBox: Box = { x0: MARGIN.left, x1: frame.width - MARGIN.right, y0: MARGIN.top, y1: HEIGHT - MARGIN.bottom };
  const [lx0, lx1] = xDomain.map(Math.log) as [number, number];
  const [ly0, ly1] = yDomain.map(Math.log) as [number, number];
  const px = (bits: number) => plotBox.x0 + ((Math.log(bits) - lx0) / (lx1 - lx0)) * (plotBox.x1 - plotBox.x0);
  const py = (err: number) => plotBox.y1 - ((Math.log(err) - ly0) / (ly1 - ly0)) * (plotBox.y1 - plotBox.y0);
  const markBoxes = [
    ...dots.map((d) => around(px(d.bits), py(d.err), 3.5)),
    ...published.map((p) => around(px(p.bits), py(p.err), 4.5)),
    ...(chosen ? [around(px(chosen.bits), py(chosen.err), 9)] : []),
  ];
  // About 40% of the plot's width a line, and never under 10 characters.
  const maxChars = Math.max(10, Math.floor((0.4 * (plotBox.x1 - plotBox.x0)) / (CHAR_EM * LABEL_FONT)));
  const labels = [
    // The shipped model's label first, so it gets the best place.
    ...(chosen ? [{ bits: chosen.bits, err: chosen.err, lines: ["shipped"], gap: 11, bold: true }] : []),
    ...published.map((p) => ({ bits: p.bits, err: p.err, lines: wrapWords(p.label, maxChars), gap: 6, bold: false })),
  ];
  const layout = layoutLabels(
    labels.map((l) => ({ x: px(l.bits), y: py(l.err), lines: l.lines, gap: l.gap })),
    markBoxes,
    plotBox,
  );

  const kind = (name: string) => () => name;
  const marks: Plot.Markish[] = [
    Plot.ruleY([targetError], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 }),
    Plot.dot(others, { x: "bits", y: "err", fill: kind("candidate"), r: 3 }),
    Plot.line(frontier, { x: "bits", y: "err", stroke: kind("validation frontier"), strokeWidth: 1.5 }),
    Plot.dot(frontier, { x: "bits", y: "err", fill: kind("validation frontier"), r: 3.5 }),
    Plot.dot(published, { x: "bits", y: "err", symbol: "square", stroke: kind("published"), fill: "none", strokeWidth: 1.5, r: 4.5 }),
  ];
  if (chosen !== undefined) marks.push(Plot.dot([chosen], { x: "bits", y: "err", r: 9, stroke: CHOSEN_COLOR, strokeWidth: 2 }));
  labels.forEach((l, i) => {
    const text = l.lines.join("\n");
    marks.push(
      Plot.text([l], {
        x: "bits",
        y: "err",
        text: () => text,
        ...layout[i]!,
        fontSize: LABEL_FONT,
        ...(l.bold ? { fontWeight: "bold" } : {}),
        fill: "currentColor",
        // A halo in the card's background, so a label stays readable where it crosses dots or grid lines.
        stroke: HALO,
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    );
  });
  const chart = Plot.plot({
    ...frame,
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    x: { type: "log", label: "Model file size (bits, log scale)", grid: true, domain: xDomain, ...(narrow ? { ticks: 3 } : {}) },
    // "~g" writes 0.6 rather than the SI default's 600m for the ticks below 1%.
    y: {
      type: "log",
      label: narrow ? "Test error (%), log scale" : "Test error (%), log scale: 1% error is 99% accuracy",
      grid: true,
      domain: yDomain,
      tickFormat: "~g",
    },
    color: { ...KINDS, legend: true },
    marks,
  });
  const pct = (x: number) => +x.toFixed(2);
  const label =
    `Test error (one minus accuracy, log scale) against model file size in bits (log scale) for ${dots.length} candidate networks; ` +
    `a line joins the ${frontier.length} on the frontier chosen on the validation images; ` +
    `${published.length} published results as hollow squares` +
    (published.length > 0 ? ` (${published.map((p) => p.label).join("; ")})` : "") +
    `; a dashed line at ${pct(targetError)}% error (${pct(100 * data.target)}% accuracy)` +
    (chosen !== undefined ? `; a green ring marks the shipped model.` : ".") +
    " The table lists every value.";
  // Plot wraps a chart with a legend in a figure: the whole figure is the one image.
  return labelAsOneImage(chartText(chart), label);
}

/**
 * The rows of the table behind the chart, every candidate and published point sorted by bits (ties: candidates
 * first, then by label), in plain numbers for the page's view to format into its table rows.
 */
export function frontierTable(data: FrontierChartData): FrontierTableRow[] {
  const rows: FrontierTableRow[] = [
    ...data.candidates.map((c): FrontierTableRow => ({
      kind: "candidate",
      key: c.key,
      model: c.label,
      bits: c.fileBits,
      params: c.params,
      validationAccuracy: c.validationAccuracy,
      testAccuracy: c.testAccuracy,
      frontier: c.onFrontier,
      selection: null,
      chosen: c.key === data.chosen,
    })),
    ...data.published.map((p): FrontierTableRow => ({
      kind: "published",
      key: null,
      model: p.label,
      bits: p.bits,
      params: null,
      validationAccuracy: null,
      testAccuracy: p.testAccuracy,
      frontier: null,
      selection: p.selection,
      chosen: false,
    })),
  ];
  const rank = (r: FrontierTableRow) => (r.kind === "candidate" ? 0 : 1);
  const byLabel = (a: FrontierTableRow, b: FrontierTableRow) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0);
  return rows.sort((a, b) => a.bits - b.bits || rank(a) - rank(b) || byLabel(a, b));
}
