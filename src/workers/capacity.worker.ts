import wasmUrl from "highs/runtime?url";
import { runCapacityExperiment } from "../lib/capacity/experiment.ts";
import { loadLpSolver, type LpSolver } from "../lib/capacity/solver.ts";
import { errorText, fetchDataFile, fetchManifest } from "../lib/data/fetch.ts";
import { parseLabels } from "../lib/data/idx.ts";
import { MNIST_FILES } from "../lib/data/mnist.ts";
import type { CapacityRequest, CapacityResponse } from "./capacity-protocol.ts";
import { serveJobs } from "./job-host.ts";

// Compiling the 3.5 MB solver takes a moment: one instance serves every run this worker makes.
let solver: Promise<LpSolver> | undefined;
type Post = (msg: CapacityResponse, transfer?: Transferable[]) => void;

serveJobs<CapacityRequest, CapacityResponse>({
  run: (msg, signal, post) => (msg.type === "run" ? run(msg, signal, post) : labels(msg.dataUrl, signal, post)),
  cancelled: () => ({ type: "cancelled" }),
  failed: (_msg, message) => ({ type: "error", message }),
});

async function getSolver(post: Post): Promise<LpSolver> {
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

async function run(msg: Extract<CapacityRequest, { type: "run" }>, signal: AbortSignal, post: Post): Promise<void> {
  const lp = await getSolver(post).catch((e: unknown) => {
    throw new Error(`the LP solver could not be loaded (${errorText(e)})`);
  });
  signal.throwIfAborted();
  const started = performance.now();
  const result = await runCapacityExperiment({
    solver: lp,
    dimension: msg.dimension,
    pointCounts: msg.pointCounts,
    trials: msg.trials,
    seed: msg.seed,
    signal,
    onProgress: (p) => post({ type: "progress", ...p }),
    onRow: (row) => post({ type: "row", row }),
  });
  post({ type: "done", result, runMs: performance.now() - started });
}

async function labels(dataUrl: string, signal: AbortSignal, post: Post): Promise<void> {
  const manifest = await fetchManifest(dataUrl, { signal });
  const entry = manifest.files.trainLabels;
  let received = 0;
  const bytes = await fetchDataFile(
    dataUrl,
    entry,
    (r, total) => {
      received = r;
      post({ type: "labels-progress", received: r, total });
    },
    { signal },
  );
  const parsed = parseLabels(bytes, MNIST_FILES.trainLabels);
  post({ type: "labels", labels: parsed, received }, [parsed.buffer]);
}
