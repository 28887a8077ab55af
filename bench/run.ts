/**
 * `npm run bench`: speed measurements reported side by side with a reference variant measured in the same run.
 * Writes bench/results/<date>.json and prints a markdown table. `--smoke` runs a tiny version so the script cannot rot.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatSummary } from "./stats.ts";
import { benchStats } from "./suites/stats.ts";
import { VARIANTS, benchTrainWasm } from "./suites/train-wasm.ts";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    rounds: { type: "string" },
    // An existing build to run the browser benchmarks against (and its base path); otherwise one is built (bench/site.ts).
    site: { type: "string" },
    base: { type: "string" },
  },
});
const smoke = values.smoke;
const rounds = values.rounds ? Number(values.rounds) : smoke ? 1 : 5;
const settings = { rounds, batches: smoke ? 3 : 50, batchSize: 64 };

const started = new Date();
const stats = benchStats({ rounds: smoke ? 1 : 5 });
const trainWasm = await benchTrainWasm(settings);

const lines: string[] = [];
lines.push(
  `## Training throughput on tfjs-backend-wasm (Node ${process.version}, batch ${settings.batchSize}, ${rounds} rounds × ${settings.batches} batches)`,
);
lines.push("");
lines.push("images/s, median (min–max) over rounds; ratios against the package as shipped and against the minimum a CNN needs.");
lines.push("");
lines.push(`| network | params | ${VARIANTS.map((v) => v.id).join(" | ")} | all ÷ stock | all ÷ filter-only |`);
lines.push(`|---|---:|${VARIANTS.map(() => "---:").join("|")}|---:|---:|`);
for (const arch of [...new Set(trainWasm.map((r) => r.arch))]) {
  const rows = trainWasm.filter((r) => r.arch === arch);
  const cell = (id: string): string => {
    const r = rows.find((x) => x.variant === id);
    return r?.imagesPerSecond ? formatSummary(r.imagesPerSecond) : "cannot train";
  };
  const median = (id: string): number | undefined => rows.find((x) => x.variant === id)?.imagesPerSecond?.median;
  const ratio = (a: string, b: string): string => {
    const x = median(a);
    const y = median(b);
    return x !== undefined && y !== undefined ? `${(x / y).toFixed(2)}×` : "–";
  };
  lines.push(
    `| ${arch} | ${rows[0]?.params ?? ""} | ${VARIANTS.map((v) => cell(v.id)).join(" | ")} | ${ratio("all", "stock")} | ${ratio("all", "filter-only")} |`,
  );
}
lines.push("");
lines.push(`## Per-pixel statistics (chapters 1-2), ${(stats.bytes / 1e6).toFixed(1)} MB of training pixels, ms, median (min–max)`);
lines.push("");
lines.push("| pass | ms | ÷ reference |");
lines.push("|---|---:|---:|");
lines.push(`| reference: sum every byte once | ${formatSummary(stats.sumPassMs, 1)} | 1.00× |`);
lines.push(
  `| count tables (10 classes × 784 pixels × 256 levels) | ${formatSummary(stats.countPassMs, 1)} | ${(stats.countPassMs.median / stats.sumPassMs.median).toFixed(2)}× |`,
);
lines.push(`| one threshold change from the counts (every number of the chapter) | ${formatSummary(stats.thresholdUpdateMs, 2)} | – |`);
const table = lines.join("\n");
console.log(table);

const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
const report = { date: started.toISOString(), smoke, node: process.version, commit, settings, stats, trainWasm };
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const file = join(dir, `${smoke ? "smoke-" : ""}${started.toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
console.log(`\nwritten ${file}`);
