/**
 * The wasm backend with threads where the page allows them, and a clean fall back to one thread where they do not
 * start. A pthread that cannot load (its script refused or missing, a broken build) either throws from an event
 * handler in this worker or leaves tfjs waiting for its pool for ever; both would otherwise kill or freeze the demo.
 * tfjs-backend-wasm keeps its state in its module, so the fall back re-registers the same backend factory with the
 * threaded build switched off and starts it again, in this worker.
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendChoice, SelectBackendOptions } from "../lib/train/backend.ts";
import { isThreadScript, planThreads, threadedDetail, type ThreadPlan } from "../lib/train/wasm-threads.ts";

/** Longer than a slow phone needs to compile the threaded module and load its 8 pthreads (about 1 s here). */
export const THREAD_START_TIMEOUT_MS = 20_000;

type Select = (options: SelectBackendOptions) => Promise<BackendChoice>;

let plan: ThreadPlan | undefined;
let failure: string | undefined;

function message(e: unknown): string {
  if (e instanceof ErrorEvent && e.message !== "") return `a pthread failed: ${e.message}`;
  if (e instanceof Event) return "a pthread's script failed to load";
  return e instanceof Error ? e.message : String(e);
}

/** Where a pthread's failure goes while a threaded start is being watched. */
let onPthreadError: ((reason: string) => void) | undefined;

/**
 * A pthread's failure reaches this worker's global scope, and from there the page, as "the background worker failed":
 * emscripten rethrows the event of a script that did not load (a plain Event), and an exception thrown in a pthread
 * comes up from it as an ErrorEvent naming its script. A pool has eight pthreads, and their errors keep coming after
 * the fall back has started; each is reported to the watcher, if any, and kept from the page. Other errors go on.
 */
function swallowPthreadErrors(): void {
  self.addEventListener("error", (e: ErrorEvent) => {
    const fromThread = e.error instanceof Event || isThreadScript(e.filename ?? "");
    if (!fromThread) return;
    e.preventDefault();
    onPthreadError?.(e.error instanceof Event ? message(e.error) : message(e));
  });
}

/** `select`, failing (instead of hanging or dying) if a pthread errors or the pool does not start in time. */
async function selectWatched(options: SelectBackendOptions, select: Select): Promise<BackendChoice> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const failed = new Promise<never>((_, reject) => {
    onPthreadError = (reason) => reject(new Error(reason));
    timer = setTimeout(
      () => reject(new Error(`the thread pool had not started after ${THREAD_START_TIMEOUT_MS / 1000} s`)),
      THREAD_START_TIMEOUT_MS,
    );
  });
  try {
    const choice = await Promise.race([select(options), failed]);
    if (choice.backend !== "wasm" && options.order?.includes("wasm") === true) {
      const reason = choice.skipped.find((s) => s.backend === "wasm")?.reason;
      if (reason !== undefined) throw new Error(reason);
    }
    return choice;
  } finally {
    onPthreadError = undefined;
    clearTimeout(timer);
  }
}

/**
 * Runs `start` while navigator.hardwareConcurrency reads `cores`. tfjs's C++ side caps the pool at half the cores
 * emscripten reports, whatever setThreadsCount asked for; it reads them once, when the backend starts.
 */
async function withReportedCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  Object.defineProperty(navigator, "hardwareConcurrency", { configurable: true, get: () => cores });
  try {
    return await start();
  } finally {
    // The own property shadowed the prototype's getter; deleting it brings the browser's figure back.
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** Forgets the half-started threaded instance and registers the same factory again, single-threaded this time. */
function restartSingleThreaded(): void {
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  const engine = tf.engine() as unknown as { registryFactory: Record<string, { factory: () => unknown; priority: number }> };
  const entry = engine.registryFactory["wasm"];
  if (entry === undefined) return;
  tf.removeBackend("wasm");
  tf.registerBackend("wasm", entry.factory as Parameters<typeof tf.registerBackend>[1], entry.priority);
}

/**
 * selectBackend with the wasm thread count planned from the page (planThreads). When wasm comes before the backend
 * chosen and threads fail to start, wasm runs again on one thread and its detail says why.
 */
export async function selectWithThreads(options: SelectBackendOptions, select: Select): Promise<BackendChoice> {
  if (plan === undefined) {
    // The package registers the WASM_* flags when it is imported; setting one before that throws.
    await import("@tensorflow/tfjs-backend-wasm");
    plan = planThreads({ isolated: self.crossOriginIsolated === true, cores: navigator.hardwareConcurrency });
    // Isolated with one core: the threaded build would only add a pool of idle pthreads.
    if (plan.threads === 1) tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    else swallowPthreadErrors();
  }
  const withThreads: SelectBackendOptions = { ...options, wasmThreads: plan.threads };
  const usesWasm = options.order === undefined || options.order.includes("wasm");
  let choice: BackendChoice;
  if (plan.threads > 1 && failure === undefined && usesWasm) {
    try {
      choice = await withReportedCores(2 * plan.threads, () => selectWatched(withThreads, select));
    } catch (e) {
      failure = message(e);
      restartSingleThreaded();
      choice = await select(withThreads);
    }
  } else {
    choice = await select(withThreads);
  }
  if (choice.backend !== "wasm") return choice;
  return { ...choice, detail: threadedDetail(choice.detail, plan, failure) };
}
