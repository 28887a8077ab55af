/** The markdown tables `npm run bench` prints, one function per suite. */
import type { FirstVisitBytes } from "../src/integrations/sw-precache.ts";
import type { VariantResult } from "./lib/alternate.ts";
import { medianRatio } from "./lib/alternate.ts";
import type { TrainComparison } from "./lib/compare-train.ts";
import { formatSummary, type Summary } from "./stats.ts";
import type { BrowserBench } from "./suites/browser.ts";
import type { StatsBench } from "./suites/stats.ts";
import { VARIANTS, type TrainWasmRow } from "./suites/train-wasm.ts";

const MB = 1e6;
const int = (n: number): string => Math.round(n).toLocaleString("en-US");
const ratio = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? "–" : `${x.toFixed(2)}×`);
const scaled = (s: Summary, by: number): Summary => ({
  median: s.median / by,
  min: s.min / by,
  max: s.max / by,
  runs: s.runs.map((r) => r / by),
});

export function trainWasmTable(rows: TrainWasmRow[], settings: { rounds: number; batches: number; batchSize: number }): string {
  const lines = [
    `## Training throughput on tfjs-backend-wasm (Node ${process.version}, batch ${settings.batchSize}, ${settings.rounds} rounds × ${settings.batches} batches)`,
    "",
    "images/s, median (min–max) over rounds; ratios against the package as shipped and against the minimum a CNN needs.",
    "",
    `| network | params | ${VARIANTS.map((v) => v.id).join(" | ")} | all ÷ stock | all ÷ filter-only |`,
    `|---|---:|${VARIANTS.map(() => "---:").join("|")}|---:|---:|`,
  ];
  for (const arch of [...new Set(rows.map((r) => r.arch))]) {
    const of = rows.filter((r) => r.arch === arch);
    const cell = (id: string): string => {
      const r = of.find((x) => x.variant === id);
      return r?.imagesPerSecond ? formatSummary(r.imagesPerSecond) : "cannot train";
    };
    const median = (id: string): number | undefined => of.find((x) => x.variant === id)?.imagesPerSecond?.median;
    const r = (a: string, b: string): string => {
      const x = median(a);
      const y = median(b);
      return ratio(x !== undefined && y !== undefined ? x / y : undefined);
    };
    lines.push(
      `| ${arch} | ${of[0]?.params ?? ""} | ${VARIANTS.map((v) => cell(v.id)).join(" | ")} | ${r("all", "stock")} | ${r("all", "filter-only")} |`,
    );
  }
  return lines.join("\n");
}

export function statsTable(stats: StatsBench): string {
  return [
    `## Per-pixel statistics (chapters 1-2), ${(stats.bytes / MB).toFixed(1)} MB of training pixels, ms, median (min–max)`,
    "",
    "| pass | ms | ÷ reference |",
    "|---|---:|---:|",
    `| reference: sum every byte once | ${formatSummary(stats.sumPassMs, 1)} | 1.00× |`,
    `| count tables (10 classes × 784 pixels × 256 levels) | ${formatSummary(stats.countPassMs, 1)} | ${ratio(stats.countPassMs.median / stats.sumPassMs.median)} |`,
    `| one threshold change from the counts (every number of the chapter) | ${formatSummary(stats.thresholdUpdateMs, 2)} | – |`,
  ].join("\n");
}

export function dataTable(b: BrowserBench, rounds: number): string {
  const { bytes, float32 } = b.data;
  const row = (label: string, x: Summary | undefined, y: Summary, digits = 0): string =>
    `| ${label} | ${x === undefined ? "–" : formatSummary(x, digits)} | ${formatSummary(y, digits)} | ${x === undefined ? "–" : ratio(y.median / x.median)} |`;
  const mb = (s: Summary): Summary => scaled(s, MB);
  const w = b.wire;
  return [
    `## Data in headless ${b.browser} (worker; localhost; ${rounds} rounds, median (min–max))`,
    "",
    `On the wire: ${int(w.receivedBytes)} bytes in the four .gz files (${(w.receivedBytes / MB).toFixed(2)} MB; manifest says ${int(w.manifestBytes)}` +
      `${w.transferBytes !== undefined ? `; ${int(w.transferBytes)} with headers` : ""}), ${(w.decodedBytes / MB).toFixed(1)} MB decoded.`,
    "",
    "| measurement | site: keep the bytes | tfjs-examples: pixels/255 as Float32 | Float32 ÷ bytes |",
    "|---|---:|---:|---:|",
    row("loadMnist: fetch + inflate + SHA-256 + parse, ms", bytes.ms.loadMs, float32.ms.loadMs),
    row("decode to Float32 (one array, labels one-hot), ms", undefined, float32.ms.decodeMs),
    row("ready to train, ms", bytes.ms.totalMs, float32.ms.totalMs),
    row("main-thread heap right after loading (before GC), MB", mb(bytes.heapAfterLoad), mb(float32.heapAfterLoad), 1),
    row("main-thread heap kept while the data is held (after GC), MB", mb(bytes.heapRetained), mb(float32.heapRetained), 1),
    "",
    "The same load again phase by phase through fetch.ts's helpers (each phase over all four files; loadMnist overlaps them, so they sum to more than its time), ms:",
    "",
    "| download | inflate | SHA-256 | parse IDX |",
    "|---:|---:|---:|---:|",
    `| ${formatSummary(bytes.ms.downloadMs)} | ${formatSummary(bytes.ms.inflateMs)} | ${formatSummary(bytes.ms.verifyMs)} | ${formatSummary(bytes.ms.parseMs, 1)} |`,
    "",
    "Heap = V8 heap plus ArrayBuffer backing stores (CDP Runtime.getHeapUsage), above the page's baseline.",
  ].join("\n");
}

function cmpCells(c: TrainComparison | undefined): string {
  if (c === undefined) return "– | – | – | – | –";
  const cell = (v: VariantResult): string => (v.summary ? formatSummary(v.summary) : `failed: ${v.error ?? "no runs"}`);
  const same = c.fitSameKernels;
  return [
    cell(c.engine),
    cell(c.reference),
    ratio(medianRatio(c.engine, c.reference)),
    same === undefined ? "same kernels" : cell(same),
    ratio(medianRatio(c.engine, same ?? c.reference)),
  ].join(" | ");
}

function settingsText(c: TrainComparison | undefined): string {
  if (c === undefined) return "";
  const s = c.settings;
  return `${s.rounds} × ${s.batches} (+${s.warmup})`;
}

export function trainCompareTable(browser: BrowserBench | undefined, node: TrainComparison[]): string {
  const lines = [
    "## Training throughput, 21,840-parameter CNN: the project's engine vs a tfjs-examples-style `model.fit` loop",
    "",
    "images/s, median (min–max); alternating round by round; same network, initial weights, images, optimizer (Adam 1e-3) and batch size.",
    "On wasm the engine has all the project's kernels, the reference only Conv2DBackpropFilter (the package as shipped cannot train a CNN);",
    "a third variant, model.fit with all the project's kernels, separates what the kernels buy from what the engine's loop buys.",
    "Other backends have no project kernels, so their reference already has the same kernels as the engine.",
    "",
    "| where | backend | detail | batch | rounds × batches (+warm-up) | engine | model.fit, stock kernels | engine ÷ stock fit | model.fit, same kernels | engine ÷ same-kernel fit |",
    "|---|---|---|---:|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of browser?.train ?? []) {
    const c = r.comparison;
    const where = `${browser?.browser ?? "Chromium"} (worker${r.threads === true ? ", isolated page" : ""})`;
    lines.push(
      `| ${where} | ${r.backend} | ${r.unavailable ?? r.detail ?? ""} | ${c?.settings.batchSize ?? "–"} | ${settingsText(c)} | ${cmpCells(c)} |`,
    );
  }
  for (const c of node) {
    lines.push(`| Node ${process.version} | ${c.backend} | | ${c.settings.batchSize} | ${settingsText(c)} | ${cmpCells(c)} |`);
  }
  const stock = [...(browser?.train.map((r) => r.comparison?.stockWasm) ?? []), ...node.map((c) => c.stockWasm)].find((s) => s);
  if (stock !== undefined) lines.push("", `tfjs-backend-wasm as shipped, asked to train the CNN: ${stock}.`);
  return lines.join("\n");
}

export function to99Table(b: BrowserBench): string {
  const runs = b.to99 ?? [];
  const first = runs[0];
  if (first === undefined) return "";
  const target = `${(first.target * 100).toFixed(1)}%`;
  const epochs = Math.max(...runs.map((r) => r.epochs.length));
  const lines = [
    `## Time to ${target} test accuracy, 21,840-parameter CNN (seed 1), headless ${b.browser}: the card's recipe and the reference one, one thread, then threads`,
    "",
    "Test accuracy, then cumulative training seconds (evaluation excluded), after each epoch.",
    "",
    `| epoch | ${runs.map((r) => `${r.recipeText}: ${r.backend} (${r.detail})`).join(" | ")} |`,
    `|---:|${runs.map(() => "---:|").join("")}`,
  ];
  for (let e = 0; e < epochs; e++) {
    const cells = runs.map((r) => {
      const p = r.epochs[e];
      return p === undefined ? "–" : `${(p.testAccuracy * 100).toFixed(2)}%, ${p.trainSeconds.toFixed(1)} s`;
    });
    lines.push(`| ${e + 1} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  for (const r of runs) {
    lines.push(
      r.reached
        ? `- ${r.recipeText}, ${r.detail}: ${target} after epoch ${r.reached.epoch}, ${r.reached.trainSeconds.toFixed(1)} s of training (${r.reached.wallSeconds.toFixed(1)} s with the evaluations).`
        : `- ${r.recipeText}, ${r.detail}: did not reach ${target} in ${r.epochs.length} epochs.`,
    );
  }
  for (const recipe of ["live", "reference"] as const) {
    const [one, many] = runs.filter((r) => r.recipe === recipe);
    if (one?.reached && many?.reached) {
      lines.push(
        `- ${one.recipeText}: threads ÷ one thread, training time to ${target}: ${(many.reached.trainSeconds / one.reached.trainSeconds).toFixed(2)}.`,
      );
    }
  }
  return lines.join("\n");
}

/** The service worker's first download (what reading needs) beside everything, engines included, that it could cache. */
export function firstVisitTable(f: FirstVisitBytes): string {
  const mb = (b: number): string => (b / 1e6).toFixed(2);
  const all = { files: f.precache.files + f.engines.files, bytes: f.precache.bytes + f.engines.bytes };
  return [
    "## First visit: what the service worker downloads before any demo starts",
    "",
    "| | files | MB (uncompressed) |",
    "|---|---:|---:|",
    `| precached on a first visit (pages, styles, fonts, page scripts) | ${f.precache.files} | ${mb(f.precache.bytes)} |`,
    `| engines, cached when a demo first needs them (TensorFlow.js, wasm, LP solver, workers) | ${f.engines.files} | ${mb(f.engines.bytes)} |`,
    `| everything (what precaching it all would download) | ${all.files} | ${mb(all.bytes)} |`,
    "",
    `First visit ÷ everything: ${(f.precache.bytes / all.bytes).toFixed(2)}.`,
  ].join("\n");
}
