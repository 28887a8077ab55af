import { benchBrowser } from "./suites/browser.ts";
const sizes = (process.argv[2] ?? "128,256").split(",").map(Number);
const train = sizes.flatMap((batchSize) => [
  { backend: "wasm" as const, settings: { rounds: 3, batches: 20, batchSize, warmup: 2 }, threads: true },
]);
const r = await benchBrowser({ rounds: 1, train });
for (const t of r.train) {
  const e = t.comparison?.engine as unknown as { median?: number; summary?: { median: number } };
  console.log(t.comparison?.settings.batchSize, t.detail, JSON.stringify(t.comparison?.engine).slice(0, 300));
}
