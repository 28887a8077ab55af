import wasmUrl from "highs/runtime?url";
import { runCapacityExperiment } from "../lib/capacity/experiment.ts";
import { loadLpSolver, type LpSolver } from "../lib/capacity/solver.ts";
import { errorText, fetchDataFile, fetchManifest } from "../lib/data/fetch.ts";
import { parseLabels } from "../lib/data/idx.ts";
import { MNIST_FILES } from "../lib/data/mnist.ts";
import type { CapacityRequest, CapacityResponse } from "./capacity-protocol.ts";

const post = (msg: CapacityResponse, transfer: Transferable[] = []): void => postMessage(msg, { transfer });
let running: AbortController | undefined;
// Compiling the 3.5 MB solver takes a moment: one instance serves every run this worker makes.
let solver: Promise<LpSolver> | undefined;

addEventListener("message", (event: MessageEvent<CapacityRequest>) => {
  const msg = event.data;
  if (msg.type === "cancel") {
    running?.abort();
    return;
  }
  if (msg.type === "run") void run(msg);
  else void labels(msg.dataUrl);
});

function start(): AbortController {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  return controller;
}

function fail(controller: AbortController, e: unknown): void {
  if (controller.signal.aborted) post({ type: "cancelled" });
  else post({ type: "error", message: errorText(e) });
}

async function getSolver(): Promise<LpSolver> {
  if (solver === undefined) {
    post({ type: "solver-loading" });
    const started = performance.now();
    const pending = loadLpSolver({ wasmUrl: new URL(wasmUrl, location.href).href });
    solver = pending;
    pending.then(
      () => post({ type: "solver-ready", loadMs: performance.now() - started }),
      () => (solver = undefined),
    );
  }
  return solver;
}

async function run(msg: Extract<CapacityRequest, { type: "run" }>): Promise<void> {
  const controller = start();
  try {
    const lp = await getSolver().catch((e: unknown) => {
      throw new Error(`the LP solver could not be loaded (${errorText(e)})`);
    });
    controller.signal.throwIfAborted();
    const started = performance.now();
    const result = await runCapacityExperiment({
      solver: lp,
      dimension: msg.dimension,
      pointCounts: msg.pointCounts,
      trials: msg.trials,
      seed: msg.seed,
      signal: controller.signal,
      onProgress: (p) => post({ type: "progress", ...p }),
      onRow: (row) => post({ type: "row", row }),
    });
    post({ type: "done", result, runMs: performance.now() - started });
  } catch (e) {
    fail(controller, e);
  } finally {
    if (running === controller) running = undefined;
  }
}

async function labels(dataUrl: string): Promise<void> {
  const controller = start();
  try {
    const manifest = await fetchManifest(dataUrl, { signal: controller.signal });
    const entry = manifest.files.trainLabels;
    let received = 0;
    const bytes = await fetchDataFile(
      dataUrl,
      entry,
      (r, total) => {
        received = r;
        post({ type: "labels-progress", received: r, total });
      },
      { signal: controller.signal },
    );
    const parsed = parseLabels(bytes, MNIST_FILES.trainLabels);
    post({ type: "labels", labels: parsed, received }, [parsed.buffer]);
  } catch (e) {
    fail(controller, e);
  } finally {
    if (running === controller) running = undefined;
  }
}
