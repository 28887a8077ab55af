/**
 * Builds the bench page and its worker with Vite into dist-bench-browser/ (ignored by git). Production build, so the
 * code that runs is bundled and minified as the site's is.
 */
import { join } from "node:path";
import { build } from "vite";
import { tfjsThreads } from "../../src/integrations/tfjs-threads.ts";

const ROOT = join(import.meta.dirname, "..", "..");
export const BENCH_PAGE_DIR = join(ROOT, "dist-bench-browser");

export async function buildBenchPage(): Promise<string> {
  await build({
    root: import.meta.dirname,
    base: "/",
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    // As in the site's build (astro.config.mjs): the threaded wasm build needs its scripts as files.
    worker: { format: "es", plugins: () => [tfjsThreads()] },
    build: {
      outDir: BENCH_PAGE_DIR,
      emptyOutDir: true,
      target: "es2022",
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
      // On a busy machine the build's slow-plugin notice fires and says nothing about the benchmark.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
  });
  return BENCH_PAGE_DIR;
}
