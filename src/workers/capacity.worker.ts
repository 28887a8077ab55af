import wasmUrl from "highs/runtime?url";
import { runCapacityExperiment } from "../lib/capacity/experiment.ts";
import { loadLpSolver, type LpSolver } from "../lib/capacity/solver.ts";
import { errorText, fetchDataFile, fetchManifest } from "../lib/data/fetch.ts";
import { parseLabels } from "../lib/data/idx.ts";
import { MNIST_FILES } from "../lib/data/mnist.ts";
import type { CapacityJob, CapacityProgress, CapacityProtocol, CapacityResult } from "./capacity-protocol.ts";
import { serveJobs, withTransfer, type JobContext, type Transferred } from "./job-host.ts";

// Compiling the 3.5 MB solver takes a moment: one instance serves every run this worker makes.
let solver: Promise<LpSolver> | undefined;

type Context = JobContext<CapacityProgress>;

serveJobs<CapacityProtocol>({
  run: (job, context) => (job.type === "experiment" ? experiment(job, context) : labels(job.dataUrl, context)),
});

async function getSolver(context: Context): Promise<LpSolver> {
  if (solver === undefined) {
    context.progress({ type: "solver-loading" });
    const started = performance.now();
    const pending = loadLpSolver({ wasmUrl: new URL(wasmUrl, location.href).href });
    solver = pending;
    try {
      await pending;
    } catch (e) {
      solver = undefined;
      throw new Error(`the LP solver could not be loaded (${errorText(e)})`, { cause: e });
    }
    // Reported from within the job, so a failure to post fails the job rather than escaping it.
    context.progress({ type: "solver-ready", loadMs: performance.now() - started });
  }
  return solver;
}

async function experiment(job: Extract<CapacityJob, { type: "experiment" }>, context: Context): Promise<CapacityResult> {
  const lp = await getSolver(context);
  context.signal.throwIfAborted();
  const started = performance.now();
  const result = await runCapacityExperiment({
    solver: lp,
    dimension: job.k,
    pointCounts: job.pointCounts,
    trials: job.trials,
    seed: job.seed,
    signal: context.signal,
    onProgress: (p) => context.progress({ type: "solving", ...p }),
    onRow: (row) => context.progress({ type: "row", row }),
  });
  return { type: "experiment", result, runMs: performance.now() - started };
}

async function labels(dataUrl: string, context: Context): Promise<Transferred<CapacityResult>> {
  const { signal, store } = context;
  const manifest = await fetchManifest(dataUrl, { signal });
  const entry = manifest.files.trainLabels;
  let received = 0;
  let reused = 0;
  const bytes = await fetchDataFile(
    dataUrl,
    entry,
    (r, total) => {
      received = r;
      context.progress({ type: "downloading", received: r, total });
    },
    { signal, ...(store === undefined ? {} : { store }) },
    (n) => (reused = n),
  );
  const parsed = parseLabels(bytes, MNIST_FILES.trainLabels);
  return withTransfer({ type: "labels", labels: parsed, received, reused }, [parsed.buffer]);
}
