/**
 * How many threads the wasm backend gets, and why not more. Pure: the worker (src/workers/wasm-threads.ts) supplies
 * what it sees of the browser.
 *
 * tfjs's own default is half the logical cores, silently, and one thread on a 2-core machine, where two measured
 * 1.25 times faster per batch (README, Performance). The site asks for every logical core up to the 8 pthreads the
 * tfjs build keeps in its pool: a thread beyond the pool would have to be started while the backend's own thread
 * waits for it, which emscripten cannot do from a worker without deadlocking.
 */
export const MAX_WASM_THREADS = 8;

/** The names the build gives the threaded factory and the pthread script (src/integrations/tfjs-threads.ts). */
export const THREAD_SCRIPTS = { factory: "tfjs-wasm-threaded-factory", pthread: "tfjs-wasm-pthread" } as const;

/** Whether an error event's script is one of the two the pthreads run. */
export function isThreadScript(url: string): boolean {
  const file = url.split(/[?#]/)[0]?.split("/").pop() ?? "";
  return Object.values(THREAD_SCRIPTS).some((name) => file.startsWith(`${name}-`) || file === `${name}.js`);
}

export interface ThreadEnvironment {
  /** self.crossOriginIsolated: SharedArrayBuffer, which wasm threads need, exists only then. */
  isolated: boolean;
  /** navigator.hardwareConcurrency, when the browser reports it. */
  cores: number | undefined;
}

export interface ThreadPlan {
  threads: number;
  /** Why only one thread, in words for the page; absent when threads are used. */
  reason?: string;
}

export function planThreads(env: ThreadEnvironment): ThreadPlan {
  if (!env.isolated) {
    return {
      threads: 1,
      reason: "the page is not cross-origin isolated (neither the host nor the service worker sent COOP/COEP headers)",
    };
  }
  const cores = env.cores !== undefined && Number.isFinite(env.cores) ? Math.floor(env.cores) : 1;
  if (cores <= 1) return { threads: 1, reason: "the browser reports a single core" };
  return { threads: Math.min(cores, MAX_WASM_THREADS) };
}

/** "SIMD, 2 threads", or "SIMD, 1 thread" with the reason it is one: the detail a BackendChoice carries. */
export function threadedDetail(detail: string, plan: ThreadPlan, failure?: string): string {
  if (failure !== undefined) return `${detail}: threads did not start (${failure})`;
  if (plan.reason !== undefined && plan.threads === 1) return `${detail}, because ${plan.reason}`;
  return detail;
}
