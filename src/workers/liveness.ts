/**
 * How a page notices that a worker is gone when no event says so. `self.close()`, a crash of the worker's thread or
 * the browser reclaiming its memory fire nothing on the Worker object, so without this a page would wait forever.
 *
 * The worker holds a Web Lock under a fresh name for its whole life and tells the page the name; the page asks for
 * the same lock, and the browser grants it the moment the worker ends, however it ended. Where Web Locks are missing
 * (an insecure context, an old browser) the worker sends a heartbeat instead and the page watches for silence.
 */

/** The one message every worker sends outside its own protocol; WorkerClient consumes it. */
export interface AliveMessage {
  type: "worker-alive";
  /** The lock the worker holds until it ends, or null for heartbeats. */
  lock: string | null;
}

export const HEARTBEAT_MS = 2_000;

export function isAliveMessage(data: unknown): data is AliveMessage {
  return typeof data === "object" && data !== null && (data as { type?: unknown }).type === "worker-alive";
}

/** Called once when a worker module starts. */
export function announceLiveness(): void {
  const post = (lock: string | null): void => postMessage({ type: "worker-alive", lock } satisfies AliveMessage);
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks === undefined || typeof crypto.randomUUID !== "function") {
    post(null);
    setInterval(() => post(null), HEARTBEAT_MS);
    return;
  }
  const name = `mnist-bits-worker-${crypto.randomUUID()}`;
  // Posted from inside the grant, so the page's request for the lock can only queue behind this worker.
  void locks.request(name, () => {
    post(name);
    return new Promise<never>(() => undefined);
  });
}
