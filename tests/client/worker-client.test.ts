import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WORKER_STOPPED, WorkerClient } from "../../src/client/worker-client.ts";
import { HEARTBEAT_MS } from "../../src/workers/liveness.ts";
import { FakeWorker } from "./fake-worker.ts";

const STARTUP_MS = 60_000;
const SILENCE_MS = 15 * HEARTBEAT_MS;

/** The page's request for a worker's lock, granted when the test says the worker has ended. */
let grants: Map<string, () => unknown>;
const request = vi.fn((name: string, grant: () => unknown) => {
  grants.set(name, grant);
  return new Promise(() => undefined);
});

function open() {
  const received: unknown[] = [];
  const failures: string[] = [];
  const client = new WorkerClient<unknown, unknown>(
    FakeWorker.create,
    (msg) => received.push(msg),
    (message) => failures.push(message),
  );
  const worker = FakeWorker.all.at(-1)!;
  return { client, worker, received, failures };
}

beforeEach(() => {
  FakeWorker.reset();
  grants = new Map();
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "performance", "Date"] });
  request.mockClear();
  vi.stubGlobal("navigator", { locks: { request } });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("WorkerClient", () => {
  it("hands the worker's own messages on, and keeps the liveness message to itself", () => {
    const { client, worker, received } = open();
    worker.reply({ type: "worker-alive", lock: null });
    worker.reply({ type: "result", id: 1 });
    expect(received).toEqual([{ type: "result", id: 1 }]);
    const buffer = new ArrayBuffer(4);
    client.post({ type: "run" }, [buffer]);
    expect(worker.posted).toEqual([{ msg: { type: "run" }, transfer: [buffer] }]);
  });

  it("fails a worker that never announces itself once the startup time is over", () => {
    const { worker, failures } = open();
    vi.advanceTimersByTime(STARTUP_MS);
    expect(failures).toEqual([]);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(failures).toEqual(["the background worker did not start"]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * STARTUP_MS);
    expect(failures).toHaveLength(1);
  });

  it("heartbeat mode: a worker that keeps beating lives past the startup time; silence then fails it", () => {
    const { worker, failures } = open();
    worker.reply({ type: "worker-alive", lock: null });
    for (let t = 0; t < 2 * STARTUP_MS; t += HEARTBEAT_MS) {
      vi.advanceTimersByTime(HEARTBEAT_MS);
      worker.reply({ type: "worker-alive", lock: null });
    }
    expect(failures).toEqual([]);
    vi.advanceTimersByTime(SILENCE_MS);
    expect(failures).toEqual([]);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(failures).toEqual(["the background worker stopped responding"]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
  });

  it("heartbeat mode: any message from the worker counts as a sign of life", () => {
    const { worker, failures } = open();
    worker.reply({ type: "worker-alive", lock: null });
    for (let t = 0; t < 3 * SILENCE_MS; t += HEARTBEAT_MS) {
      vi.advanceTimersByTime(HEARTBEAT_MS);
      worker.reply({ type: "progress", id: 1 });
    }
    expect(failures).toEqual([]);
  });

  it("lock mode: no watchdog; the failure comes when the worker's lock is granted to the page", async () => {
    const { worker, failures } = open();
    worker.reply({ type: "worker-alive", lock: "mnist-bits-worker-1" });
    // A later announcement changes nothing (a worker announces once; the mode is fixed by the first).
    worker.reply({ type: "worker-alive", lock: null });
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0]?.[0]).toBe("mnist-bits-worker-1");
    vi.advanceTimersByTime(10 * STARTUP_MS);
    expect(failures).toEqual([]);
    await grants.get("mnist-bits-worker-1")?.();
    expect(failures).toEqual([WORKER_STOPPED]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
  });

  it("lock mode: after terminate() the grant of the lock is not a failure", async () => {
    const { client, worker, failures } = open();
    worker.reply({ type: "worker-alive", lock: "mnist-bits-worker-2" });
    client.terminate();
    await grants.get("mnist-bits-worker-2")?.();
    expect(failures).toEqual([]);
  });

  it("an error event fails it once, names the error and stops the browser's own report", () => {
    const { worker, failures } = open();
    const event = worker.fail("ReferenceError: x is not defined");
    expect(event.defaultPrevented).toBe(true);
    worker.fail("again");
    expect(failures).toEqual(["the background worker failed (ReferenceError: x is not defined)"]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
  });

  it("an error event without a message is a module that could not be loaded", () => {
    const { worker, failures } = open();
    worker.fail();
    expect(failures).toEqual(["the background worker failed (it could not be loaded)"]);
  });

  it("a messageerror event fails it", () => {
    const { worker, failures } = open();
    worker.messageError();
    expect(failures).toEqual(["the background worker sent a message that could not be read"]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
  });

  it("a worker that cannot be constructed fails soon after, not inside the constructor", async () => {
    const failures: string[] = [];
    const client = new WorkerClient<unknown, unknown>(
      () => {
        throw new Error("blocked by CSP");
      },
      () => undefined,
      (message) => failures.push(message),
    );
    expect(failures).toEqual([]);
    await Promise.resolve();
    expect(failures).toEqual(["the background worker could not start (blocked by CSP)"]);
    client.post({ type: "run" });
    client.terminate();
  });

  it("terminate() ends the worker, stops the watchdog and makes later events and posts no-ops", () => {
    const { client, worker, failures } = open();
    client.terminate();
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * STARTUP_MS);
    worker.fail("late");
    worker.messageError();
    client.post({ type: "run" });
    client.terminate();
    expect(failures).toEqual([]);
    expect(worker.posted).toEqual([]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
  });
});
