/**
 * The bench page: runs each request in a fresh worker (as the site trains in one), and holds the dataset on the main
 * thread on request so the driver can read the heap with the DevTools protocol.
 */
import { loadMnist } from "../../src/lib/data/fetch.ts";
import { toFloat32Dataset } from "../lib/float32-dataset.ts";
import type { BenchReply, BenchRequest, DataVariant } from "./protocol.ts";

export interface BenchApi {
  run(request: BenchRequest): Promise<BenchReply>;
  /** Loads the dataset and keeps it (bytes, or only the float32 copy as data.js keeps it); resolves when held. */
  hold(dataUrl: string, variant: DataVariant): Promise<void>;
  release(): void;
}

declare global {
  interface Window {
    mbBench?: BenchApi;
    /** What `hold` keeps: on window, so no bundler can drop it as a store nobody reads. */
    mbBenchHeld?: unknown;
  }
}

function run(request: BenchRequest): Promise<BenchReply> {
  const worker = new Worker(new URL("./bench.worker.ts", import.meta.url), { type: "module" });
  return new Promise<BenchReply>((resolve) => {
    worker.addEventListener("message", (e: MessageEvent<BenchReply>) => {
      if (e.data.type === "progress") {
        console.log(`bench worker: ${e.data.text}`);
        return;
      }
      resolve(e.data);
    });
    worker.addEventListener("error", (e) => resolve({ type: "error", message: `worker error: ${e.message}` }));
    worker.addEventListener("messageerror", () => resolve({ type: "error", message: "worker message could not be read" }));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

async function hold(dataUrl: string, variant: DataVariant): Promise<void> {
  const { mnist } = await loadMnist(dataUrl, { fetch: (input, init) => fetch(input, { ...init, cache: "no-store" }) });
  window.mbBenchHeld = variant === "bytes" ? mnist : toFloat32Dataset(mnist);
}

window.mbBench = {
  run,
  hold,
  release: () => {
    window.mbBenchHeld = undefined;
  },
};
