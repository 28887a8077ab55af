/**
 * `npm run bench`: speed measurements reported side by side with a reference variant measured in the same run.
 * Writes bench/results/<date>.json and prints a markdown table. `--smoke` runs a tiny version of every suite (each
 * browser backend, the worker, Node) so the script cannot rot; it skips the minutes-long run to 99%.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BackendName } from "../src/lib/train/backend.ts";
import type { CompareSettings } from "./lib/compare-train.ts";
import { firstVisitBytes, type FirstVisitBytes } from "../src/integrations/sw-precache.ts";
import { dataTable, firstVisitTable, statsTable, to99Table, trainCompareTable, trainWasmTable } from "./report.ts";
import { withBuiltSite } from "./site.ts";
import { benchBrowser } from "./suites/browser.ts";
import { benchPages, pagesTable, type PagesBench } from "./suites/pages.ts";
import { benchStats } from "./suites/stats.ts";
import { benchTrainNode } from "./suites/train-node.ts";
import { benchTrainWasm } from "./suites/train-wasm.ts";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    rounds: { type: "string" },
    // An existing build to run the browser benchmarks against (and its base path); otherwise one is built (bench/site.ts).
    site: { type: "string" },
    base: { type: "string" },
    // Port for serving that build (default 4361; the bench page itself takes any free port).
    "site-port": { type: "string" },
    // Comma-separated suites to run (default all): stats, wasm, train, browser, pages.
    only: { type: "string" },
  },
});
const smoke = values.smoke;
const rounds = values.rounds ? Number(values.rounds) : smoke ? 1 : 5;
const only = new Set((values.only ?? "stats,wasm,train,browser,pages").split(","));
const settings = { rounds, batches: smoke ? 1 : 50, batchSize: 64, warmup: smoke ? 1 : 2 };

/**
 * Engine vs reference settings per backend. Batch 64 everywhere in the full run; the software backends (SwiftShader
 * WebGL, plain-JS cpu) take seconds per batch, so they get fewer batches and rounds (Node's cpu backend computes the
 * convolution filter gradient an order of magnitude slower than Chromium's: one batch per round). The smoke run
 * takes one batch of 4 after one warm-up: enough to run every code path, not to measure anything.
 */
function compareSettings(backend: BackendName, where: "browser" | "node"): CompareSettings {
  if (smoke) return { rounds: 1, batches: 1, batchSize: 4, warmup: 1 };
  if (backend === "wasm" || backend === "webgpu") return { rounds, batches: 50, batchSize: 64, warmup: 2 };
  if (backend === "webgl") return { rounds: Math.min(rounds, 3), batches: 5, batchSize: 64, warmup: 1 };
  return { rounds: Math.min(rounds, 3), batches: where === "node" ? 1 : 3, batchSize: 64, warmup: 1 };
}

/** The page figures, plus what the service worker downloads on a first visit against what the engines would add. */
async function runPages(): Promise<PagesBench & { firstVisit: FirstVisitBytes }> {
  const site = {
    ...(values.site !== undefined ? { outDir: values.site } : {}),
    ...(values.base !== undefined ? { basePath: values.base } : {}),
    ...(values["site-port"] !== undefined ? { port: Number(values["site-port"]) } : {}),
  };
  return withBuiltSite(site, async (s) => ({
    ...(await benchPages(s, { smoke, ...(values.rounds !== undefined ? { rounds } : {}) })),
    firstVisit: firstVisitBytes(s.outDir, s.basePath),
  }));
}

const started = new Date();
const timings: Record<string, number> = {};
async function timed<T>(name: string, f: () => Promise<T> | T): Promise<T | undefined> {
  if (!only.has(name)) return undefined;
  const t0 = performance.now();
  console.error(`bench: ${name} …`);
  try {
    return await f();
  } finally {
    timings[name] = Math.round(performance.now() - t0) / 1000;
  }
}

const stats = await timed("stats", () => benchStats({ rounds: smoke ? 1 : 5 }));
const trainWasm = await timed("wasm", () => benchTrainWasm(settings));
const trainNode = await timed("train", () =>
  benchTrainNode({ wasm: compareSettings("wasm", "node"), cpu: compareSettings("cpu", "node") }),
);
const browser = await timed("browser", () =>
  benchBrowser({
    rounds: smoke ? 1 : rounds,
    train: [
      ...(["webgpu", "wasm", "webgl", "cpu"] as const).map((backend) => ({ backend, settings: compareSettings(backend, "browser") })),
      // The same on the cross-origin isolated page, where wasm runs with threads.
      { backend: "wasm" as const, settings: compareSettings("wasm", "browser"), threads: true },
    ],
    ...(smoke ? {} : { to99: 0.99 }),
  }),
);
const pages = await timed("pages", runPages);

const tables: string[] = [];
if (trainWasm) tables.push(trainWasmTable(trainWasm, settings));
if (trainNode || browser) tables.push(trainCompareTable(browser, trainNode ?? []));
if (browser) tables.push(dataTable(browser, smoke ? 1 : rounds));
if (browser?.to99) tables.push(to99Table(browser));
if (stats) tables.push(statsTable(stats));
if (pages) tables.push(pagesTable(pages), firstVisitTable(pages.firstVisit));
console.log(tables.join("\n\n"));

const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
const report = {
  date: started.toISOString(),
  smoke,
  node: process.version,
  commit,
  settings,
  secondsPerSuite: timings,
  stats,
  trainWasm,
  trainNode,
  browser,
  pages,
};
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const file = join(dir, `${smoke ? "smoke-" : ""}${started.toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
console.log(
  `\nwritten ${file} (${Object.entries(timings)
    .map(([k, v]) => `${k} ${v} s`)
    .join(", ")})`,
);
