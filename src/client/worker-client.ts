import { HEARTBEAT_MS, isAliveMessage } from "../workers/liveness.ts";

/** A worker that has not announced itself by then never will (its module is small; the data comes later). */
const STARTUP_MS = 60_000;
/** Heartbeat mode only: this much silence means the worker is gone or stuck for good. */
const SILENCE_MS = 15 * HEARTBEAT_MS;

export const WORKER_STOPPED = "the background worker stopped unexpectedly";

/**
 * A typed handle on a module worker that turns every way a worker can die (a thrown error, a failed module load,
 * an unserialisable message, and a silent end such as `self.close()` or the browser killing it, which fire no event;
 * see workers/liveness.ts) into one `onFailure` call, so an island never waits forever.
 */
export class WorkerClient<Req, Res> {
  private worker: Worker | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  /** undefined until the worker announces itself; then "lock" or "heartbeat". */
  private mode: "lock" | "heartbeat" | undefined;

  constructor(
    create: () => Worker,
    private readonly onMessage: (msg: Res) => void,
    private readonly onFailure: (message: string) => void,
  ) {
    let worker: Worker;
    try {
      worker = create();
    } catch (e) {
      queueMicrotask(() => onFailure(`the background worker could not start (${e instanceof Error ? e.message : String(e)})`));
      return;
    }
    this.worker = worker;
    const started = performance.now();
    this.lastHeard = started;
    worker.addEventListener("message", (e: MessageEvent<unknown>) => {
      this.lastHeard = performance.now();
      if (isAliveMessage(e.data)) this.alive(worker, e.data.lock);
      else this.onMessage(e.data as Res);
    });
    worker.addEventListener("error", (e: ErrorEvent) => {
      e.preventDefault();
      this.fail(`the background worker failed (${e.message || "it could not be loaded"})`);
    });
    worker.addEventListener("messageerror", () => this.fail("the background worker sent a message that could not be read"));
    this.watchdog = setInterval(() => {
      const now = performance.now();
      if (this.mode === undefined && now - started > STARTUP_MS) this.fail("the background worker did not start");
      else if (this.mode === "heartbeat" && now - this.lastHeard > SILENCE_MS) this.fail("the background worker stopped responding");
    }, HEARTBEAT_MS);
  }

  post(msg: Req, transfer: Transferable[] = []): void {
    this.worker?.postMessage(msg, transfer);
  }

  terminate(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }

  private alive(worker: Worker, lock: string | null): void {
    if (this.mode !== undefined) return;
    if (lock === null) {
      this.mode = "heartbeat";
      return;
    }
    this.mode = "lock";
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    // Granted only once the worker has ended; after our own terminate() the worker is no longer ours and this is a no-op.
    void navigator.locks.request(lock, () => {
      if (this.worker === worker) this.fail(WORKER_STOPPED);
    });
  }

  private fail(message: string): void {
    if (this.worker === undefined) return;
    this.terminate();
    this.onFailure(message);
  }
}
